using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CvTailor.Api.Generation.Content;
using CvTailor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Tests.Api.Generation;

/// <summary>One Api configured with <c>Llm:Provider=openai</c> against <see cref="FakeChatServer"/>.</summary>
public sealed class LlmApiFixture : IAsyncLifetime
{
    public FakeChatServer Chat { get; private set; } = null!;

    public ApiServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Chat = await FakeChatServer.StartAsync();
        Server = await ApiServer.StartAsync(new()
        {
            ["Llm:Provider"] = "openai",
            ["Llm:Endpoint"] = Chat.Endpoint.ToString(),
            ["Llm:ApiKey"] = "test-key-not-a-secret",
            ["Llm:Model"] = "gpt-4o-mini",
            ["Generation:Concurrency"] = "1",
        });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Chat.DisposeAsync();
    }
}

/// <summary>
/// Optional LLM rewriting through the real <c>IChatClient</c>: a grounded rewrite replaces the deterministic CV; a
/// rewrite that invents facts, cites foreign URLs, is not JSON or has the wrong shape is rejected; a failing model
/// falls back; none of it fails the generation. Sequential (one chat mode at a time).
/// </summary>
public sealed class LlmRewriteTests(LlmApiFixture fixture) : IClassFixture<LlmApiFixture>
{
    [Fact]
    public async Task Rewrites_are_vetted_before_they_replace_the_deterministic_cv()
    {
        var user = await fixture.Server.SeedDevUserAsync("u1");
        var job = DevData.Job("u1-j1");

        fixture.Chat.Mode = "grounded";
        var applied = await user.Client.GenerateAsync("cv", GenerationApi.JobBody(job));
        var metadata = applied["metadata"]!;
        Assert.Equal("applied", metadata["llm_rewrite"]!["status"]!.GetValue<string>());
        Assert.Equal("gpt-4o-mini", metadata["model_used"]!.GetValue<string>());
        Assert.Equal("gpt-4o-mini", applied["model_version"]!.GetValue<string>());
        Assert.StartsWith(FakeChatServer.GroundedSummaryPrefix, applied["content"]!["professional_summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1200, metadata["token_usage"]!["input"]!.GetValue<int>());
        using (var content = JsonDocument.Parse(applied["content"]!.ToJsonString()))
        {
            Assert.Empty(CvContentSchema.Validate(content.RootElement));
        }
        // The prompt carried this user's facts and nobody else's.
        var prompt = fixture.Chat.Requests.Last()["messages"]!.AsArray().Last()!["content"]!.GetValue<string>();
        Assert.Contains("Tallyrock", prompt, StringComparison.Ordinal);
        Assert.All(DevData.ForeignPhrases("u1"), phrase => Assert.DoesNotContain(phrase, prompt, StringComparison.Ordinal));

        foreach (var mode in new[] { "hallucinate", "foreign-url", "not-json", "schema" })
        {
            fixture.Chat.Mode = mode;
            var rejected = await user.Client.GenerateAsync("cv", GenerationApi.JobBody(job));
            var rewrite = rejected["metadata"]!["llm_rewrite"]!;
            Assert.True(rewrite["status"]!.GetValue<string>() == "rejected", $"{mode}: {rewrite.ToJsonString()}");
            Assert.Equal("cvtailor-deterministic-1", rejected["model_version"]!.GetValue<string>());
            var text = rejected["content"]!.ToJsonString();
            Assert.DoesNotContain("Google", text, StringComparison.Ordinal);
            Assert.DoesNotContain("attacker.example.net", text, StringComparison.Ordinal);
            Assert.DoesNotContain(FakeChatServer.GroundedSummaryPrefix, text, StringComparison.Ordinal);
            if (mode == "hallucinate")
            {
                var problems = rewrite["problems"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
                Assert.Contains("number: 173", problems);
                Assert.Contains("organization: Google", problems);
                Assert.Contains("skill: Haskell", problems);
            }
        }

        // Each call was recorded: metrics per call, cost per day.
        await using var db = fixture.Server.CreateDbContext();
        var calls = await db.ModelPerformanceMetrics.Where(m => m.UserId == user.Session.UserId && m.ModelName == "gpt-4o-mini").ToListAsync();
        Assert.Equal(5, calls.Count);
        Assert.Single(calls, c => !c.FallbackUsed);
        Assert.All(calls, c => Assert.Equal(1500, c.TokensUsed));
        Assert.All(calls, c => Assert.Equal(0.00036m, c.CostUsd)); // 1.2K in × 0.00015 + 0.3K out × 0.0006
        var cost = await db.ModelCostTracking.SingleAsync(c => c.UserId == user.Session.UserId && c.ModelName == "gpt-4o-mini");
        Assert.Equal(5, cost.GenerationCount);
        Assert.Equal(0.0018m, cost.TotalCostUsd);
    }

    [Fact]
    public async Task A_failing_model_falls_back_and_its_circuit_opens()
    {
        var user = await fixture.Server.SeedDevUserAsync("u2");
        var job = DevData.Set.Jobs.First(j => j.UserId == "u2");
        fixture.Chat.Mode = "fail";
        try
        {
            for (var i = 0; i < 5; i++)
            {
                var done = await user.Client.GenerateAsync("cv", GenerationApi.JobBody(job));
                Assert.Equal("failed", done["metadata"]!["llm_rewrite"]!["status"]!.GetValue<string>());
                Assert.Equal("completed", done["status"]!.GetValue<string>());
                Assert.NotEmpty(done["content"]!["experience"]!.AsArray());
            }
            var requests = fixture.Chat.Requests.Count;
            var skipped = await user.Client.GenerateAsync("cv", GenerationApi.JobBody(job));
            Assert.Equal("skipped", skipped["metadata"]!["llm_rewrite"]!["status"]!.GetValue<string>());
            Assert.Equal(requests, fixture.Chat.Requests.Count); // the open circuit kept the call from being made

            using var breaker = await user.Client.GetAsync("/api/v1/llm/circuit-breakers/gpt-4o-mini/");
            var state = (await breaker.ReadJsonAsync())!;
            Assert.Equal("open", state["state"]!.GetValue<string>());
            Assert.False(state["is_healthy"]!.GetValue<bool>());

            // Only staff may reset it.
            using var denied = await user.Client.PostAsync("/api/v1/llm/circuit-breakers/gpt-4o-mini/reset/", null);
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }
        finally
        {
            await using var db = fixture.Server.CreateDbContext();
            await db.CircuitBreakerStates.ExecuteDeleteAsync();
            fixture.Chat.Mode = "grounded";
        }
    }

    [Fact]
    public async Task Cover_letters_are_not_sent_to_the_model()
    {
        var user = await fixture.Server.SeedDevUserAsync("u3");
        var before = fixture.Chat.Requests.Count;
        var done = await user.Client.GenerateAsync("cover-letter", GenerationApi.JobBody(DevData.Set.Jobs.First(j => j.UserId == "u3")));
        Assert.Equal("disabled", done["metadata"]!["llm_rewrite"]!["status"]!.GetValue<string>());
        Assert.Equal(before, fixture.Chat.Requests.Count);
        Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync($"{GenerationApi.Generate}{done["id"]}/")).StatusCode);
    }
}
