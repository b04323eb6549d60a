using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CvTailor.Data.Export;
using CvTailor.Tests.Api.Generation;
using CvTailor.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace CvTailor.Tests.Api.Export;

/// <summary>One Api for the template tests (they add and deactivate templates).</summary>
public sealed class TemplateApiFixture : IAsyncLifetime
{
    public ApiServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// The built-in templates over real HTTP, as the original's React client uses them: E7/G8 list ids 1–4, E1 with a
/// camelCase <c>templateId</c> and no trailing slash exports, and the files show each template's look.
/// </summary>
public sealed class ExportTemplateEndpointTests(TemplateApiFixture fixture) : IClassFixture<TemplateApiFixture>
{
    ApiServer Server => fixture.Server;

    static readonly string[] Names = ["Professional", "Modern Tech", "Classic", "Creative"];

    async Task<(SeededUser User, Guid Cv)> CvAsync(string devUser, object? extra = null)
    {
        var user = await Server.SeedDevUserAsync(devUser);
        var job = DevData.Set.Jobs.First(j => j.UserId == devUser);
        var body = extra ?? GenerationApi.JobBody(job);
        var cv = await user.Client.GenerateAsync("cv", body);
        return (user, Guid.Parse(cv["id"]!.GetValue<string>()));
    }

    /// <summary>E1 the way useExport sends it: camelCase keys, no trailing slash.</summary>
    static async Task<HttpResponseMessage> ReactExportAsync(SeededUser user, Guid cv, object body) =>
        await user.Client.PostAsJsonAsync($"{GenerationApi.Export}{cv}", body);

    static async Task<byte[]> DownloadAsync(SeededUser user, JsonNode done)
    {
        using var download = await user.Client.GetAsync($"{GenerationApi.Export}{done["id"]}/download/");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        return await download.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task E7_and_g8_list_the_four_built_in_templates()
    {
        var user = await Server.SeedDevUserAsync("u1");
        using (var response = await user.Client.GetAsync($"{GenerationApi.Export}templates"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var json = (await response.ReadJsonAsync())!;
            var results = json["results"]!.AsArray();
            Assert.Equal(Names, results.Take(4).Select(t => t!["name"]!.GetValue<string>()));
            Assert.Equal([1, 2, 3, 4], results.Take(4).Select(t => t!["id"]!.GetValue<int>()));
            Assert.Equal(["modern", "technical", "classic", "creative"], results.Take(4).Select(t => t!["category"]!.GetValue<string>()));
            Assert.All(results.Take(4), t => Assert.False(t!["is_premium"]!.GetValue<bool>()));
            Assert.All(results.Take(4), t => Assert.True(t!["description"]!.GetValue<string>().Length > 20));
        }

        using (var response = await user.Client.GetAsync($"{GenerationApi.Generate}templates/"))
        {
            var results = (await response.ReadJsonAsync())!["results"]!.AsArray();
            Assert.Equal(Names, results.Take(4).Select(t => t!["name"]!.GetValue<string>()));
            var classic = results[2]!["template_config"]!;
            Assert.Equal("DejaVu Serif", classic["font_family"]!.GetValue<string>());
            Assert.Equal("wide", classic["page_margins"]!.GetValue<string>());
            Assert.Equal(6, classic["section_order"]!.AsArray().Count);
        }
    }

    [Fact]
    public async Task G9_names_the_most_used_template()
    {
        var job = DevData.Set.Jobs.First(j => j.UserId == "u2");
        var (user, _) = await CvAsync("u2", new { job_description = job.Description, company_name = job.Company, role_title = job.RoleTitle, template_id = 3 });
        using var response = await user.Client.GetAsync($"{GenerationApi.Generate}analytics/");
        Assert.Equal("Classic", (await response.ReadJsonAsync())!["most_used_template"]!.GetValue<string>());
    }

    [Fact]
    public async Task React_exports_with_template_ids_1_to_4_complete_and_look_different()
    {
        var (user, cv) = await CvAsync("u1");
        var lefts = new Dictionary<int, double>();
        var fonts = new Dictionary<int, string>();
        foreach (var templateId in new[] { 1, 2, 3, 4 })
        {
            Guid exportId;
            using (var response = await ReactExportAsync(user, cv, new
                   {
                       format = "pdf",
                       templateId,
                       options = new { includeEvidence = true, evidenceFormat = "hyperlinks" },
                       sections = new { includeProfessionalSummary = true, includeSkills = true },
                   }))
            {
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                exportId = Guid.Parse((await response.ReadJsonAsync())!["export_id"]!.GetValue<string>());
            }

            var done = await user.Client.WaitForExportAsync(exportId);
            Assert.Equal("completed", done["status"]!.GetValue<string>());
            Assert.Equal(templateId, done["template"]!.GetValue<int>());
            Assert.Equal(Names[templateId - 1], done["template_name"]!.GetValue<string>());
            using var pdf = PdfDocument.Open(await DownloadAsync(user, done));
            var letters = pdf.GetPage(1).Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
            lefts[templateId] = Math.Round(letters.Min(l => l.StartBaseLine.X));
            fonts[templateId] = string.Join(",", letters.Select(l => (l.FontName ?? "").Split('+').Last()).Distinct().Order(StringComparer.Ordinal));
        }

        // Margins: normal, narrow, wide, normal; Classic alone is serif.
        Assert.Equal([72d, 36d, 90d, 72d], [lefts[1], lefts[2], lefts[3], lefts[4]]);
        Assert.Equal("DejaVuSerif,DejaVuSerif-Bold", fonts[3]);
        Assert.Equal("DejaVuSans,DejaVuSans-Bold", fonts[1]);

        using (var analytics = await user.Client.GetAsync($"{GenerationApi.Export}analytics/"))
        {
            var usage = (await analytics.ReadJsonAsync())!["template_usage"]!.AsObject();
            Assert.Equal(Names.Order(StringComparer.Ordinal), usage.Select(p => p.Key).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Options_override_the_template_and_docx_carries_its_styles()
    {
        var (user, cv) = await CvAsync("u3");
        // Modern Tech defaults to narrow margins and teal; the request asks for wide margins and monochrome.
        using (var response = await ReactExportAsync(user, cv, new { format = "pdf", templateId = 2, options = new { pageMargins = "wide", colorScheme = "monochrome" } }))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var done = await user.Client.WaitForExportAsync(Guid.Parse((await response.ReadJsonAsync())!["export_id"]!.GetValue<string>()));
            using var pdf = PdfDocument.Open(await DownloadAsync(user, done));
            var letters = pdf.GetPage(1).Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
            Assert.Equal(90, letters.Min(l => l.StartBaseLine.X), 0);
            Assert.All(letters, l => Assert.Equal((0d, 0d, 0d), l.Color.ToRGBValues()));
            Assert.Equal(10, letters.GroupBy(l => Math.Round(l.PointSize)).OrderByDescending(g => g.Count()).First().Key); // the template's size stays
        }

        var docxDone = await user.Client.ExportAsync(cv, new { format = "docx", templateId = 4 });
        using var stream = new MemoryStream(await DownloadAsync(user, docxDone));
        using var docx = WordprocessingDocument.Open(stream, false);
        var heading = docx.MainDocumentPart!.StyleDefinitionsPart!.Styles!.Elements<Style>().Single(s => s.StyleId == "Heading2");
        Assert.Equal("7B2D8E", heading.StyleParagraphProperties!.Shading!.Fill!.Value);
    }

    [Fact]
    public async Task An_inactive_or_unknown_template_is_404_and_nothing_is_queued()
    {
        var (user, cv) = await CvAsync("u1");
        int retired;
        await using (var db = Server.CreateDbContext())
        {
            var template = new ExportTemplate { Name = "Retired", Category = "classic", Description = "Off.", IsActive = false };
            db.ExportTemplates.Add(template);
            await db.SaveChangesAsync();
            retired = template.Id;
        }

        Assert.True(retired > 4, "new templates continue after the built-ins");
        foreach (var templateId in new[] { retired, 99 })
        {
            using var response = await ReactExportAsync(user, cv, new { format = "pdf", templateId });
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("""{"error":"Template not found"}""", (await response.ReadJsonAsync())!.ToJsonString());
        }

        // A built-in switched off by an administrator is refused the same way.
        await using (var db = Server.CreateDbContext())
        {
            await db.ExportTemplates.Where(t => t.Id == 4).ExecuteUpdateAsync(s => s.SetProperty(t => t.IsActive, false));
        }

        try
        {
            using var response = await ReactExportAsync(user, cv, new { format = "pdf", templateId = 4 });
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            using var list = await user.Client.GetAsync($"{GenerationApi.Export}templates/");
            Assert.DoesNotContain((await list.ReadJsonAsync())!["results"]!.AsArray(), t => t!["id"]!.GetValue<int>() == 4);
        }
        finally
        {
            await using var db = Server.CreateDbContext();
            await db.ExportTemplates.Where(t => t.Id == 4).ExecuteUpdateAsync(s => s.SetProperty(t => t.IsActive, true));
        }

        await using (var db = Server.CreateDbContext())
        {
            Assert.False(await db.ExportJobs.AnyAsync(j => j.GeneratedDocumentId == cv));
        }
    }
}
