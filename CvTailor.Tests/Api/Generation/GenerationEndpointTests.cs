using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CvTailor.Api.Generation.Content;
using CvTailor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Tests.Api.Generation;

/// <summary>G1–G9 over real HTTP and a real database, with the dev set's people as users.</summary>
public sealed partial class GenerationEndpointTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    ApiServer Server => api.Server;

    [Fact]
    public async Task Cv_generation_is_accepted_then_completes_with_the_contract_shape()
    {
        var user = await Server.SeedDevUserAsync("u1");
        var job = DevData.Job("u1-j1");
        using var response = await user.Client.PostAsJsonAsync($"{GenerationApi.Generate}cv/", GenerationApi.JobBody(job));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var started = (await response.ReadJsonAsync())!.AsObject();
        Assert.Equal(["generation_id", "status", "estimated_completion_time", "job_description_hash"], started.Select(p => p.Key));
        Assert.Equal("processing", started["status"]!.GetValue<string>());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(job.Description))),
            started["job_description_hash"]!.GetValue<string>());
        Assert.Matches(IsoMicros(), started["estimated_completion_time"]!.GetValue<string>());

        var done = await user.Client.WaitForGenerationAsync(Guid.Parse(started["generation_id"]!.GetValue<string>()));
        Assert.Equal(
            ["id", "document_type", "job_description_hash", "label_ids", "template_id", "custom_sections", "generation_preferences", "content",
             "metadata", "status", "progress_percentage", "error_message", "artifacts_used", "model_version", "generation_time_ms", "user_rating",
             "user_feedback", "created_at", "completed_at", "expires_at"],
            done.AsObject().Select(p => p.Key));
        Assert.Equal("completed", done["status"]!.GetValue<string>());
        Assert.Equal(100, done["progress_percentage"]!.GetValue<int>());
        Assert.Equal("cv", done["document_type"]!.GetValue<string>());
        Assert.Equal("cvtailor-deterministic-1", done["model_version"]!.GetValue<string>());
        var created = DateTime.Parse(done["created_at"]!.GetValue<string>(), null, System.Globalization.DateTimeStyles.RoundtripKind);
        var expires = DateTime.Parse(done["expires_at"]!.GetValue<string>(), null, System.Globalization.DateTimeStyles.RoundtripKind);
        Assert.Equal(TimeSpan.FromDays(90), expires - created);

        // The content is exactly the contract's CV schema.
        using var content = JsonDocument.Parse(done["content"]!.ToJsonString());
        Assert.Empty(CvContentSchema.Validate(content.RootElement));
        Assert.NotEmpty(done["content"]!["experience"]!.AsArray());

        // Metadata: contract keys plus the ATS report, with the Api's integer artifact ids, all the caller's.
        var metadata = done["metadata"]!;
        foreach (var key in new[] { "model_used", "generation_time_ms", "artifacts_used", "skill_match_score", "missing_skills", "matched_keywords",
                     "missing_keywords", "keyword_evidence", "semantic", "llm_rewrite" })
        {
            Assert.True(metadata[key] is not null, $"metadata.{key} missing: {metadata.ToJsonString()}");
        }
        var used = done["artifacts_used"]!.AsArray().Select(n => n!.GetValue<int>()).ToList();
        Assert.InRange(used.Count, 1, 5);
        Assert.All(used, id => Assert.Contains(id, user.ArtifactIds.Values));
        Assert.Equal(used, metadata["artifacts_used"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.All(metadata["keyword_evidence"]!.AsArray(), e => Assert.Contains(e!["artifact_id"]!.GetValue<int>(), user.ArtifactIds.Values));
        Assert.InRange(metadata["skill_match_score"]!.GetValue<int>(), 0, 10);
        Assert.Contains("PostgreSQL", metadata["matched_keywords"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("disabled", metadata["llm_rewrite"]!["status"]!.GetValue<string>());
        Assert.True(done["generation_time_ms"]!.GetValue<int>() >= 0);
    }

    [Fact]
    public async Task The_cv_states_no_number_or_organisation_the_artifacts_do_not_contain()
    {
        var user = await Server.SeedDevUserAsync("u2");
        foreach (var job in DevData.Set.Jobs.Where(j => j.UserId == "u2"))
        {
            var done = await user.Client.GenerateAsync("cv", GenerationApi.JobBody(job));
            var source = string.Join('\n', DevData.Set.Artifacts.Where(a => a.UserId == "u2")
                .SelectMany(a => new[] { a.Title, a.Description, a.StartDate ?? "", a.EndDate ?? "" }.Concat(a.Technologies).Concat(a.EvidenceLinks.Select(l => l.Url))));
            var text = CvText.Flatten(JsonSerializer.Deserialize<CvContent>(done["content"]!.ToJsonString(), GenerationJson.Options)!);
            foreach (Match number in Number().Matches(text))
            {
                Assert.True(source.Contains(number.Value, StringComparison.Ordinal), $"{job.Id}: '{number.Value}' is not in the artifacts");
            }
            foreach (var experience in done["content"]!["experience"]!.AsArray())
            {
                var organization = experience!["organization"]!.GetValue<string>();
                Assert.True(organization.Length == 0 || source.Contains(organization, StringComparison.Ordinal), $"{job.Id}: organisation '{organization}'");
            }
            Assert.True(done["metadata"]!["grounding"]!["is_grounded"]!.GetValue<bool>(), done["metadata"]!["grounding"]!.ToJsonString());
            // Nothing of the other dev users (their titles and names) reaches this CV.
            foreach (var phrase in DevData.ForeignPhrases("u2"))
            {
                Assert.DoesNotContain(phrase, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_cover_letter_names_the_company_and_role_and_cites_two_or_three_of_the_users_evidence_urls()
    {
        var user = await Server.SeedDevUserAsync("u3");
        var job = DevData.Set.Jobs.First(j => j.UserId == "u3");
        var done = await user.Client.GenerateAsync("cover-letter", GenerationApi.JobBody(job));
        Assert.Equal("cover_letter", done["document_type"]!.GetValue<string>());
        var content = done["content"]!;
        var text = content["full_text"]!.GetValue<string>();
        Assert.Contains(job.Company, text, StringComparison.Ordinal);
        Assert.Contains(job.RoleTitle, text, StringComparison.Ordinal);
        var userUrls = DevData.Set.Artifacts.Where(a => a.UserId == "u3").SelectMany(a => a.EvidenceLinks.Select(l => l.Url)).ToHashSet();
        var cited = content["evidence"]!.AsArray().Select(e => e!["url"]!.GetValue<string>()).ToList();
        Assert.InRange(cited.Count, 2, 3);
        Assert.All(cited, url =>
        {
            Assert.Contains(url, userUrls);
            Assert.Contains(url, text, StringComparison.Ordinal);
        });
        Assert.All(content["evidence"]!.AsArray(), e => Assert.Contains(e!["artifact_id"]!.GetValue<int>(), user.ArtifactIds.Values));
    }

    [Fact]
    public async Task Selected_artifact_ids_restrict_the_candidates()
    {
        var user = await Server.SeedDevUserAsync("u1");
        var selected = user.ArtifactIds.Values.Order().Take(3).ToList();
        var job = DevData.Job("u1-j1");
        var done = await user.Client.GenerateAsync("cv", new { job_description = job.Description, label_ids = selected });
        Assert.Equal(selected, done["label_ids"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.All(done["artifacts_used"]!.AsArray(), id => Assert.Contains(id!.GetValue<int>(), selected));

        // The original React client's camelCase body is understood too.
        var camel = await user.Client.GenerateAsync("cv", new { jobDescription = job.Description, labelIds = selected.Take(1), generationPreferences = new { tone = "technical", focusAreas = new[] { "go" } } });
        Assert.Equal([selected[0]], camel["artifacts_used"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Equal("technical", camel["generation_preferences"]!["tone"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_bodies_are_400_with_the_field_named_and_nothing_written()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        var (other, _) = await Server.CreateUserClientAsync();
        var foreign = await other.CreateArtifactAsync(DevData.Set.Artifacts[0]);
        var cases = new (object Body, string Field, string Message)[]
        {
            (new { }, "job_description", "This field is required."),
            (new { job_description = "   " }, "job_description", "This field may not be blank."),
            (new { job_description = "x", company_name = "" }, "company_name", "This field may not be blank."),
            (new { job_description = "x", role_title = new string('r', 256) }, "role_title", "Ensure this field has no more than 255 characters."),
            (new { job_description = "x", label_ids = "1,2" }, "label_ids", "Expected a list of items but got type \"str\"."),
            (new { job_description = "x", label_ids = new object[] { "a" } }, "label_ids", "A valid integer is required."),
            (new { job_description = "x", label_ids = new[] { foreign } }, "label_ids", $"Artifacts not found: {foreign}."),
            (new { job_description = "x", custom_sections = new { include_hobbies = true } }, "custom_sections", "Unknown section: include_hobbies"),
            (new { job_description = "x", custom_sections = "all" }, "custom_sections", "Expected a dictionary of items but got type \"str\"."),
            (new { job_description = "x", generation_preferences = new { tone = "casual" } }, "generation_preferences",
                "Tone must be one of: ['professional', 'technical', 'creative']"),
            (new { job_description = "x", generation_preferences = new { length = "epic" } }, "generation_preferences",
                "Length must be one of: ['concise', 'detailed']"),
            (new { job_description = "x", template_id = "one" }, "template_id", "A valid integer is required."),
        };
        foreach (var (body, field, message) in cases)
        {
            foreach (var kind in new[] { "cv", "cover-letter", "match" })
            {
                using var response = await client.PostAsJsonAsync($"{GenerationApi.Generate}{kind}/", body);
                var json = await response.ReadJsonAsync();
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{kind} {JsonSerializer.Serialize(body)}: {(int)response.StatusCode} {json}");
                Assert.Equal([message], json![field]!.AsArray().Select(n => n!.GetValue<string>()));
            }
        }
        using var malformed = await client.PostRawAsync($"{GenerationApi.Generate}cv/", "{\"job_description\": ");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        await using var db = Server.CreateDbContext();
        Assert.Equal(0, await db.GeneratedDocuments.CountAsync(d => d.UserId == session.UserId));
    }

    [Fact]
    public async Task Another_users_generation_is_404_on_every_route()
    {
        var owner = await Server.SeedDevUserAsync("u3");
        var done = await owner.Client.GenerateAsync("cv", GenerationApi.JobBody(DevData.Set.Jobs.First(j => j.UserId == "u3")));
        var id = done["id"]!.GetValue<string>();
        var (intruder, _) = await Server.CreateUserClientAsync();

        await AssertBody(await intruder.GetAsync($"{GenerationApi.Generate}{id}/"), HttpStatusCode.NotFound, """{"error":"Generation not found"}""");
        await AssertBody(await intruder.GetAsync($"{GenerationApi.Generate}{id}/detail/"), HttpStatusCode.NotFound,
            """{"detail":"No GeneratedDocument matches the given query."}""");
        await AssertBody(await intruder.DeleteAsync($"{GenerationApi.Generate}{id}/detail/"), HttpStatusCode.NotFound,
            """{"detail":"No GeneratedDocument matches the given query."}""");
        await AssertBody(await intruder.PostAsJsonAsync($"{GenerationApi.Generate}{id}/rate/", new { rating = 5 }), HttpStatusCode.NotFound,
            """{"error":"Generation not found"}""");
        using var list = await intruder.GetAsync(GenerationApi.Generate);
        Assert.Equal(0, (await list.ReadJsonAsync())!["count"]!.GetValue<int>());
        using var export = await intruder.PostAsJsonAsync($"{GenerationApi.Export}{id}/", new { format = "pdf" });
        Assert.Equal(HttpStatusCode.NotFound, export.StatusCode);

        // Still there for its owner.
        using var mine = await owner.Client.GetAsync($"{GenerationApi.Generate}{id}/detail/");
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        using var anonymous = await Server.Client.GetAsync($"{GenerationApi.Generate}{id}/");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task List_detail_rating_delete_and_analytics()
    {
        var user = await Server.SeedDevUserAsync("u1");
        var jobs = DevData.Set.Jobs.Where(j => j.UserId == "u1").Take(2).ToList();
        var first = await user.Client.GenerateAsync("cv", GenerationApi.JobBody(jobs[0]));
        var second = await user.Client.GenerateAsync("cover-letter", GenerationApi.JobBody(jobs[1]));

        using (var list = await user.Client.GetAsync(GenerationApi.Generate))
        {
            var json = (await list.ReadJsonAsync())!;
            Assert.Equal(2, json["count"]!.GetValue<int>());
            var items = json["results"]!.AsArray();
            Assert.Equal(second["id"]!.GetValue<string>(), items[0]!["id"]!.GetValue<string>()); // newest first
            Assert.Equal(
                ["id", "document_type", "status", "progress_percentage", "content", "metadata", "error_message", "user_rating", "user_feedback",
                 "created_at", "completed_at"],
                items[0]!.AsObject().Select(p => p.Key));
        }
        using (var outOfRange = await user.Client.GetAsync($"{GenerationApi.Generate}?page=2"))
        {
            Assert.Equal(HttpStatusCode.NotFound, outOfRange.StatusCode);
            Assert.Equal("Invalid page.", (await outOfRange.ReadJsonAsync())!["detail"]!.GetValue<string>());
        }

        var id = first["id"]!.GetValue<string>();
        foreach (var (body, message) in new (object, string)[]
                 {
                     (new { }, "This field is required."),
                     (new { rating = 0 }, "Ensure this value is greater than or equal to 1."),
                     (new { rating = 11 }, "Ensure this value is less than or equal to 10."),
                 })
        {
            using var bad = await user.Client.PostAsJsonAsync($"{GenerationApi.Generate}{id}/rate/", body);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal(message, (await bad.ReadJsonAsync())!["rating"]![0]!.GetValue<string>());
        }
        using (var nullFeedback = await user.Client.PostAsJsonAsync($"{GenerationApi.Generate}{id}/rate/", new { rating = 7, feedback = (string?)null }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, nullFeedback.StatusCode);
            Assert.Equal("This field may not be null.", (await nullFeedback.ReadJsonAsync())!["feedback"]![0]!.GetValue<string>());
        }
        await AssertBody(await user.Client.PostAsJsonAsync($"{GenerationApi.Generate}{id}/rate/", new { rating = 8, feedback = "Sharp summary." }),
            HttpStatusCode.OK, """{"message":"Rating submitted successfully","rating":8}""");
        using (var detail = await user.Client.GetAsync($"{GenerationApi.Generate}{id}/detail/"))
        {
            var json = (await detail.ReadJsonAsync())!;
            Assert.Equal(8, json["user_rating"]!.GetValue<int>());
            Assert.Equal("Sharp summary.", json["user_feedback"]!.GetValue<string>());
        }
        await using (var db = Server.CreateDbContext())
        {
            var feedback = await db.GenerationFeedback.SingleAsync(f => f.GenerationId == Guid.Parse(id));
            Assert.Equal("rating", feedback.FeedbackType);
            Assert.Equal(8, JsonNode.Parse(feedback.FeedbackData)!["rating"]!.GetValue<int>());
            // The built-in templates are seeded; an inactive one is not listed.
            db.CvTemplates.Add(new CvTailor.Data.Generation.CvTemplate { Name = "Retired", Category = "modern", Description = "Old.", IsActive = false });
            await db.SaveChangesAsync();
        }

        using (var analytics = await user.Client.GetAsync($"{GenerationApi.Generate}analytics/"))
        {
            var json = (await analytics.ReadJsonAsync())!;
            Assert.Equal(2, json["total_generations"]!.GetValue<int>());
            Assert.Equal(2, json["completed_generations"]!.GetValue<int>());
            Assert.Equal(0, json["failed_generations"]!.GetValue<int>());
            Assert.Equal(8.0, json["average_rating"]!.GetValue<double>());
            Assert.Equal("Professional", json["most_used_template"]!.GetValue<string>());
            Assert.Equal(2, json["generation_history"]!.AsArray().Count);
            Assert.Equal(8, json["generation_history"]![1]!["rating"]!.GetValue<int>());
        }
        using (var templates = await user.Client.GetAsync($"{GenerationApi.Generate}templates/"))
        {
            var json = (await templates.ReadJsonAsync())!;
            Assert.Equal(4, json["count"]!.GetValue<int>());
            Assert.Equal(["Professional", "Modern Tech", "Classic", "Creative"], json["results"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
            Assert.Equal("DejaVu Serif", json["results"]![2]!["template_config"]!["font_family"]!.GetValue<string>());
            Assert.Equal(JsonValueKind.Object, JsonSerializer.SerializeToElement(json["results"]![0]!["template_config"]).ValueKind);
        }

        using (var deleted = await user.Client.DeleteAsync($"{GenerationApi.Generate}{id}/detail/"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        using (var gone = await user.Client.GetAsync($"{GenerationApi.Generate}{id}/"))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
        await using (var db = Server.CreateDbContext())
        {
            Assert.False(await db.GenerationFeedback.AnyAsync(f => f.GenerationId == Guid.Parse(id)));
        }
    }

    [Fact]
    public async Task Expired_documents_are_gone()
    {
        var user = await Server.SeedDevUserAsync("u2");
        var done = await user.Client.GenerateAsync("cv", GenerationApi.JobBody(DevData.Set.Jobs.First(j => j.UserId == "u2")));
        var id = Guid.Parse(done["id"]!.GetValue<string>());
        await using (var db = Server.CreateDbContext())
        {
            await db.GeneratedDocuments.Where(d => d.Id == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)));
        }
        using var response = await user.Client.GetAsync($"{GenerationApi.Generate}{id}/");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var list = await user.Client.GetAsync(GenerationApi.Generate);
        Assert.Equal(0, (await list.ReadJsonAsync())!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_user_without_artifacts_still_gets_a_valid_document()
    {
        var (client, _) = await Server.CreateUserClientAsync();
        var job = DevData.Job("u1-j1");
        foreach (var kind in new[] { "cv", "cover-letter" })
        {
            var done = await client.GenerateAsync(kind, GenerationApi.JobBody(job));
            Assert.Empty(done["artifacts_used"]!.AsArray());
            Assert.Equal(0, done["metadata"]!["skill_match_score"]!.GetValue<int>());
            Assert.NotEmpty(done["metadata"]!["missing_skills"]!.AsArray());
        }
        var cv = await client.GenerateAsync("cv", GenerationApi.JobBody(job));
        using var content = JsonDocument.Parse(cv["content"]!.ToJsonString());
        Assert.Empty(CvContentSchema.Validate(content.RootElement));
        Assert.Empty(cv["content"]!["experience"]!.AsArray());
    }

    static async Task AssertBody(HttpResponseMessage response, HttpStatusCode status, string json)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(body)), body);
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")]
    private static partial Regex IsoMicros();

    [GeneratedRegex(@"\d[\d,.]*\d|\d")]
    private static partial Regex Number();
}
