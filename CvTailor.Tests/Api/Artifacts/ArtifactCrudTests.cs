using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CvTailor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Tests.Api.Artifacts;

/// <summary>R1–R5 over real HTTP and PostgreSQL: shapes, validation, pagination, filters, slashes.</summary>
public sealed class ArtifactCrudTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    ApiServer Server => api.Server;

    [Fact]
    public async Task Create_returns_the_contract_shape_and_stores_links_and_an_embedding_job()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        using var response = await client.PostAsJsonAsync(ArtifactClient.Root, new
        {
            title = "  Search engine  ",
            description = "Built a search engine.",
            artifact_type = "publication",
            start_date = "2023-01-05",
            end_date = "2023-06-30",
            technologies = new[] { "C#", "PostgreSQL", "c#" },
            collaborators = new[] { "ada@example.com" },
            evidence_links = new object[]
            {
                new { url = "https://github.com/x/y", link_type = "github", description = "Repo" },
                new { url = "https://example.com/paper.pdf", type = "paper" },
            },
            labelIds = new[] { 1, 2 },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = (await response.ReadJsonAsync())!.AsObject();
        Assert.Equal(
            ["id", "title", "description", "artifact_type", "start_date", "end_date", "technologies", "collaborators"],
            json.Select(p => p.Key).ToArray());
        Assert.Equal("Search engine", json["title"]!.GetValue<string>());
        Assert.Equal("2023-01-05", json["start_date"]!.GetValue<string>());
        Assert.Equal("""["C#","PostgreSQL"]""", json["technologies"]!.ToJsonString());

        var id = json["id"]!.GetValue<int>();
        var detail = await client.GetArtifactAsync(id);
        var links = detail["evidence_links"]!.AsArray();
        Assert.Equal(2, links.Count);
        Assert.Equal("github", links[0]!["link_type"]!.GetValue<string>());
        Assert.Equal("document", links[1]!["link_type"]!.GetValue<string>()); // the React form's "paper"
        Assert.Equal(
            ["id", "url", "link_type", "description", "file_path", "file_size", "mime_type", "validation_metadata",
             "last_validated", "is_accessible", "created_at", "updated_at"],
            links[0]!.AsObject().Select(p => p.Key).ToArray());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", detail["created_at"]!.GetValue<string>());

        var jobs = await Server.InDbAsync(db => db.EmbeddingJobs.Where(j => j.UserId == session.UserId).ToListAsync());
        var job = Assert.Single(jobs);
        Assert.Equal(id, job.ArtifactId);
        Assert.Equal("artifact_upsert", job.Kind);
        Assert.Equal("pending", job.Status);
    }

    [Fact]
    public async Task Create_defaults_type_to_project_and_lists_to_empty()
    {
        var (client, _) = await Server.CreateUserClientAsync();
        var id = await client.CreateAsync(new { title = "T", description = "D" });
        var detail = await client.GetArtifactAsync(id);
        Assert.Equal("project", detail["artifact_type"]!.GetValue<string>());
        Assert.Equal("[]", detail["technologies"]!.ToJsonString());
        Assert.Equal("{}", detail["extracted_metadata"]!.ToJsonString());
        Assert.Null(detail["start_date"]);
    }

    public static TheoryData<string, string, string> InvalidBodies => new()
    {
        { """{"description": "d"}""", "title", "This field is required." },
        { """{"title": "   ", "description": "d"}""", "title", "This field may not be blank." },
        { $$"""{"title": "{{new string('x', 10_000)}}", "description": "d"}""", "title", "Ensure this field has no more than 255 characters." },
        { $$"""{"title": "t", "description": "{{new string('x', 10_000)}}"}""", "description", "Ensure this field has no more than 5000 characters." },
        { """{"title": ["t"], "description": "d"}""", "title", "Not a valid string." },
        { """{"title": "t", "description": "d", "artifact_type": "hobby"}""", "artifact_type", "\"hobby\" is not a valid choice." },
        { """{"title": "t", "description": "d", "start_date": "05/01/2023"}""", "start_date", "Date has wrong format. Use one of these formats instead: YYYY-MM-DD." },
        { """{"title": "t", "description": "d", "technologies": "C#"}""", "technologies", "Expected a list of items but got type \"str\"." },
        { """{"title": "t", "description": "d", "technologies": [1]}""", "technologies", "Item 0: Not a valid string." },
        { $$"""{"title": "t", "description": "d", "technologies": ["{{new string('x', 10_000)}}"]}""", "technologies", "Item 0: Ensure this field has no more than 100 characters." },
        { $$"""{"title": "t", "description": "d", "collaborators": ["{{new string('x', 10_000)}}"]}""", "collaborators", "Item 0: Ensure this field has no more than 254 characters." },
        { """{"title": null, "description": "d"}""", "title", "This field may not be null." },
        { """{"title": "t", "description": "d", "evidence_links": "x"}""", "evidence_links", "Expected a list of items but got type \"str\"." },
        { """{"title": "t", "description": "d", "start_date": "2024-02-01", "end_date": "2024-01-01"}""", "non_field_errors", "End date must be after start date" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Invalid_create_bodies_are_400_naming_the_field_and_write_nothing(string body, string field, string message)
    {
        var (client, session) = await Server.CreateUserClientAsync();
        using var response = await client.PostRawAsync(ArtifactClient.Root, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await response.ReadJsonAsync();
        Assert.Equal(message, json![field]![0]!.GetValue<string>());
        Assert.Equal((0, 0, 0, 0, 0), await Server.CountsAsync(session.UserId));
    }

    [Theory]
    [InlineData("""{"url": "not a url", "link_type": "github"}""", "url", "Enter a valid URL.")]
    [InlineData("""{"url": "ftp://example.com/x", "link_type": "github"}""", "url", "URL must start with http:// or https://")]
    [InlineData("""{"url": "javascript:alert(1)", "link_type": "github"}""", "url", "Enter a valid URL.")]
    [InlineData("""{"url": "https://example.com", "link_type": "blog"}""", "link_type", "\"blog\" is not a valid choice.")]
    [InlineData("""{"link_type": "github"}""", "url", "This field is required.")]
    [InlineData("""{"url": "https://example.com/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "link_type": "github"}""", "url", "Ensure this field has no more than 200 characters.")]
    [InlineData("""["not an object"]""", "non_field_errors", "Expected a dictionary of items but got type \"list\".")]
    public async Task Nested_evidence_links_are_validated_with_per_link_errors(string link, string field, string message)
    {
        var (client, session) = await Server.CreateUserClientAsync();
        using var response = await client.PostRawAsync(ArtifactClient.Root,
            $$"""{"title": "t", "description": "d", "evidence_links": [{"url": "https://ok.example.com", "link_type": "website"}, {{link}}]}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var links = (await response.ReadJsonAsync())!["evidence_links"]!.AsArray();
        Assert.Empty(links[0]!.AsObject());
        Assert.Equal(message, links[1]![field]![0]!.GetValue<string>());
        Assert.Equal((0, 0, 0, 0, 0), await Server.CountsAsync(session.UserId));
    }

    [Theory]
    [InlineData("{\"title\": ", "application/json", HttpStatusCode.BadRequest, "detail")]
    [InlineData("[1, 2]", "application/json", HttpStatusCode.BadRequest, "non_field_errors")]
    [InlineData("title=x", "text/plain", HttpStatusCode.UnsupportedMediaType, "detail")]
    public async Task Malformed_bodies_get_a_clear_4xx(string body, string contentType, HttpStatusCode status, string key)
    {
        var (client, session) = await Server.CreateUserClientAsync();
        using var response = await client.PostRawAsync(ArtifactClient.Root, body, contentType);
        Assert.Equal(status, response.StatusCode);
        Assert.NotNull((await response.ReadJsonAsync())![key]);
        Assert.Equal((0, 0, 0, 0, 0), await Server.CountsAsync(session.UserId));
    }

    [Fact]
    public async Task An_oversized_json_body_is_413_and_writes_nothing()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        var body = $$"""{"title": "t", "description": "d", "technologies": ["{{new string('x', 2 * 1024 * 1024)}}"]}""";
        using var response = await client.SendOversizedAsync(HttpMethod.Post, ArtifactClient.Root,
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal((0, 0, 0, 0, 0), await Server.CountsAsync(session.UserId));
    }

    [Fact]
    public async Task Unauthenticated_requests_are_401()
    {
        using var list = await Server.Client.GetAsync(ArtifactClient.Root);
        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        using var create = await Server.Client.PostAsJsonAsync(ArtifactClient.Root, new { title = "t", description = "d" });
        Assert.Equal(HttpStatusCode.Unauthorized, create.StatusCode);
    }

    [Fact]
    public async Task Get_returns_the_full_artifact_and_404_for_an_unknown_id()
    {
        var (client, _) = await Server.CreateUserClientAsync();
        var id = await client.CreateAsync();
        var detail = await client.GetArtifactAsync(id);
        Assert.Equal(
            ["id", "title", "description", "artifact_type", "start_date", "end_date", "technologies", "collaborators",
             "extracted_metadata", "evidence_links", "created_at", "updated_at"],
            detail.AsObject().Select(p => p.Key).ToArray());

        using var missing = await client.GetAsync($"{ArtifactClient.Root}{int.MaxValue}/");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("No Artifact matches the given query.", (await missing.ReadJsonAsync())!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_changes_only_the_sent_fields_and_enqueues_a_job()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        var id = await client.CreateAsync(new { title = "Old", description = "D", start_date = "2020-01-01", technologies = new[] { "Go" } });
        var before = await client.GetArtifactAsync(id);

        using var response = await client.PatchJsonAsync($"{ArtifactClient.Root}{id}/", new { title = "New", end_date = "2021-01-01" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = (await response.ReadJsonAsync())!.AsObject();
        Assert.Equal(
            ["id", "title", "description", "artifact_type", "start_date", "end_date", "technologies", "collaborators", "created_at", "updated_at"],
            json.Select(p => p.Key).ToArray());
        Assert.Equal("New", json["title"]!.GetValue<string>());
        Assert.Equal("D", json["description"]!.GetValue<string>());
        Assert.Equal("2021-01-01", json["end_date"]!.GetValue<string>());
        Assert.Equal("""["Go"]""", json["technologies"]!.ToJsonString());
        Assert.True(string.CompareOrdinal(json["updated_at"]!.GetValue<string>(), before["updated_at"]!.GetValue<string>()) > 0);

        var after = await client.GetArtifactAsync(id);
        Assert.Equal(json["updated_at"]!.GetValue<string>(), after["updated_at"]!.GetValue<string>());
        Assert.Equal(2, await Server.InDbAsync(db => db.EmbeddingJobs.CountAsync(j => j.UserId == session.UserId && j.ArtifactId == id)));
    }

    [Fact]
    public async Task Update_checks_the_date_order_against_the_stored_dates()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        var id = await client.CreateAsync(new { title = "T", description = "D", start_date = "2022-05-01" });
        using var response = await client.PatchJsonAsync($"{ArtifactClient.Root}{id}/", new { end_date = "2022-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("End date must be after start date", (await response.ReadJsonAsync())!["non_field_errors"]![0]!.GetValue<string>());
        Assert.Null((await client.GetArtifactAsync(id))["end_date"]);
        Assert.Equal(1, await Server.InDbAsync(db => db.EmbeddingJobs.CountAsync(j => j.UserId == session.UserId)));

        using var same = await client.PatchJsonAsync($"{ArtifactClient.Root}{id}/", new { end_date = "2022-05-01" });
        Assert.Equal(HttpStatusCode.OK, same.StatusCode); // end == start is allowed
    }

    [Fact]
    public async Task Put_requires_title_and_description()
    {
        var (client, _) = await Server.CreateUserClientAsync();
        var id = await client.CreateAsync();
        using var missing = await client.PutAsJsonAsync($"{ArtifactClient.Root}{id}/", new { artifact_type = "education" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var errors = await missing.ReadJsonAsync();
        Assert.Equal("This field is required.", errors!["title"]![0]!.GetValue<string>());
        Assert.Equal("This field is required.", errors["description"]![0]!.GetValue<string>());

        using var full = await client.PutAsJsonAsync($"{ArtifactClient.Root}{id}/", new { title = "A", description = "B", artifact_type = "education" });
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal("education", (await client.GetArtifactAsync(id))["artifact_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_cascades_links_and_processing_jobs_and_enqueues_a_delete_job()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        var id = await client.CreateAsync(new
        {
            title = "T", description = "D", evidence_links = new[] { new { url = "https://example.com", link_type = "website" } },
        });
        using var response = await client.DeleteAsync($"{ArtifactClient.Root}{id}/");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var counts = await Server.CountsAsync(session.UserId);
        Assert.Equal((0, 0), (counts.Artifacts, counts.Links));
        var kinds = await Server.InDbAsync(db => db.EmbeddingJobs.Where(j => j.ArtifactId == id).OrderBy(j => j.Id).Select(j => j.Kind).ToListAsync());
        Assert.Equal(["artifact_upsert", "artifact_delete"], kinds);

        using var again = await client.DeleteAsync($"{ArtifactClient.Root}{id}/");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task List_is_paginated_by_20_newest_change_first()
    {
        var (client, _) = await Server.CreateUserClientAsync();
        var ids = new List<int>();
        for (var i = 0; i < 23; i++)
        {
            ids.Add(await client.CreateAsync(new { title = $"A{i}", description = "D" }));
        }
        // Touch the oldest: it moves to the front.
        using (var touch = await client.PatchJsonAsync($"{ArtifactClient.Root}{ids[0]}/", new { title = "touched" }))
        {
            Assert.Equal(HttpStatusCode.OK, touch.StatusCode);
        }

        using var first = await client.GetAsync(ArtifactClient.Root);
        var page1 = (await first.ReadJsonAsync())!;
        Assert.Equal(23, page1["count"]!.GetValue<int>());
        Assert.Null(page1["previous"]);
        Assert.Equal($"{Server.BaseAddress.ToString().TrimEnd('/')}/api/v1/artifacts/?page=2", page1["next"]!.GetValue<string>());
        var results = page1["results"]!.AsArray();
        Assert.Equal(20, results.Count);
        Assert.Equal(ids[0], results[0]!["id"]!.GetValue<int>());
        Assert.Equal(ids[22], results[1]!["id"]!.GetValue<int>());

        using var second = await client.GetAsync($"{ArtifactClient.Root}?page=2");
        var page2 = (await second.ReadJsonAsync())!;
        Assert.Equal(3, page2["results"]!.AsArray().Count);
        Assert.Null(page2["next"]);
        Assert.Equal($"{Server.BaseAddress.ToString().TrimEnd('/')}/api/v1/artifacts/", page2["previous"]!.GetValue<string>());
        var all = results.Concat(page2["results"]!.AsArray()).Select(r => r!["id"]!.GetValue<int>()).ToList();
        Assert.Equal(ids.Order(), all.Order());

        foreach (var page in new[] { "3", "0", "-1", "abc" })
        {
            using var bad = await client.GetAsync($"{ArtifactClient.Root}?page={page}");
            Assert.Equal(HttpStatusCode.NotFound, bad.StatusCode);
            Assert.Equal("Invalid page.", (await bad.ReadJsonAsync())!["detail"]!.GetValue<string>());
        }
        using var last = await client.GetAsync($"{ArtifactClient.Root}?page=last");
        Assert.Equal(3, (await last.ReadJsonAsync())!["results"]!.AsArray().Count);
    }

    [Fact]
    public async Task An_empty_list_is_page_one_with_no_results()
    {
        var (client, _) = await Server.CreateUserClientAsync();
        using var response = await client.GetAsync(ArtifactClient.Root);
        var json = (await response.ReadJsonAsync())!;
        Assert.Equal(0, json["count"]!.GetValue<int>());
        Assert.Empty(json["results"]!.AsArray());
    }

    [Fact]
    public async Task List_filters_work_and_combine()
    {
        var (client, _) = await Server.CreateUserClientAsync();
        var api = await client.CreateAsync(new
        {
            title = "Payments API", description = "REST service", artifact_type = "project",
            technologies = new[] { "C#", "PostgreSQL" }, start_date = "2021-01-01", end_date = "2021-12-31",
        });
        var paper = await client.CreateAsync(new
        {
            title = "Vector search paper", description = "Published 100% of results", artifact_type = "publication",
            technologies = new[] { "Python", "pgvector" }, start_date = "2023-03-01",
        });
        var job = await client.CreateAsync(new
        {
            title = "Backend engineer", description = "Worked on the_platform", artifact_type = "experience",
            technologies = new[] { "Go", "postgresql" }, start_date = "2019-01-01", end_date = "2020-06-30",
        });
        var undated = await client.CreateAsync(new { title = "Talk", description = "Conference talk", artifact_type = "presentation" });

        async Task<int[]> Ids(string query)
        {
            using var response = await client.GetAsync($"{ArtifactClient.Root}?{query}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return [.. (await response.ReadJsonAsync())!["results"]!.AsArray().Select(r => r!["id"]!.GetValue<int>()).Order()];
        }

        Assert.Equal([api], await Ids("search=PAYMENTS"));
        Assert.Equal([paper], await Ids("search=pgvec"));                 // a technology
        Assert.Equal([paper], await Ids("search=100%25"));                // % is literal
        Assert.Equal([job], await Ids("search=the_platform"));            // _ is literal
        Assert.Equal(new[] { api, job }.Order(), await Ids("technologies=PostgreSQL"));
        Assert.Equal(new[] { api, paper }.Order(), await Ids("technologies=python,c%23"));
        Assert.Equal(new[] { api, paper }.Order(), await Ids("technologies=Python&technologies=C%23"));
        Assert.Equal([undated], await Ids("artifact_type=presentation"));
        Assert.Equal(new[] { paper, job }.Order(), await Ids("artifact_type=publication,experience"));
        // Overlap with [2021-06-01, ∞): the 2021 project and the ongoing paper.
        Assert.Equal(new[] { api, paper }.Order(), await Ids("start_date=2021-06-01"));
        // Overlap with (−∞, 2020-01-01]: the job only.
        Assert.Equal([job], await Ids("end_date=2020-01-01"));
        Assert.Equal([api], await Ids("start_date=2021-01-01&end_date=2022-01-01"));
        Assert.Equal([job], await Ids("technologies=postgresql&end_date=2020-12-31"));
        Assert.Empty(await Ids("search=nothing-matches"));
        // The React client's extra parameters are accepted and ignored.
        Assert.Equal(4, (await Ids("labels=1&status=active")).Length);

        using var badDate = await client.GetAsync($"{ArtifactClient.Root}?start_date=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Equal("Enter a valid date.", (await badDate.ReadJsonAsync())!["start_date"]![0]!.GetValue<string>());
        using var badType = await client.GetAsync($"{ArtifactClient.Root}?artifact_type=hobby");
        Assert.Equal(HttpStatusCode.BadRequest, badType.StatusCode);
    }

    [Fact]
    public async Task Filter_pages_keep_the_filter_in_their_links()
    {
        var (client, _) = await Server.CreateUserClientAsync();
        for (var i = 0; i < 21; i++)
        {
            await client.CreateAsync(new { title = $"Rust {i}", description = "D", technologies = new[] { "Rust" } });
        }
        await client.CreateAsync(new { title = "Other", description = "D" });
        using var response = await client.GetAsync($"{ArtifactClient.Root}?technologies=rust");
        var json = (await response.ReadJsonAsync())!;
        Assert.Equal(21, json["count"]!.GetValue<int>());
        Assert.EndsWith("/api/v1/artifacts/?page=2&technologies=rust", json["next"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_route_answers_with_and_without_the_trailing_slash()
    {
        var (client, _) = await Server.CreateUserClientAsync();
        using (var create = await client.PostAsJsonAsync("/api/v1/artifacts", new { title = "T", description = "D" }))
        {
            Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        }
        var id = await client.CreateAsync();
        foreach (var path in new[] { "/api/v1/artifacts", $"/api/v1/artifacts/{id}", "/api/v1/artifacts/suggestions" })
        {
            using var withoutSlash = await client.GetAsync(path);
            using var withSlash = await client.GetAsync(path + "/");
            Assert.Equal(HttpStatusCode.OK, withoutSlash.StatusCode);
            Assert.Equal(HttpStatusCode.OK, withSlash.StatusCode);
        }
        using (var patch = await client.PatchJsonAsync($"/api/v1/artifacts/{id}", new { title = "X" }))
        {
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        }
        using (var link = await client.PostAsJsonAsync($"/api/v1/artifacts/{id}/evidence-links", new { url = "https://a.example.com", link_type = "website" }))
        {
            Assert.Equal(HttpStatusCode.Created, link.StatusCode);
        }
        using var delete = await client.DeleteAsync($"/api/v1/artifacts/{id}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
    }

    [Fact]
    public async Task Suggestions_put_the_users_own_technologies_first_and_filter_by_q()
    {
        var (client, _) = await Server.CreateUserClientAsync();
        using (var none = await client.GetAsync($"{ArtifactClient.Root}suggestions/"))
        {
            var list = (await none.ReadJsonAsync())!["suggestions"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
            Assert.Equal(20, list.Count);
            Assert.Equal("Python", list[0]);
        }
        await client.CreateAsync(new { title = "T", description = "D", technologies = new[] { "Elixir", "python" } });
        using var mine = await client.GetAsync($"{ArtifactClient.Root}suggestions/");
        var suggestions = (await mine.ReadJsonAsync())!["suggestions"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        Assert.Equal("Elixir", suggestions[0]);
        Assert.DoesNotContain("Python", suggestions); // "python" already covers it (case-insensitive)

        using var query = await client.GetAsync($"{ArtifactClient.Root}suggestions/?q=SQL");
        var matches = (await query.ReadJsonAsync())!["suggestions"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        Assert.Equal(["PostgreSQL", "MySQL"], matches);
    }

    [Fact]
    public async Task Evidence_link_create_update_delete_follow_the_contract()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        var id = await client.CreateAsync();
        using var created = await client.PostAsJsonAsync($"{ArtifactClient.Root}{id}/evidence-links/",
            new { url = "https://github.com/a/b", link_type = "github", description = "repo" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var link = (await created.ReadJsonAsync())!.AsObject();
        Assert.Equal(["id", "url", "link_type", "description", "created_at"], link.Select(p => p.Key).ToArray());
        var linkId = link["id"]!.GetValue<long>();

        using var bad = await client.PostAsJsonAsync($"{ArtifactClient.Root}{id}/evidence-links/", new { url = "ftp://x.example.com", link_type = "github" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("URL must start with http:// or https://", (await bad.ReadJsonAsync())!["url"]![0]!.GetValue<string>());

        using var put = await client.PutAsJsonAsync($"{ArtifactClient.Root}evidence-links/{linkId}/", new { url = "https://example.com/live", link_type = "live_app" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var updated = (await put.ReadJsonAsync())!.AsObject();
        Assert.Equal(["id", "url", "link_type", "description", "updated_at"], updated.Select(p => p.Key).ToArray());
        Assert.Equal("repo", updated["description"]!.GetValue<string>()); // not sent → kept

        using var putMissing = await client.PutAsJsonAsync($"{ArtifactClient.Root}evidence-links/{linkId}/", new { description = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, putMissing.StatusCode);
        var errors = await putMissing.ReadJsonAsync();
        Assert.NotNull(errors!["url"]);
        Assert.NotNull(errors["link_type"]);

        using var delete = await client.DeleteAsync($"{ArtifactClient.Root}evidence-links/{linkId}/");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var deleteAgain = await client.DeleteAsync($"{ArtifactClient.Root}evidence-links/{linkId}/");
        Assert.Equal(HttpStatusCode.NotFound, deleteAgain.StatusCode);
        Assert.Equal("Evidence link not found", (await deleteAgain.ReadJsonAsync())!["error"]!.GetValue<string>());

        // create + link create + link update + link delete: four jobs.
        Assert.Equal(4, await Server.InDbAsync(db => db.EmbeddingJobs.CountAsync(j => j.UserId == session.UserId && j.ArtifactId == id)));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_artifact_routes()
    {
        using var response = await Server.Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await response.ReadJsonAsync())!["paths"]!.AsObject();
        foreach (var path in new[]
                 {
                     "/api/v1/artifacts/", "/api/v1/artifacts/{id}/", "/api/v1/artifacts/{artifactId}/upload/", "/api/v1/artifacts/upload/",
                     "/api/v1/artifacts/{artifactId}/status/", "/api/v1/artifacts/upload-file/", "/api/v1/artifacts/suggestions/",
                     "/api/v1/artifacts/{artifactId}/evidence-links/", "/api/v1/artifacts/evidence-links/{linkId}/",
                     "/api/v1/artifacts/files/{fileId}/", "/api/v1/artifacts/bulk/",
                 })
        {
            Assert.True(paths.ContainsKey(path), path);
        }
    }

    [Fact]
    public async Task Method_not_allowed_says_which_method()
    {
        var (client, _) = await Server.CreateUserClientAsync();
        using var response = await client.PostAsJsonAsync($"{ArtifactClient.Root}suggestions/", new { });
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("Method \"POST\" not allowed.", (await response.ReadJsonAsync())!["detail"]!.GetValue<string>());
    }

}
