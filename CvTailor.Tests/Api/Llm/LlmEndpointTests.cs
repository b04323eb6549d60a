using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CvTailor.Tests.Api.Artifacts;
using CvTailor.Tests.Api.Generation;
using CvTailor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Tests.Api.Llm;

/// <summary>/api/v1/llm/ (L0–L8, L13–L16): own rows only, staff see all, circuit breakers writable by staff only.</summary>
public sealed class LlmEndpointTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    const string Llm = "/api/v1/llm/";
    const string Posting = "Backend Engineer\n\nRequirements\n- Go and PostgreSQL.\n";

    ApiServer Server => api.Server;

    async Task<(HttpClient Client, AuthSession Session)> UserWithGenerationAsync()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        await client.CreateAsync(GenerationApi.Artifact("Ledger", "Built a ledger in Go on PostgreSQL.", "2022-01-01", null, ["Go"]));
        await client.GenerateAsync("cv", new { job_description = Posting });
        return (client, session);
    }

    async Task MakeStaffAsync(long userId)
    {
        await using var db = Server.CreateDbContext();
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsStaff, true));
    }

    [Fact]
    public async Task Metrics_costs_and_stats_are_the_callers_own()
    {
        var (alice, aliceSession) = await UserWithGenerationAsync();
        var (bob, _) = await UserWithGenerationAsync();

        using (var root = await alice.GetAsync(Llm))
        {
            var json = (await root.ReadJsonAsync())!.AsObject();
            Assert.Equal(["performance-metrics", "circuit-breakers", "cost-tracking", "job-embeddings", "enhanced-artifacts"], json.Select(p => p.Key));
            Assert.StartsWith(Server.BaseAddress.ToString().TrimEnd('/'), json["performance-metrics"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        var metrics = await GetAsync(alice, $"{Llm}performance-metrics/");
        Assert.Equal(1, metrics["count"]!.GetValue<int>());
        var metric = metrics["results"]![0]!;
        Assert.Equal("cvtailor-deterministic", metric["model_name"]!.GetValue<string>());
        Assert.Equal("cv_generation", metric["task_type"]!.GetValue<string>());
        Assert.Equal("0.000000", metric["cost_usd"]!.GetValue<string>());
        Assert.Equal(aliceSession.Email, metric["user_email"]!.GetValue<string>());
        var id = metric["id"]!.GetValue<string>();
        Assert.Equal(id, (await GetAsync(alice, $"{Llm}performance-metrics/{id}/"))["id"]!.GetValue<string>());
        using (var foreign = await bob.GetAsync($"{Llm}performance-metrics/{id}/"))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1, (await GetAsync(alice, $"{Llm}performance-metrics/?date_from={today}&task_type=cv_generation&success=true"))["count"]!.GetValue<int>());
        Assert.Equal(0, (await GetAsync(alice, $"{Llm}performance-metrics/?model_name=gpt-4o"))["count"]!.GetValue<int>());
        using (var bad = await alice.GetAsync($"{Llm}performance-metrics/?date_from=yesterday"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.NotNull((await bad.ReadJsonAsync())!["date_from"]);
        }

        var summary = await GetAsync(alice, $"{Llm}performance-metrics/summary/");
        Assert.Equal(1, summary["today"]!["total_requests"]!.GetValue<int>());
        Assert.Equal(100.0, summary["today"]!["success_rate"]!.GetValue<double>());
        Assert.Equal(0, summary["yesterday"]!["total_requests"]!.GetValue<int>());

        var costs = await GetAsync(alice, $"{Llm}cost-tracking/");
        Assert.Equal(1, costs["count"]!.GetValue<int>());
        Assert.Equal(1, costs["results"]![0]!["generation_count"]!.GetValue<int>());
        Assert.Equal("0.000000", costs["results"]![0]!["total_cost_usd"]!.GetValue<string>());
        var costId = costs["results"]![0]!["id"]!.GetValue<long>();
        using (var foreign = await bob.GetAsync($"{Llm}cost-tracking/{costId}/"))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }
        var monthly = await GetAsync(alice, $"{Llm}cost-tracking/monthly_summary/");
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), monthly["month"]!.GetValue<string>());
        Assert.Equal(1, monthly["models"]![0]!["total_generations"]!.GetValue<int>());

        var stats = (await GetAsync(alice, $"{Llm}model-stats/")).AsArray();
        Assert.Equal(1, Assert.Single(stats)!["total_requests"]!.GetValue<int>());

        // Staff see everyone's rows.
        await MakeStaffAsync(aliceSession.UserId);
        Assert.True((await GetAsync(alice, $"{Llm}performance-metrics/?page_size=1"))["count"]!.GetValue<int>() >= 2);
        Assert.Single((await GetAsync(alice, $"{Llm}performance-metrics/?page_size=1"))["results"]!.AsArray());
    }

    [Fact]
    public async Task Circuit_breakers_are_readable_by_all_and_writable_by_staff()
    {
        var (user, _) = await Server.CreateUserClientAsync();
        var (admin, adminSession) = await Server.CreateUserClientAsync();
        await MakeStaffAsync(adminSession.UserId);

        using (var denied = await user.PostAsJsonAsync($"{Llm}circuit-breakers/", new { model_name = "gpt-3.5-turbo" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }
        using (var created = await admin.PostAsJsonAsync($"{Llm}circuit-breakers/", new { model_name = "gpt-3.5-turbo", state = "open", failure_count = 5 }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        using (var duplicate = await admin.PostAsJsonAsync($"{Llm}circuit-breakers/", new { model_name = "gpt-3.5-turbo" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        }
        var breaker = await GetAsync(user, $"{Llm}circuit-breakers/gpt-3.5-turbo/"); // a dotted name is addressable
        Assert.Equal("open", breaker["state"]!.GetValue<string>());
        Assert.Equal("Open", breaker["state_display"]!.GetValue<string>());
        Assert.False(breaker["is_healthy"]!.GetValue<bool>());

        var health = await GetAsync(user, $"{Llm}circuit-breakers/health_status/");
        Assert.Equal(1, health["models_by_state"]!["open"]!.GetValue<int>());
        var system = await GetAsync(user, $"{Llm}system-health/");
        Assert.Equal(1, system["circuit_breakers_open"]!.GetValue<int>());
        Assert.Equal(100.0, system["success_rate"]!.GetValue<double>());

        using (var patch = await user.PatchAsJsonAsync($"{Llm}circuit-breakers/gpt-3.5-turbo/", new { state = "closed" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, patch.StatusCode);
        }
        using (var invalid = await admin.PatchAsJsonAsync($"{Llm}circuit-breakers/gpt-3.5-turbo/", new { state = "ajar" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            Assert.Equal("\"ajar\" is not a valid choice.", (await invalid.ReadJsonAsync())!["state"]![0]!.GetValue<string>());
        }
        using (var reset = await admin.PostAsync($"{Llm}circuit-breakers/gpt-3.5-turbo/reset/", null))
        {
            var json = (await reset.ReadJsonAsync())!;
            Assert.Equal("Circuit breaker for gpt-3.5-turbo has been reset", json["message"]!.GetValue<string>());
            Assert.Equal("closed", json["new_state"]!.GetValue<string>());
        }
        using (var missing = await admin.PostAsync($"{Llm}circuit-breakers/no-such-model/reset/", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal("No CircuitBreakerState matches the given query.", (await missing.ReadJsonAsync())!["detail"]!.GetValue<string>());
        }
        using (var deleted = await admin.DeleteAsync($"{Llm}circuit-breakers/gpt-3.5-turbo/"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        await using var db = Server.CreateDbContext();
        Assert.False(await db.CircuitBreakerStates.AnyAsync(s => s.ModelName == "gpt-3.5-turbo"));
    }

    [Fact]
    public async Task Model_selection_and_available_models_describe_this_deployment()
    {
        var (client, _) = await Server.CreateUserClientAsync();
        var models = (await GetAsync(client, $"{Llm}available-models/")).AsObject();
        Assert.True(models["cvtailor-deterministic"]!["is_available"]!.GetValue<bool>());
        Assert.True(models["use-lite"]!["is_available"]!.GetValue<bool>());
        Assert.False(models["gpt-4o"]!["is_available"]!.GetValue<bool>()); // no chat model configured
        Assert.Equal("0.002500", models["gpt-4o"]!["cost_input"]!.GetValue<string>());
        Assert.Equal("unknown", models["gpt-4o"]!["circuit_breaker_status"]!.GetValue<string>());

        using (var selected = await client.PostAsJsonAsync($"{Llm}select-model/", new { task_type = "cv_generation", complexity_score = 0.9 }))
        {
            var json = (await selected.ReadJsonAsync())!;
            Assert.Equal(HttpStatusCode.OK, selected.StatusCode);
            Assert.Equal("cvtailor-deterministic", json["selected_model"]!.GetValue<string>());
            Assert.Equal("0.000000", json["estimated_cost_usd"]!.GetValue<string>());
            Assert.Contains("strategy_balanced_high_complexity", json["reasoning"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        using (var embedding = await client.PostAsJsonAsync($"{Llm}select-model/", new { task_type = "embedding", strategy = "cost_optimized" }))
        {
            Assert.Equal("use-lite", (await embedding.ReadJsonAsync())!["selected_model"]!.GetValue<string>());
        }
        foreach (var (body, field) in new (object, string)[]
                 {
                     (new { }, "task_type"),
                     (new { task_type = "poetry" }, "task_type"),
                     (new { task_type = "embedding", complexity_score = 2 }, "complexity_score"),
                     (new { task_type = "embedding", strategy = "yolo" }, "strategy"),
                     (new { task_type = "embedding", user_budget = 0 }, "user_budget"),
                 })
        {
            using var bad = await client.PostAsJsonAsync($"{Llm}select-model/", body);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.NotNull((await bad.ReadJsonAsync())![field]);
        }
        using var anonymous = await Server.Client.GetAsync($"{Llm}available-models/");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    static async Task<JsonNode> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var json = (await response.ReadJsonAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {json}");
        return json;
    }
}
