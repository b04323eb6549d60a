using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using CvTailor.Tests.Api.Artifacts;
using CvTailor.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;

namespace CvTailor.Tests.Api.Generation;

/// <summary>Many users generating at once, and the telemetry a generation and an export leave behind.</summary>
public sealed class ConcurrencyTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    const string Posting = """
        Backend Engineer

        Requirements
        - Go and PostgreSQL in production.
        - Kafka or another event streaming platform.
        """;

    [Fact]
    public async Task Twenty_simultaneous_generations_for_different_users_do_not_cross_talk()
    {
        // Each user's record carries a code word of their own; each CV must contain its own and nobody else's.
        var users = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            var (client, session) = await api.Server.CreateUserClientAsync();
            var word = $"Quillon{(char)('A' + i)}{(char)('a' + i)}x";
            await client.CreateAsync(GenerationApi.Artifact($"{word} ledger service",
                $"Built the {word} ledger service in Go on PostgreSQL and streamed its events to Kafka.", "2022-01-01", null, ["Go", "PostgreSQL", "Kafka"]));
            await client.CreateAsync(GenerationApi.Artifact($"{word} reporting",
                $"Wrote the {word} PostgreSQL reports used by finance.", "2020-01-01", "2021-01-01", ["PostgreSQL"]));
            return (Client: client, Session: session, Word: word);
        }));

        var started = await Task.WhenAll(users.Select(u => u.Client.StartAsync(u.Word.EndsWith("Aax", StringComparison.Ordinal) ? "cover-letter" : "cv",
            new { job_description = Posting, company_name = "Tallyrock" })));
        var done = await Task.WhenAll(users.Select((u, i) => u.Client.WaitForGenerationAsync(started[i])));

        for (var i = 0; i < users.Length; i++)
        {
            Assert.Equal("completed", done[i]["status"]!.GetValue<string>());
            var text = done[i]["content"]!.ToJsonString();
            Assert.Contains(users[i].Word, text, StringComparison.Ordinal);
            foreach (var other in users.Where((_, j) => j != i))
            {
                Assert.DoesNotContain(other.Word, text, StringComparison.Ordinal);
            }
            using var foreign = await users[(i + 1) % users.Length].Client.GetAsync($"{GenerationApi.Generate}{started[i]}/");
            Assert.Equal(System.Net.HttpStatusCode.NotFound, foreign.StatusCode);
        }
    }

    [Fact]
    public async Task Generation_and_export_emit_their_spans_and_measurements()
    {
        var spans = new List<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is CvTailorTelemetry.Generation or CvTailorTelemetry.Export,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a => { lock (spans) { spans.Add(a.OperationName); } },
        };
        ActivitySource.AddActivityListener(listener);
        var measurements = new List<string>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name is CvTailorTelemetry.Generation or CvTailorTelemetry.Export)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<double>((instrument, _, _, _) => { lock (measurements) { measurements.Add(instrument.Name); } });
        meters.Start();

        var (client, _) = await api.Server.CreateUserClientAsync();
        await client.CreateAsync(GenerationApi.Artifact("Ledger", "Built a ledger in Go on PostgreSQL.", "2022-01-01", null, ["Go"]));
        using (await client.PostAsJsonAsync("/api/v1/generate/match/", new { job_description = Posting }))
        {
        }
        var cv = await client.GenerateAsync("cv", new { job_description = Posting });
        await client.ExportAsync(Guid.Parse(cv["id"]!.GetValue<string>()), new { format = "pdf" });

        // A job's span ends just after its row says completed; give it a moment.
        await CvTailor.Tests.Embeddings.Eventually.WaitAsync(() => Task.FromResult(Snapshot(spans).Count(n => n == TelemetryNames.Spans.Export)),
            n => n > 0, TimeSpan.FromSeconds(10), "the export span");
        lock (spans)
        {
            foreach (var name in new[] { TelemetryNames.Spans.Generation, TelemetryNames.Spans.JobParsing, TelemetryNames.Spans.Ranking, TelemetryNames.Spans.Export })
            {
                Assert.Contains(name, spans);
            }
        }
        lock (measurements)
        {
            Assert.Contains(TelemetryNames.Instruments.GenerationDuration, measurements);
            Assert.Contains(TelemetryNames.Instruments.ExportDuration, measurements);
        }
    }

    static List<string> Snapshot(List<string> items)
    {
        lock (items)
        {
            return [.. items];
        }
    }
}
