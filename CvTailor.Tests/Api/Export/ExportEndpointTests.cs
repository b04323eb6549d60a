using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CvTailor.Api.Export.Endpoints;
using CvTailor.Api.Export.Layout;
using CvTailor.Tests.Api.Generation;
using CvTailor.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace CvTailor.Tests.Api.Export;

/// <summary>One Api whose download links are signed with a key the tests know (to forge expired and tampered links).</summary>
public sealed class ExportApiFixture : IAsyncLifetime
{
    public const string SigningKey = "export-download-test-key-0123456789abcdef";

    public ApiServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ApiServer.StartAsync(new() { ["Export:DownloadSigningKey"] = SigningKey });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>E1–E8 over real HTTP, files in the storage root read back with PdfPig and OpenXml.</summary>
public sealed class ExportEndpointTests(ExportApiFixture fixture) : IClassFixture<ExportApiFixture>
{
    ApiServer Server => fixture.Server;

    static readonly string[] Headings =
        [SectionTitles.ProfessionalSummary, SectionTitles.KeySkills, SectionTitles.Experience, SectionTitles.Projects, SectionTitles.Education];

    async Task<(SeededUser User, JsonNode Cv)> CvAsync(string devUser)
    {
        var user = await Server.SeedDevUserAsync(devUser);
        var cv = await user.Client.GenerateAsync("cv", GenerationApi.JobBody(DevData.Set.Jobs.First(j => j.UserId == devUser)));
        return (user, cv);
    }

    [Fact]
    public async Task Pdf_export_reads_back_with_the_name_headings_bullets_and_nothing_of_other_users()
    {
        var (user, cv) = await CvAsync("u1");
        var (other, otherCv) = await CvAsync("u2");
        var id = Guid.Parse(cv["id"]!.GetValue<string>());
        using (var response = await user.Client.PostAsJsonAsync($"{GenerationApi.Export}{id}/", new { format = "pdf" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var started = (await response.ReadJsonAsync())!.AsObject();
            Assert.Equal(["export_id", "status", "estimated_completion_time", "file_size_estimate"], started.Select(p => p.Key));
            Assert.Equal("processing", started["status"]!.GetValue<string>());
            var done = await user.Client.WaitForExportAsync(Guid.Parse(started["export_id"]!.GetValue<string>()));
            Assert.Equal(
                ["id", "generated_document", "format", "template", "export_options", "status", "progress_percentage", "error_message", "file_path",
                 "file_size", "download_count", "download_url", "created_at", "completed_at", "expires_at"],
                done.AsObject().Select(p => p.Key));
            Assert.Equal("completed", done["status"]!.GetValue<string>());
            Assert.Equal(100, done["progress_percentage"]!.GetValue<int>());
            Assert.Equal($"exports/cv_{user.Session.UserId}_{done["id"]!.GetValue<string>()}.pdf", done["file_path"]!.GetValue<string>());
            var completed = DateTime.Parse(done["completed_at"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            var expires = DateTime.Parse(done["expires_at"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            Assert.Equal(TimeSpan.FromHours(24), expires - completed);
            Assert.True(File.Exists(Path.Combine(Server.StorageRoot, done["file_path"]!.GetValue<string>())));

            using var download = await user.Client.GetAsync($"{GenerationApi.Export}{done["id"]}/download/");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment; filename=\"cv_Tomasz_Reyes_Tallyrock.pdf\"", download.Content.Headers.ContentDisposition!.ToString());
            var bytes = await download.Content.ReadAsByteArrayAsync();
            Assert.Equal(done["file_size"]!.GetValue<int>(), bytes.Length);

            using var pdf = PdfDocument.Open(bytes);
            var text = string.Join(' ', pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            Assert.StartsWith(user.Name, text, StringComparison.Ordinal);
            Assert.Equal($"CV - {user.Name}", pdf.Information.Title);
            var positions = Headings.Select(h => text.IndexOf(h, StringComparison.Ordinal)).ToList();
            Assert.All(positions, p => Assert.True(p >= 0, text));
            Assert.Equal(positions.Order(), positions);
            foreach (var bullet in cv["content"]!["experience"]!.AsArray().SelectMany(e => e!["achievements"]!.AsArray()))
            {
                Assert.Contains(Normalise(bullet!.GetValue<string>()), text, StringComparison.Ordinal);
            }
            foreach (var phrase in DevData.ForeignPhrases("u1").Append(other.Name))
            {
                Assert.DoesNotContain(phrase, text, StringComparison.Ordinal);
            }
            Assert.DoesNotContain(Normalise(otherCv["content"]!["professional_summary"]!.GetValue<string>()), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Docx_markdown_and_json_resume_exports_honour_the_options()
    {
        var (user, cv) = await CvAsync("u2");
        var id = Guid.Parse(cv["id"]!.GetValue<string>());

        var docx = await user.Client.ExportAsync(id, new
        {
            format = "docx",
            sections = new { include_skills = false },
            options = new { include_evidence = true, evidence_format = "footnotes", font_size = 12 },
        });
        using (var download = await user.Client.GetAsync($"{GenerationApi.Export}{docx["id"]}/download/"))
        {
            Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", download.Content.Headers.ContentType!.MediaType);
            using var stream = new MemoryStream(await download.Content.ReadAsByteArrayAsync());
            using var document = WordprocessingDocument.Open(stream, false);
            var paragraphs = document.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>().ToList();
            string StyleOf(Paragraph p) => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "";
            Assert.Equal(user.Name, Assert.Single(paragraphs, p => StyleOf(p) == "Heading1").InnerText);
            var sections = paragraphs.Where(p => StyleOf(p) == "Heading2").Select(p => p.InnerText).ToList();
            Assert.DoesNotContain(SectionTitles.KeySkills, sections); // sections.include_skills = false
            Assert.Contains(SectionTitles.Experience, sections);
            Assert.Contains(SectionTitles.Evidence, sections); // evidence as footnotes: a numbered list at the end
            Assert.Equal($"CV - {user.Name}", document.PackageProperties.Title);
        }

        var markdown = await user.Client.ExportAsync(id, new { format = "markdown", options = new { include_evidence = false } });
        Assert.Equal("markdown", markdown["format"]!.GetValue<string>());
        using (var download = await user.Client.GetAsync($"{GenerationApi.Export}{markdown["id"]}/download/"))
        {
            var text = await download.Content.ReadAsStringAsync();
            Assert.StartsWith($"# {user.Name}", text, StringComparison.Ordinal);
            Assert.Contains($"## {SectionTitles.Experience}", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Evidence:", text, StringComparison.Ordinal);
        }

        var resume = await user.Client.ExportAsync(id, new { format = "json_resume" });
        Assert.Equal("json_resume", resume["format"]!.GetValue<string>());
        Assert.EndsWith(".json", resume["file_path"]!.GetValue<string>(), StringComparison.Ordinal);
        using (var download = await user.Client.GetAsync($"{GenerationApi.Export}{resume["id"]}/download/"))
        {
            var json = (await download.Content.ReadFromJsonAsync<JsonNode>())!;
            Assert.Equal(user.Name, json["basics"]!["name"]!.GetValue<string>());
            Assert.NotEmpty(json["work"]!.AsArray());
            Assert.All(json["work"]!.AsArray(), w => Assert.False(string.IsNullOrEmpty(w!["name"]?.GetValue<string>() ?? w["position"]?.GetValue<string>())));
        }
    }

    [Fact]
    public async Task A_cover_letter_exports_as_pdf_with_its_evidence_links()
    {
        var user = await Server.SeedDevUserAsync("u3");
        var job = DevData.Set.Jobs.First(j => j.UserId == "u3");
        var letter = await user.Client.GenerateAsync("cover-letter", GenerationApi.JobBody(job));
        var id = Guid.Parse(letter["id"]!.GetValue<string>());
        using (var resume = await user.Client.PostAsJsonAsync($"{GenerationApi.Export}{id}/", new { format = "json_resume" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, resume.StatusCode);
            Assert.NotNull((await resume.ReadJsonAsync())!["format"]);
        }
        var done = await user.Client.ExportAsync(id, new { format = "pdf" });
        using var download = await user.Client.GetAsync($"{GenerationApi.Export}{done["id"]}/download/");
        Assert.StartsWith("attachment; filename=\"cover_letter_", download.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        using var pdf = PdfDocument.Open(await download.Content.ReadAsByteArrayAsync());
        var text = string.Join(' ', pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        var links = pdf.GetPages().SelectMany(p => p.GetHyperlinks()).Select(h => h.Uri).ToList();
        Assert.Contains(job.Company, text, StringComparison.Ordinal);
        foreach (var url in letter["content"]!["evidence"]!.AsArray().Select(e => e!["url"]!.GetValue<string>()))
        {
            Assert.Contains(url, links);
        }
    }

    [Fact]
    public async Task Signed_download_links_work_without_a_header_and_fail_when_expired_or_tampered()
    {
        var (user, cv) = await CvAsync("u1");
        var done = await user.Client.ExportAsync(Guid.Parse(cv["id"]!.GetValue<string>()), new { format = "pdf" });
        var exportId = Guid.Parse(done["id"]!.GetValue<string>());
        var url = done["download_url"]!.GetValue<string>();
        Assert.StartsWith($"/api/v1/export/{exportId}/download?expires=", url, StringComparison.Ordinal);

        var browser = Server.CreateClient(); // no Authorization header, as window.open(download_url)
        using (var ok = await browser.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(await ok.Content.ReadAsByteArrayAsync(), 0, 5), StringComparison.Ordinal);
        }
        using (var noSignature = await browser.GetAsync($"/api/v1/export/{exportId}/download"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, noSignature.StatusCode);
            Assert.Equal("Authentication credentials were not provided.", (await noSignature.ReadJsonAsync())!["detail"]!.GetValue<string>());
        }

        var query = System.Web.HttpUtility.ParseQueryString(url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..]);
        var expires = long.Parse(query["expires"]!, CultureInfo.InvariantCulture);
        var signature = query["signature"]!;
        var tampered = new[]
        {
            $"/api/v1/export/{exportId}/download?expires={expires + 3600}&signature={signature}", // extended expiry
            $"/api/v1/export/{exportId}/download?expires={expires}&signature={Flip(signature)}",   // altered signature
            $"/api/v1/export/{Guid.NewGuid()}/download?expires={expires}&signature={signature}",  // another export
            $"/api/v1/export/{exportId}/download?expires={expires}&signature=",
        };
        foreach (var bad in tampered)
        {
            using var response = await browser.GetAsync(bad);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{bad}: {(int)response.StatusCode}");
            Assert.Equal("Invalid download link signature.", (await response.ReadJsonAsync())!["detail"]!.GetValue<string>());
        }

        // A correctly signed link whose time is up.
        var signer = new DownloadLinkSigner(
            Microsoft.Extensions.Options.Options.Create(new ExportServiceOptions { DownloadSigningKey = ExportApiFixture.SigningKey }),
            null!, TimeProvider.System);
        var past = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds();
        using (var expired = await browser.GetAsync($"/api/v1/export/{exportId}/download?expires={past}&signature={signer.Sign(exportId, user.Session.UserId, past)}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
            Assert.Equal("This download link has expired.", (await expired.ReadJsonAsync())!["detail"]!.GetValue<string>());
        }
        // The same key signs for the owner only.
        var future = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
        using (var wrongUser = await browser.GetAsync($"/api/v1/export/{exportId}/download?expires={future}&signature={signer.Sign(exportId, user.Session.UserId + 1, future)}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, wrongUser.StatusCode);
        }

        // A fresh link on request; downloads were counted and logged.
        using (var link = await user.Client.GetAsync($"/api/v1/export/{exportId}/download-link/"))
        {
            var json = (await link.ReadJsonAsync())!;
            using var again = await browser.GetAsync(json["download_url"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }
        await using var db = Server.CreateDbContext();
        Assert.Equal(2, (await db.ExportJobs.SingleAsync(j => j.Id == exportId)).DownloadCount);
        var events = await db.ExportAnalytics.Where(a => a.ExportJobId == exportId).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["created", "downloaded", "downloaded"], events.Select(e => e.EventType));
        Assert.Equal("signed_link", JsonNode.Parse(events[1].Metadata)!["via"]!.GetValue<string>());
        Assert.Equal("127.0.0.1", events[1].IpAddress!.ToString());
    }

    [Fact]
    public async Task Export_errors_follow_the_contract()
    {
        var (user, cv) = await CvAsync("u3");
        var id = cv["id"]!.GetValue<string>();
        var (intruder, _) = await Server.CreateUserClientAsync();

        // Ownership and completion are checked before the body.
        using (var foreign = await intruder.PostAsJsonAsync($"{GenerationApi.Export}{id}/", new { format = "xls" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
            Assert.Equal("Generated document not found or not completed", (await foreign.ReadJsonAsync())!["error"]!.GetValue<string>());
        }
        var cases = new (object Body, string Field, string Message)[]
        {
            (new { }, "format", "This field is required."),
            (new { format = "xls" }, "format", "\"xls\" is not a valid choice."),
            (new { format = "pdf", options = new { includeEvidence = true, shiny = true } }, "options", "Unknown option: shiny"),
            (new { format = "pdf", options = new { font_size = 16 } }, "options", "Font size must be between 10 and 14"),
            (new { format = "pdf", options = new { evidence_format = "carrier_pigeon" } }, "options", "Evidence format must be one of: hyperlinks, footnotes, qr_codes"),
            (new { format = "pdf", sections = new { include_hobbies = true } }, "sections", "Unknown section: include_hobbies"),
            (new { format = "pdf", watermark = new { opacity = 0.3 } }, "watermark", "Watermark must include 'text' field"),
            (new { format = "pdf", watermark = new { text = "DRAFT", opacity = 0.9 } }, "watermark", "Watermark opacity must be between 0.1 and 0.5"),
            (new { format = "pdf", options = "all" }, "options", "Expected a dictionary of items but got type \"str\"."),
        };
        foreach (var (body, field, message) in cases)
        {
            using var response = await user.Client.PostAsJsonAsync($"{GenerationApi.Export}{id}/", body);
            var json = (await response.ReadJsonAsync())!;
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, json.ToJsonString());
            Assert.Equal([message], json[field]!.AsArray().Select(n => n!.GetValue<string>()));
        }
        using (var template = await user.Client.PostAsJsonAsync($"{GenerationApi.Export}{id}/", new { format = "pdf", template_id = 99 }))
        {
            Assert.Equal(HttpStatusCode.NotFound, template.StatusCode);
            Assert.Equal("Template not found", (await template.ReadJsonAsync())!["error"]!.GetValue<string>());
        }
        using (var form = await user.Client.PostAsync($"{GenerationApi.Export}{id}", new FormUrlEncodedContent([new("format", "pdf")])))
        {
            Assert.Equal(HttpStatusCode.Accepted, form.StatusCode); // form-encoded, and no trailing slash, as the React client sent it
        }
        await using (var db = Server.CreateDbContext())
        {
            Assert.Equal(1, await db.ExportJobs.CountAsync(j => j.UserId == user.Session.UserId));
        }

        var done = await user.Client.ExportAsync(Guid.Parse(id), new { format = "pdf", watermark = new { text = "DRAFT", opacity = 0.2 } });
        var exportId = done["id"]!.GetValue<string>();
        Assert.Equal("DRAFT", done["export_options"]!["watermark"]!["text"]!.GetValue<string>());
        using (var status = await intruder.GetAsync($"{GenerationApi.Export}{exportId}/status/"))
        {
            Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
            Assert.Equal("Export job not found", (await status.ReadJsonAsync())!["error"]!.GetValue<string>());
        }
        foreach (var (method, url) in new[] { (HttpMethod.Get, $"{exportId}/detail/"), (HttpMethod.Delete, $"{exportId}/detail/") })
        {
            using var response = await intruder.SendAsync(new HttpRequestMessage(method, GenerationApi.Export + url));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("No ExportJob matches the given query.", (await response.ReadJsonAsync())!["detail"]!.GetValue<string>());
        }
        using (var theirs = await intruder.GetAsync($"{GenerationApi.Export}{exportId}/download/"))
        {
            Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
            Assert.Equal("Export not found", (await theirs.ReadJsonAsync())!["detail"]!.GetValue<string>());
        }
        using (var link = await intruder.GetAsync($"{GenerationApi.Export}{exportId}/download-link/"))
        {
            Assert.Equal(HttpStatusCode.NotFound, link.StatusCode);
        }
        using (var anonymous = await Server.Client.GetAsync($"{GenerationApi.Export}{exportId}/status/"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        // Expired: 410; the file is then removed by the retention sweep.
        await using (var db = Server.CreateDbContext())
        {
            await db.ExportJobs.Where(j => j.Id == Guid.Parse(exportId)).ExecuteUpdateAsync(s => s.SetProperty(j => j.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)));
        }
        using (var expired = await user.Client.GetAsync($"{GenerationApi.Export}{exportId}/download/"))
        {
            Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
            Assert.Equal("Export file has expired", (await expired.ReadJsonAsync())!["error"]!.GetValue<string>());
        }
        var path = Path.Combine(Server.StorageRoot, done["file_path"]!.GetValue<string>());
        Assert.True(File.Exists(path));
        var sweeper = Server.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>()
            .OfType<CvTailor.Api.BackgroundWork.RetentionSweeper>().Single();
        await sweeper.SweepAsync(startup: false, CancellationToken.None);
        Assert.False(File.Exists(path));
        using (var gone = await user.Client.GetAsync($"{GenerationApi.Export}{exportId}/status/"))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
    }

    [Fact]
    public async Task List_delete_templates_and_analytics()
    {
        var (user, cv) = await CvAsync("u2");
        var id = Guid.Parse(cv["id"]!.GetValue<string>());
        await using (var db = Server.CreateDbContext())
        {
            // "Modern Tech" is a seeded built-in; an inactive one is added.
            if (!await db.ExportTemplates.AnyAsync(t => t.Name == "Hidden"))
            {
                db.ExportTemplates.Add(new CvTailor.Data.Export.ExportTemplate { Name = "Hidden", Category = "classic", Description = "Off.", IsActive = false });
                await db.SaveChangesAsync();
            }
        }
        int templateId;
        using (var templates = await user.Client.GetAsync($"{GenerationApi.Export}templates/"))
        {
            var json = (await templates.ReadJsonAsync())!;
            var modern = json["results"]!.AsArray().Single(t => t!["name"]!.GetValue<string>() == "Modern Tech")!;
            Assert.Equal(["id", "name", "category", "description", "preview_image_url", "is_premium", "is_active"], modern.AsObject().Select(p => p.Key));
            Assert.DoesNotContain(json["results"]!.AsArray(), t => t!["name"]!.GetValue<string>() == "Hidden");
            templateId = modern["id"]!.GetValue<int>();
        }

        var pdf = await user.Client.ExportAsync(id, new { format = "pdf", templateId });
        Assert.Equal(templateId, pdf["template"]!.GetValue<int>());
        using (var detail = await user.Client.GetAsync($"{GenerationApi.Export}{pdf["id"]}/detail/"))
        {
            Assert.Equal("Modern Tech", (await detail.ReadJsonAsync())!["template_name"]!.GetValue<string>());
        }
        var docx = await user.Client.ExportAsync(id, new { format = "docx" });
        Assert.False(docx.AsObject().ContainsKey("template_name")); // omitted without a template, as DRF did
        using (await user.Client.GetAsync($"{GenerationApi.Export}{pdf["id"]}/download/"))
        {
        }

        using (var list = await user.Client.GetAsync(GenerationApi.Export))
        {
            var json = (await list.ReadJsonAsync())!;
            Assert.Equal(2, json["count"]!.GetValue<int>());
            var first = json["results"]![0]!;
            Assert.Equal(docx["id"]!.GetValue<string>(), first["id"]!.GetValue<string>());
            Assert.Equal(
                ["id", "format", "status", "progress_percentage", "error_message", "file_size", "download_count", "download_url", "created_at",
                 "completed_at", "expires_at"],
                first.AsObject().Select(p => p.Key));
        }
        using (var analytics = await user.Client.GetAsync($"{GenerationApi.Export}analytics/"))
        {
            var json = (await analytics.ReadJsonAsync())!;
            Assert.Equal(2, json["total_exports"]!.GetValue<int>());
            Assert.Equal(2, json["completed_exports"]!.GetValue<int>());
            Assert.Equal(1, json["total_downloads"]!.GetValue<int>());
            Assert.Equal(1, json["format_distribution"]!["pdf"]!.GetValue<int>());
            Assert.Equal(1, json["format_distribution"]!["docx"]!.GetValue<int>());
            Assert.Equal(1, json["template_usage"]!["Modern Tech"]!.GetValue<int>());
            Assert.Equal(2, json["recent_exports"]!.AsArray().Count);
        }

        var path = Path.Combine(Server.StorageRoot, pdf["file_path"]!.GetValue<string>());
        using (var deleted = await user.Client.DeleteAsync($"{GenerationApi.Export}{pdf["id"]}/detail/"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        Assert.False(File.Exists(path));

        // Deleting the generation takes its exports and their files with it.
        var docxPath = Path.Combine(Server.StorageRoot, docx["file_path"]!.GetValue<string>());
        using (await user.Client.DeleteAsync($"{GenerationApi.Generate}{id}/detail/"))
        {
        }
        Assert.False(File.Exists(docxPath));
        using var gone = await user.Client.GetAsync($"{GenerationApi.Export}{docx["id"]}/status/");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    static string Flip(string signature) => (signature[0] == 'A' ? 'B' : 'A') + signature[1..];
}
