using System.Net;
using CvTailor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Tests.Api.Artifacts;

/// <summary>R15: the five actions, per-item results, validation messages, atomicity per item.</summary>
public sealed class BulkEditTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    ApiServer Server => api.Server;

    [Fact]
    public async Task All_five_actions_apply_to_every_listed_artifact()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        var a = await client.CreateAsync(new { title = "A", description = "D", technologies = new[] { "Go", "SQL" }, collaborators = new[] { "x@example.com" } });
        var b = await client.CreateAsync(new { title = "B", description = "D", technologies = new[] { "sql" } });

        async Task<JsonNodeResult> Bulk(object body)
        {
            using var response = await client.PatchJsonAsync($"{ArtifactClient.Root}bulk/", body);
            return new JsonNodeResult(response.StatusCode, (await response.ReadJsonAsync())!);
        }

        var added = await Bulk(new { artifact_ids = new[] { a, b }, action = "add_technologies", values = new { technologies = new[] { "Rust", "SQL", "go" } } });
        Assert.Equal(HttpStatusCode.OK, added.Status);
        Assert.Equal(2, added.Json["successful"]!.GetValue<int>());
        Assert.Equal(0, added.Json["failed"]!.GetValue<int>());
        Assert.Equal(2, added.Json["total_processed"]!.GetValue<int>());
        var first = added.Json["results"]![0]!.AsObject();
        Assert.Equal(["id", "status", "updated_fields"], first.Select(p => p.Key).ToArray());
        Assert.Equal(a, first["id"]!.GetValue<int>());
        Assert.Equal("add_technologies", first["updated_fields"]![0]!.GetValue<string>());
        // Order kept, nothing duplicated ignoring case.
        Assert.Equal("""["Go","SQL","Rust"]""", (await client.GetArtifactAsync(a))["technologies"]!.ToJsonString());
        Assert.Equal("""["sql","Rust","go"]""", (await client.GetArtifactAsync(b))["technologies"]!.ToJsonString());

        var removed = await Bulk(new { artifact_ids = new[] { a, b }, action = "remove_technologies", values = new { technologies = new[] { "SQL" } } });
        Assert.Equal(2, removed.Json["successful"]!.GetValue<int>());
        Assert.Equal("""["Go","Rust"]""", (await client.GetArtifactAsync(a))["technologies"]!.ToJsonString());
        Assert.Equal("""["Rust","go"]""", (await client.GetArtifactAsync(b))["technologies"]!.ToJsonString());

        var typed = await Bulk(new { artifact_ids = new[] { a, b }, action = "update_type", values = new { artifact_type = "experience" } });
        Assert.Equal(2, typed.Json["successful"]!.GetValue<int>());
        Assert.Equal("experience", (await client.GetArtifactAsync(b))["artifact_type"]!.GetValue<string>());

        await Bulk(new { artifact_ids = new[] { a, b }, action = "add_collaborators", values = new { collaborators = new[] { "y@example.com" } } });
        Assert.Equal("""["x@example.com","y@example.com"]""", (await client.GetArtifactAsync(a))["collaborators"]!.ToJsonString());
        await Bulk(new { artifact_ids = new[] { a, b }, action = "remove_collaborators", values = new { collaborators = new[] { "X@example.com" } } });
        Assert.Equal("""["y@example.com"]""", (await client.GetArtifactAsync(a))["collaborators"]!.ToJsonString());
        Assert.Equal("""["y@example.com"]""", (await client.GetArtifactAsync(b))["collaborators"]!.ToJsonString());

        // 2 creates + 5 actions × 2 artifacts.
        Assert.Equal(12, await Server.InDbAsync(db => db.EmbeddingJobs.CountAsync(j => j.UserId == session.UserId)));
    }

    [Fact]
    public async Task Duplicate_ids_are_applied_once()
    {
        var (client, _) = await Server.CreateUserClientAsync();
        var a = await client.CreateAsync();
        using var response = await client.PatchJsonAsync($"{ArtifactClient.Root}bulk/",
            new { artifact_ids = new[] { a, a }, action = "add_technologies", values = new { technologies = new[] { "Go" } } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.ReadJsonAsync())!["total_processed"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_item_that_cannot_take_the_edit_fails_alone()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        var good = await client.CreateAsync(new { title = "A", description = "D" });
        var odd = await client.CreateAsync(new { title = "B", description = "D" });
        // An imported row whose technologies are not a list.
        await Server.InDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE artifacts_artifact SET technologies = '{{\"a\": 1}}'::jsonb WHERE id = {odd}"));
        var jobsBefore = (await Server.CountsAsync(session.UserId)).Jobs;

        using var response = await client.PatchJsonAsync($"{ArtifactClient.Root}bulk/",
            new { artifact_ids = new[] { odd, good }, action = "add_technologies", values = new { technologies = new[] { "Go" } } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = (await response.ReadJsonAsync())!;
        Assert.Equal(1, json["successful"]!.GetValue<int>());
        Assert.Equal(1, json["failed"]!.GetValue<int>());
        var failed = json["results"]![0]!;
        Assert.Equal("error", failed["status"]!.GetValue<string>());
        Assert.Equal(["id", "status", "message"], failed.AsObject().Select(p => p.Key).ToArray());
        Assert.Equal(1, (await client.GetArtifactAsync(odd))["technologies"]!["a"]!.GetValue<int>());
        Assert.Equal("""["Go"]""", (await client.GetArtifactAsync(good))["technologies"]!.ToJsonString());
        Assert.Equal(jobsBefore + 1, (await Server.CountsAsync(session.UserId)).Jobs);
    }

    [Theory]
    [InlineData("""{"action": "update_type", "values": {"artifact_type": "project"}}""", "artifact_ids", "This field is required.")]
    [InlineData("""{"artifact_ids": [], "action": "update_type", "values": {"artifact_type": "project"}}""", "artifact_ids", "Ensure this field has at least 1 elements.")]
    [InlineData("""{"artifact_ids": ["x"], "action": "update_type", "values": {"artifact_type": "project"}}""", "artifact_ids", "Item 0: A valid integer is required.")]
    [InlineData("""{"artifact_ids": [1], "action": "explode", "values": {}}""", "action", "\"explode\" is not a valid choice.")]
    [InlineData("""{"artifact_ids": [1], "action": "update_type", "values": "x"}""", "values", "Expected a dictionary of items but got type \"str\".")]
    [InlineData("""{"artifact_ids": [1], "action": "add_technologies", "values": {}}""", "non_field_errors", "Technologies action requires 'technologies' list in values")]
    [InlineData("""{"artifact_ids": [1], "action": "remove_collaborators", "values": {"collaborators": "a"}}""", "non_field_errors", "Collaborators action requires 'collaborators' list in values")]
    [InlineData("""{"artifact_ids": [1], "action": "update_type", "values": {}}""", "non_field_errors", "Update type action requires 'artifact_type' in values")]
    [InlineData("""{"artifact_ids": [1], "action": "update_type", "values": {"artifact_type": "hobby"}}""", "non_field_errors", "Invalid artifact type: hobby")]
    public async Task Invalid_requests_are_400_with_the_serializers_messages(string body, string field, string message)
    {
        var (client, _) = await Server.CreateUserClientAsync();
        using var response = await client.PatchAsync($"{ArtifactClient.Root}bulk/", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, (await response.ReadJsonAsync())![field]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task More_than_100_ids_or_an_unknown_id_change_nothing()
    {
        var (client, session) = await Server.CreateUserClientAsync();
        var a = await client.CreateAsync();
        using var tooMany = await client.PatchJsonAsync($"{ArtifactClient.Root}bulk/",
            new { artifact_ids = Enumerable.Range(1, 101).ToArray(), action = "update_type", values = new { artifact_type = "education" } });
        Assert.Equal("Ensure this field has no more than 100 elements.", (await tooMany.ReadJsonAsync())!["artifact_ids"]![0]!.GetValue<string>());

        using var unknown = await client.PatchJsonAsync($"{ArtifactClient.Root}bulk/",
            new { artifact_ids = new[] { a, int.MaxValue }, action = "update_type", values = new { artifact_type = "education" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("project", (await client.GetArtifactAsync(a))["artifact_type"]!.GetValue<string>());
        Assert.Equal(1, (await Server.CountsAsync(session.UserId)).Jobs);
    }

    sealed record JsonNodeResult(HttpStatusCode Status, System.Text.Json.Nodes.JsonNode Json);
}
