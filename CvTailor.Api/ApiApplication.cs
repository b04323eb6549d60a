using CvTailor.Api.Artifacts;
using CvTailor.Api.BackgroundWork;
using CvTailor.Api.Auth;
using CvTailor.Api.Export.Endpoints;
using CvTailor.Api.Generation.Endpoints;
using CvTailor.Api.HttpPipeline;
using CvTailor.Api.Llm;
using CvTailor.Api.Llm.Endpoints;
using CvTailor.Api.Search;
using CvTailor.Api.Storage;
using CvTailor.Data;

namespace CvTailor.Api;

/// <summary>
/// The whole Api composition, used by Program.cs and by the test host (which builds its own
/// <see cref="WebApplicationBuilder"/> with configuration overrides). Each area adds one line to each method.
/// </summary>
public static class ApiApplication
{
    public static WebApplicationBuilder AddCvTailorApi(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.AddPgVectorDbContext<CvTailorDbContext>(CvTailorDatabase.ConnectionName, o => o.UseCvTailorConventions());
        builder.AddHttpConventions();
        builder.Services.AddBackgroundWork();
        builder.Services.AddFileStorage();
        builder.AddAuth();
        builder.AddArtifacts();
        builder.AddGeneration();
        builder.AddExport();
        builder.AddSearch();
        return builder;
    }

    public static WebApplication UseCvTailorApi(this WebApplication app)
    {
        app.UseHttpConventions();
        app.MapDefaultEndpoints();
        app.MapApiDocumentation();
        app.MapGet("/", () => TypedResults.Ok(new { service = "cvtailor-api" })).AllowAnonymous().ExcludeFromDescription();
        // One group around the areas, so the answers given before a handler runs are documented on every endpoint.
        var areas = app.MapGroup("").DescribeAuthResponses().DescribeThrottling();
        areas.MapAuth();
        areas.MapArtifacts();
        areas.MapGeneration();
        areas.MapExport();
        areas.MapLlm();
        areas.MapSearch();
        areas.MapEmbeddingReads();
        return app;
    }
}
