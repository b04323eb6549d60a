using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CvTailor.Api.Artifacts.Processing;
using CvTailor.Api.BackgroundWork;
using CvTailor.Api.HttpPipeline;
using CvTailor.Data;
using CvTailor.Data.Artifacts;
using CvTailor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CvTailor.Tests.Api.Artifacts;

/// <summary>
/// Loopback evidence sites (one on 127.0.0.1 that also stands in for the GitHub API, one on 127.0.0.2) and two Apis:
/// one that may reach loopback (<c>Evidence:AllowPrivateNetworks</c>) and one with the SSRF guard on, where only
/// 127.0.0.2 is exempted as a "trusted private network" and a check's time limit is 5 s.
/// </summary>
public sealed class EvidenceFixture : IAsyncLifetime
{
    public EvidenceSite Site { get; private set; } = null!;
    public EvidenceSite OtherSite { get; private set; } = null!;
    public ApiServer Open { get; private set; } = null!;
    public ApiServer Guarded { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Site = await EvidenceSite.StartAsync("127.0.0.1");
        OtherSite = await EvidenceSite.StartAsync("127.0.0.2");
        Open = await ApiServer.StartAsync(new()
        {
            ["Evidence:AllowPrivateNetworks"] = "true",
            ["Evidence:AllowedHosts:1"] = "127.0.0.2",
            // Long enough that the gated link below never times out while the test watches R8.
            ["Evidence:Timeout"] = "00:01:00",
            ["Evidence:ExportTimeout"] = "00:00:05",
            ["Evidence:GitHubApiBaseUrl"] = Site.GitHubApiBase.AbsoluteUri,
            ["Evidence:GitHubToken"] = EvidenceSite.GitHubToken,
        });
        Guarded = await ApiServer.StartAsync(new()
        {
            ["Evidence:AllowedHosts:1"] = "127.0.0.2",
            ["Evidence:AllowedHosts:2"] = "localhost",
            ["Evidence:AllowedPrivateNetworks:0"] = "127.0.0.2/32",
            ["Evidence:Timeout"] = "00:00:05", // long enough for a cold loopback site on a busy machine; /slow takes a minute
            ["Evidence:GitHubApiBaseUrl"] = Site.GitHubApiBase.AbsoluteUri,
        });
    }

    public async Task DisposeAsync()
    {
        await Open.DisposeAsync();
        await Guarded.DisposeAsync();
        await Site.DisposeAsync();
        await OtherSite.DisposeAsync();
    }
}

/// <summary>Artifact processing end to end: R6/R7/R2/R11/R12 open jobs, the worker checks links, R8 reports, E1 validates.</summary>
public sealed class EvidenceProcessingTests(EvidenceFixture fixture) : IClassFixture<EvidenceFixture>
{
    EvidenceSite Site => fixture.Site;

    [Fact]
    public async Task Upload_is_processed_links_checked_pdf_read_github_analysed_and_status_reported()
    {
        var server = fixture.Open;
        var (client, session) = await server.CreateUserClientAsync();
        var tag = Guid.NewGuid().ToString("N");
        var links = new (string Url, string Type)[]
        {
            (Site.Url("/ok"), "website"),
            (Site.Url("/missing"), "live_app"),
            (Site.Url("/redirect/3"), "website"),
            (Site.Url("/no-head"), "portfolio"),
            (Site.Url($"/status/503/{tag}"), "other"),
            (Site.Url($"/gate/{tag}"), "other"),
            ("https://github.com/octo/demo", "github"),
            ("https://github.com/octo/gone", "github"),
        };
        var metadata = System.Text.Json.JsonSerializer.Serialize(new
        {
            title = "Thesis", description = "Research",
            evidence_links = links.Select(l => new { url = l.Url, type = l.Type }),
        });
        using var response = await client.PostAsync($"{ArtifactClient.Root}upload/",
            ArtifactClient.Multipart("files", [("thesis.pdf", MetadataPdf.Build("My Thesis", "Ada Lovelace", "Thesis text"), "application/pdf")], [("metadata", metadata)]));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.ReadJsonAsync())!["artifact_id"]!.GetValue<int>();

        // The gated link holds the job in its link-check step: R8 shows it processing, between 30 and 80 %.
        var during = await PollStatusAsync(client, id, s => s["status"]!.GetValue<string>() == "processing"
            && s["progress_percentage"]!.GetValue<int>() is >= 30 and < 80);
        Assert.Equal(9, during["total_evidence_count"]!.GetValue<int>());
        // An unfinished answer says when to ask again: the job's expected remaining time, within the hint's bounds.
        var (_, hint, _) = await StatusWithHintAsync(client, id);
        Assert.InRange(hint!.Value, 20, 5000);
        Site.Open(tag);
        await server.WaitForProcessingAsync(id);

        // Links checked; the artifact's embedding job is still open, so R8 says processing at 90 %.
        var waiting = await StatusAsync(client, id);
        Assert.Equal("processing", waiting["status"]!.GetValue<string>());
        Assert.Equal(90, waiting["progress_percentage"]!.GetValue<int>());
        Assert.Equal(9, waiting["processed_evidence_count"]!.GetValue<int>());
        var (_, waitingHint, waitingSeconds) = await StatusWithHintAsync(client, id);
        Assert.Equal(1000, waitingHint); // the embedding job runs elsewhere: a fixed second
        Assert.Equal("1", waitingSeconds);
        await server.InDbAsync(async db => await db.EmbeddingJobs.Where(j => j.ArtifactId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, "done").SetProperty(j => j.CompletedAt, DateTime.UtcNow)));
        var done = await StatusAsync(client, id);
        Assert.Equal("completed", done["status"]!.GetValue<string>());
        Assert.Equal(100, done["progress_percentage"]!.GetValue<int>());
        Assert.NotNull(done["completed_at"]);
        var (_, doneHint, doneSeconds) = await StatusWithHintAsync(client, id);
        Assert.Null(doneHint);
        Assert.Null(doneSeconds);

        var rows = await server.InDbAsync(db => db.EvidenceLinks.Where(l => l.ArtifactId == id).ToListAsync());
        var job = await server.InDbAsync(db => db.ArtifactProcessingJobs.SingleAsync(j => j.ArtifactId == id));
        Assert.Equal("completed", job.Status);
        Assert.Equal(100, job.ProgressPercentage);
        Assert.NotNull(job.CompletedAt);
        var results = JsonNode.Parse(job.EvidenceValidationResults)!.AsObject();
        Assert.Equal(rows.Select(r => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), results.Select(p => p.Key).Order());
        Assert.All(rows, r => Assert.NotNull(r.LastValidated));

        EvidenceLink Row(string url) => rows.Single(r => r.Url == url);
        JsonNode Meta(string url) => JsonNode.Parse(Row(url).ValidationMetadata)!;

        var ok = Row(Site.Url("/ok"));
        Assert.True(ok.IsAccessible);
        Assert.Equal(200, Meta(ok.Url)["status_code"]!.GetValue<int>());
        Assert.Equal(ok.Url, Meta(ok.Url)["final_url"]!.GetValue<string>());
        var headers = Meta(ok.Url)["headers"]!.AsObject();
        Assert.Equal("\"v1\"", headers["ETag"]!.GetValue<string>());
        Assert.DoesNotContain(headers, h => h.Key.Contains("cookie", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("success", results[ok.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]!["status"]!.GetValue<string>());

        var missing = Row(Site.Url("/missing"));
        Assert.False(missing.IsAccessible);
        Assert.Equal(404, Meta(missing.Url)["status_code"]!.GetValue<int>());

        var redirected = Row(Site.Url("/redirect/3"));
        Assert.True(redirected.IsAccessible);
        Assert.Equal(Site.Url("/ok"), Meta(redirected.Url)["final_url"]!.GetValue<string>());

        var noHead = Row(Site.Url("/no-head"));
        Assert.True(noHead.IsAccessible);
        Assert.True(Site.Hits("GET", "/no-head") >= 1);

        // One request for a 503: the standard resilience retries are not applied to evidence checks.
        var unavailable = Row(Site.Url($"/status/503/{tag}"));
        Assert.False(unavailable.IsAccessible);
        Assert.Equal(503, Meta(unavailable.Url)["status_code"]!.GetValue<int>());
        Assert.Equal(1, Site.Hits("HEAD", $"/status/503/{tag}"));

        Assert.True(Row(Site.Url($"/gate/{tag}")).IsAccessible);

        // github.com itself is off-limits to the test Api (never contacted); the analysis goes to the stand-in.
        var github = Row("https://github.com/octo/demo");
        Assert.False(github.IsAccessible);
        Assert.Equal(NetworkGuard.RefusedHost, Meta(github.Url)["error"]!.GetValue<string>());

        var pdfLink = rows.Single(r => r.FilePath.Length > 0);
        Assert.True(pdfLink.IsAccessible);
        var extracted = JsonNode.Parse(await server.InDbAsync(db => db.Artifacts.Where(a => a.Id == id).Select(a => a.ExtractedMetadata).SingleAsync()))!;
        var pdf = extracted["pdf_metadata"]![pdfLink.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]!;
        Assert.True(pdf["page_count"]?.GetValue<int>() == 1, pdf.ToJsonString());
        Assert.Equal("My Thesis", pdf["title"]!.GetValue<string>());
        Assert.Equal("Ada Lovelace", pdf["author"]!.GetValue<string>());
        Assert.StartsWith("2024-01-02T03:04:05", pdf["creation_date"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Thesis text", pdf["first_page_text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(JsonNode.Parse(job.MetadataExtracted)!.ToJsonString(), extracted["pdf_metadata"]!.ToJsonString());
        var repo = extracted["github_metadata"]![github.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]!;
        Assert.Equal("demo", repo["name"]!.GetValue<string>());
        Assert.Equal(42, repo["stars"]!.GetValue<int>());
        Assert.Equal(7, repo["forks"]!.GetValue<int>());
        Assert.Equal(9000, repo["languages"]!["C#"]!.GetValue<int>());
        Assert.Equal("""["dotnet","cv"]""", repo["topics"]!.ToJsonString());
        var commits = repo["recent_commits"]!.AsArray();
        Assert.Equal(5, commits.Count);
        Assert.Equal("01abcde", commits[0]!["sha"]!.GetValue<string>());
        Assert.Equal("Ada", commits[0]!["author"]!.GetValue<string>());
        var gone = extracted["github_metadata"]![Row("https://github.com/octo/gone").Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]!;
        Assert.Equal("GitHub API answered 404.", gone["error"]!.GetValue<string>());
        Assert.NotNull(extracted["processing_timestamp"]);
        Assert.Contains($"token {EvidenceSite.GitHubToken}", Site.GitHubAuthorizations);

        // The artifact's own API shows the link fields.
        var detail = await client.GetArtifactAsync(id);
        var shown = detail["evidence_links"]!.AsArray().Single(l => l!["url"]!.GetValue<string>() == Site.Url("/missing"))!;
        Assert.False(shown["is_accessible"]!.GetValue<bool>());
        Assert.NotNull(shown["last_validated"]);
        Assert.Equal(404, shown["validation_metadata"]!["status_code"]!.GetValue<int>());
        _ = session;
    }

    [Fact]
    public async Task New_and_changed_links_are_checked_and_extracted_metadata_keeps_other_keys()
    {
        var server = fixture.Open;
        var (client, _) = await server.CreateUserClientAsync();
        var id = await client.CreateAsync();
        using (var none = await client.GetAsync($"{ArtifactClient.Root}{id}/status/"))
        {
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        }
        await server.InDbAsync(db => db.Artifacts.Where(a => a.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ExtractedMetadata, """{"langchain_processing": {"chunks": 3}}""")));

        // R11 opens a job.
        using var created = await client.PostAsJsonAsync($"{ArtifactClient.Root}{id}/evidence-links/",
            new { url = "https://github.com/octo/tool", link_type = "github" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var linkId = (await created.ReadJsonAsync())!["id"]!.GetValue<long>();
        await server.WaitForProcessingAsync(id);
        var extracted = JsonNode.Parse(await server.InDbAsync(db => db.Artifacts.Where(a => a.Id == id).Select(a => a.ExtractedMetadata).SingleAsync()))!;
        Assert.Equal(3, extracted["langchain_processing"]!["chunks"]!.GetValue<int>());
        Assert.Equal("tool", extracted["github_metadata"]![linkId.ToString(System.Globalization.CultureInfo.InvariantCulture)]!["name"]!.GetValue<string>());

        // R12 with the same URL opens none; a new URL resets the link and opens one.
        var jobs = await server.InDbAsync(db => db.ArtifactProcessingJobs.CountAsync(j => j.ArtifactId == id));
        using (var same = await client.PutAsJsonAsync($"{ArtifactClient.Root}evidence-links/{linkId}/",
                   new { url = "https://github.com/octo/tool", link_type = "github", description = "renamed" }))
        {
            Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        }
        Assert.Equal(jobs, await server.InDbAsync(db => db.ArtifactProcessingJobs.CountAsync(j => j.ArtifactId == id)));
        using (var changed = await client.PutAsJsonAsync($"{ArtifactClient.Root}evidence-links/{linkId}/",
                   new { url = Site.Url("/missing"), link_type = "website" }))
        {
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }
        Assert.Equal(jobs + 1, await server.InDbAsync(db => db.ArtifactProcessingJobs.CountAsync(j => j.ArtifactId == id)));
        await server.WaitForProcessingAsync(id);
        var link = await server.InDbAsync(db => db.EvidenceLinks.SingleAsync(l => l.Id == linkId));
        Assert.False(link.IsAccessible);
        Assert.Equal(404, JsonNode.Parse(link.ValidationMetadata)!["status_code"]!.GetValue<int>());
        extracted = JsonNode.Parse(await server.InDbAsync(db => db.Artifacts.Where(a => a.Id == id).Select(a => a.ExtractedMetadata).SingleAsync()))!;
        Assert.Equal(3, extracted["langchain_processing"]!["chunks"]!.GetValue<int>());
    }

    [Fact]
    public async Task R2_with_links_opens_a_job_and_another_user_gets_404()
    {
        var server = fixture.Open;
        var (owner, _) = await server.CreateUserClientAsync();
        var (intruder, _) = await server.CreateUserClientAsync();
        var id = await owner.CreateAsync(new
        {
            title = "T", description = "D", evidence_links = new[] { new { url = Site.Url("/ok"), link_type = "website" } },
        });
        await server.WaitForProcessingAsync(id);
        Assert.Equal(1, (await StatusAsync(owner, id))["processed_evidence_count"]!.GetValue<int>());
        using var foreign = await intruder.GetAsync($"{ArtifactClient.Root}{id}/status/");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal("Artifact not found", (await foreign.ReadJsonAsync())!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_job_queued_and_run_several_times_is_processed_once()
    {
        var server = fixture.Open;
        var (client, _) = await server.CreateUserClientAsync();
        var id = await client.CreateAsync();
        var path = $"/status/200/{Guid.NewGuid():N}";
        var jobId = await server.InDbAsync(async db =>
        {
            db.EvidenceLinks.Add(new EvidenceLink { ArtifactId = id, Url = Site.Url(path), LinkType = "website" });
            var job = new ArtifactProcessingJob { ArtifactId = id, CreatedAt = DateTime.UtcNow.AddMinutes(-5) };
            db.ArtifactProcessingJobs.Add(job);
            await db.SaveChangesAsync();
            return job.Id;
        });

        // The channel twice, the sweep (which re-queues pending rows), and two runners called directly at once.
        var channel = server.Services.GetRequiredService<ArtifactProcessingChannel>();
        channel.Enqueue(jobId);
        channel.Enqueue(jobId);
        var sweeper = server.Services.GetServices<IHostedService>().OfType<RetentionSweeper>().Single();
        await Task.WhenAll(
            sweeper.SweepAsync(startup: true, CancellationToken.None),
            RunDirectlyAsync(server, jobId),
            RunDirectlyAsync(server, jobId));
        await server.WaitForProcessingAsync(id);

        Assert.Equal(1, Site.Hits("HEAD", path));
        var job = await server.InDbAsync(db => db.ArtifactProcessingJobs.SingleAsync(j => j.Id == jobId));
        Assert.Equal("completed", job.Status);
    }

    [Fact]
    public async Task The_guard_refuses_loopback_private_hops_and_names_that_resolve_to_them()
    {
        var server = fixture.Guarded;
        var other = fixture.OtherSite;
        var (client, _) = await server.CreateUserClientAsync();
        var tag = Guid.NewGuid().ToString("N");
        var direct = Site.Url($"/status/200/direct-{tag}");
        var hopTarget = Site.Url($"/status/200/hop-{tag}");
        var hop = other.Url($"/redirect-to?target={Uri.EscapeDataString(hopTarget)}");
        var byName = $"http://localhost:{Site.BaseAddress.Port}/status/200/name-{tag}";
        var exempt = other.Url("/ok");
        var slow = other.Url("/slow");
        var id = await client.CreateAsync(new
        {
            title = "T", description = "D",
            evidence_links = new[] { direct, hop, byName, exempt, slow }.Select(u => new { url = u, link_type = "website" }),
        });
        await server.WaitForProcessingAsync(id);

        var rows = await server.InDbAsync(db => db.EvidenceLinks.Where(l => l.ArtifactId == id).ToListAsync());
        string Error(string url) => JsonNode.Parse(rows.Single(r => r.Url == url).ValidationMetadata)!["error"]?.GetValue<string>() ?? "";
        Assert.Equal(NetworkGuard.RefusedAddress, Error(direct));
        Assert.Equal(NetworkGuard.RefusedAddress, Error(hop));
        Assert.Equal(NetworkGuard.RefusedAddress, Error(byName));
        Assert.True(rows.Single(r => r.Url == exempt).IsAccessible);
        Assert.StartsWith("Timed out", Error(slow), StringComparison.Ordinal); // this Api's time limit is 5 s
        Assert.All(rows.Where(r => r.Url != exempt), r => Assert.False(r.IsAccessible));
        Assert.Equal(0, Site.Hits("HEAD", $"/status/200/direct-{tag}"));
        Assert.Equal(0, Site.Hits("HEAD", $"/status/200/hop-{tag}"));
        Assert.Equal(0, Site.Hits("HEAD", $"/status/200/name-{tag}"));
        Assert.Equal(1, other.Hits("HEAD", "/redirect-to"));

        // A link that fails is a result: the job completed.
        var job = await server.InDbAsync(db => db.ArtifactProcessingJobs.SingleAsync(j => j.ArtifactId == id));
        Assert.Equal("completed", job.Status);
    }

    [Fact]
    public async Task The_sweep_fails_a_job_whose_process_died_while_running_it()
    {
        var server = fixture.Open;
        var (client, _) = await server.CreateUserClientAsync();
        var id = await client.CreateAsync();
        var jobId = await server.InDbAsync(async db =>
        {
            var job = new ArtifactProcessingJob { ArtifactId = id, Status = "processing", ProgressPercentage = 30, CreatedAt = DateTime.UtcNow.AddHours(-1) };
            db.ArtifactProcessingJobs.Add(job);
            await db.SaveChangesAsync();
            return job.Id;
        });
        var sweeper = server.Services.GetServices<IHostedService>().OfType<RetentionSweeper>().Single();
        await sweeper.SweepAsync(startup: false, CancellationToken.None);

        var status = await StatusAsync(client, id);
        Assert.Equal("failed", status["status"]!.GetValue<string>());
        Assert.Equal("Processing was interrupted.", status["error_message"]!.GetValue<string>());
        Assert.NotNull((await server.InDbAsync(db => db.ArtifactProcessingJobs.SingleAsync(j => j.Id == jobId))).CompletedAt);
    }

    static async Task RunDirectlyAsync(ApiServer server, Guid jobId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ArtifactProcessingRunner>().RunAsync(jobId, CancellationToken.None);
    }

    static async Task<JsonNode> StatusAsync(HttpClient client, int id)
    {
        using var response = await client.GetAsync($"{ArtifactClient.Root}{id}/status/");
        var json = (await response.ReadJsonAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        return json;
    }

    /// <summary>R8 with its hint headers: Retry-After-Ms (null when absent) and Retry-After.</summary>
    static async Task<(JsonNode Json, int? HintMs, string? RetryAfter)> StatusWithHintAsync(HttpClient client, int id)
    {
        using var response = await client.GetAsync($"{ArtifactClient.Root}{id}/status/");
        var json = (await response.ReadJsonAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        int? hint = response.Headers.TryGetValues(RetryHint.MillisecondsHeader, out var values)
            ? int.Parse(values.Single(), System.Globalization.CultureInfo.InvariantCulture)
            : null;
        return (json, hint, response.Headers.TryGetValues("Retry-After", out var seconds) ? seconds.Single() : null);
    }

    static async Task<JsonNode> PollStatusAsync(HttpClient client, int id, Func<JsonNode, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var json = await StatusAsync(client, id);
            if (until(json))
            {
                return json;
            }
            Assert.True(DateTime.UtcNow < deadline, $"R8 never reached the expected state: {json.ToJsonString()}");
            await Task.Delay(25);
        }
    }
}
