using System.Text.Json;
using System.Text.Json.Nodes;
using CvTailor.Data.Generation;
using CvTailor.Tests.Api.Generation;
using CvTailor.Tests.Infrastructure;

namespace CvTailor.Tests.Api.Artifacts;

/// <summary>E1 with <c>options.include_evidence</c>: the export job checks the CV's evidence URLs before rendering.</summary>
public sealed class ExportEvidenceTests(EvidenceFixture fixture) : IClassFixture<EvidenceFixture>
{
    [Fact]
    public async Task Include_evidence_stores_the_links_that_answer_200_with_the_completed_export()
    {
        var server = fixture.Open;
        var site = fixture.Site;
        var (client, session) = await server.CreateUserClientAsync();
        var ok = site.Url("/ok");
        var missing = site.Url("/missing");
        var redirected = site.Url("/redirect/2");
        var documentId = await CompletedCvAsync(server, session.UserId, [ok, missing], redirected);

        var withEvidence = await client.ExportAsync(documentId, new { format = "pdf", options = new { include_evidence = true } });
        var options = withEvidence["export_options"]!;
        Assert.Equal(JsonSerializer.Serialize(new[] { ok, redirected }), options["validated_evidence_links"]!.ToJsonString());
        Assert.True(options["options"]!["include_evidence"]!.GetValue<bool>());
        Assert.Equal("completed", withEvidence["status"]!.GetValue<string>());

        // Without the option nothing is checked or stored.
        var before = site.Hits("HEAD", "/missing");
        var without = await client.ExportAsync(documentId, new { format = "pdf" });
        Assert.Null(without["export_options"]!["validated_evidence_links"]);
        Assert.Equal(before, site.Hits("HEAD", "/missing"));
    }

    [Fact]
    public async Task Include_evidence_urls_are_read_from_experience_and_projects_without_duplicates()
    {
        var content = StoredContentFor(["https://a.example/x", "", "https://a.example/x"], "https://b.example/y");
        var cv = CvTailor.Api.Export.Endpoints.StoredContent.ReadCv(content);
        Assert.Equal(["https://a.example/x", "https://b.example/y"], CvTailor.Api.Export.Jobs.ExportEvidenceValidation.Urls(cv));
        Assert.True(CvTailor.Api.Export.Jobs.ExportEvidenceValidation.Requested("""{"options": {"include_evidence": true}}"""));
        Assert.False(CvTailor.Api.Export.Jobs.ExportEvidenceValidation.Requested("""{"options": {"include_evidence": false}}"""));
        Assert.False(CvTailor.Api.Export.Jobs.ExportEvidenceValidation.Requested("""{"options": {}}"""));
    }

    static async Task<Guid> CompletedCvAsync(ApiServer server, long userId, string[] references, string projectUrl)
    {
        var document = new GeneratedDocument
        {
            UserId = userId,
            DocumentType = "cv",
            Status = "completed",
            ProgressPercentage = 100,
            Content = StoredContentFor(references, projectUrl),
            CreatedAt = DateTime.UtcNow,
            CompletedAt = DateTime.UtcNow,
            ExpiresAt = DateTime.UtcNow.AddDays(1),
        };
        await server.InDbAsync(async db =>
        {
            db.GeneratedDocuments.Add(document);
            return await db.SaveChangesAsync();
        });
        return document.Id;
    }

    static string StoredContentFor(string[] references, string projectUrl) => new JsonObject
    {
        ["professional_summary"] = "Engineer.",
        ["key_skills"] = new JsonArray("C#"),
        ["experience"] = new JsonArray(new JsonObject
        {
            ["title"] = "Developer", ["organization"] = "Acme", ["duration"] = "2020–2024",
            ["achievements"] = new JsonArray("Shipped"), ["technologies_used"] = new JsonArray("C#"),
            ["evidence_references"] = new JsonArray([.. references.Select(r => (JsonNode?)r)]),
        }),
        ["projects"] = new JsonArray(new JsonObject
        {
            ["name"] = "Tool", ["description"] = "A tool", ["technologies"] = new JsonArray("Go"),
            ["evidence_url"] = projectUrl, ["impact_metrics"] = "",
        }),
        ["education"] = new JsonArray(),
        ["certifications"] = new JsonArray(),
    }.ToJsonString();
}
