using CvTailor.Api.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CvTailor.Api.Llm.Endpoints;

/// <summary>
/// The LLM services area, <c>/api/v1/llm/</c> (contract §2.2 L0–L8, L13–L16; the job-embedding and
/// enhanced-artifact views L9–L12 are mapped by the embeddings side under the same prefix). All need a signed-in caller.
/// </summary>
public static class LlmEndpoints
{
    public const string Prefix = "/api/v1/llm";

    public static RouteGroupBuilder MapLlm(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup(Prefix).RequireAuthorization().WithTags("LLM services");
        group.MapGet("/", Root).WithName("LlmApiRoot");

        group.MapGet("/performance-metrics/", PerformanceMetricEndpoints.ListAsync).WithName("ListPerformanceMetrics");
        group.MapGet("/performance-metrics/summary/", PerformanceMetricEndpoints.SummaryAsync).WithName("PerformanceMetricsSummary");
        group.MapGet("/performance-metrics/{id:guid}/", PerformanceMetricEndpoints.GetAsync).WithName("GetPerformanceMetric");

        group.MapGet("/circuit-breakers/", CircuitBreakerEndpoints.ListAsync).WithName("ListCircuitBreakers");
        group.MapPost("/circuit-breakers/", CircuitBreakerEndpoints.CreateAsync).WithName("CreateCircuitBreaker")
            .RequireAuthorization(StaffPolicy.Name);
        group.MapGet("/circuit-breakers/health_status/", CircuitBreakerEndpoints.HealthStatusAsync).WithName("CircuitBreakerHealth");
        group.MapGet("/circuit-breakers/{modelName}/", CircuitBreakerEndpoints.GetAsync).WithName("GetCircuitBreaker");
        group.MapPut("/circuit-breakers/{modelName}/", CircuitBreakerEndpoints.ReplaceAsync).WithName("ReplaceCircuitBreaker")
            .RequireAuthorization(StaffPolicy.Name);
        group.MapPatch("/circuit-breakers/{modelName}/", CircuitBreakerEndpoints.PatchAsync).WithName("PatchCircuitBreaker")
            .RequireAuthorization(StaffPolicy.Name);
        group.MapDelete("/circuit-breakers/{modelName}/", CircuitBreakerEndpoints.DeleteAsync).WithName("DeleteCircuitBreaker")
            .RequireAuthorization(StaffPolicy.Name);
        group.MapPost("/circuit-breakers/{modelName}/reset/", CircuitBreakerEndpoints.ResetAsync).WithName("ResetCircuitBreaker")
            .RequireAuthorization(StaffPolicy.Name);

        group.MapGet("/cost-tracking/", CostTrackingEndpoints.ListAsync).WithName("ListCostTracking");
        group.MapGet("/cost-tracking/monthly_summary/", CostTrackingEndpoints.MonthlySummaryAsync).WithName("CostTrackingMonthlySummary");
        group.MapGet("/cost-tracking/{id:long}/", CostTrackingEndpoints.GetAsync).WithName("GetCostTracking");

        group.MapGet("/model-stats/", PerformanceMetricEndpoints.ModelStatsAsync).WithName("ModelStats");
        group.MapPost("/select-model/", ModelEndpoints.SelectModelAsync).WithName("SelectModel");
        group.MapGet("/system-health/", ModelEndpoints.SystemHealthAsync).WithName("SystemHealth");
        group.MapGet("/available-models/", ModelEndpoints.AvailableModelsAsync).WithName("AvailableModels");
        return group;
    }

    /// <summary>L0: the router's API root, absolute URLs of the viewsets.</summary>
    static Ok<Dictionary<string, string>> Root(HttpRequest request)
    {
        var root = $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}{Prefix}";
        return TypedResults.Ok(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["performance-metrics"] = $"{root}/performance-metrics/",
            ["circuit-breakers"] = $"{root}/circuit-breakers/",
            ["cost-tracking"] = $"{root}/cost-tracking/",
            ["job-embeddings"] = $"{root}/job-embeddings/",
            ["enhanced-artifacts"] = $"{root}/enhanced-artifacts/",
        });
    }
}
