using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CvTailor.Api.Artifacts.Processing;
using CvTailor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Tests.Api.Artifacts;

/// <summary>
/// The GitHub analysis obeys <c>Evidence:AllowedHosts</c> like the link checks: the test Api allows only 127.0.0.1 and
/// keeps the default GitHub API address, so a github.com link is analysed without any request leaving the machine.
/// </summary>
public sealed class GitHubHostListTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task A_github_api_host_outside_the_allowed_list_is_refused_without_a_request()
    {
        var server = api.Server;
        var (client, _) = await server.CreateUserClientAsync();
        var id = await client.CreateAsync();
        using var created = await client.PostAsJsonAsync($"{ArtifactClient.Root}{id}/evidence-links/",
            new { url = "https://github.com/octo/tool", link_type = "github" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var linkId = (await created.ReadJsonAsync())!["id"]!.GetValue<long>();

        await server.WaitForProcessingAsync(id);

        var extracted = JsonNode.Parse(await server.InDbAsync(db => db.Artifacts.Where(a => a.Id == id).Select(a => a.ExtractedMetadata).SingleAsync()))!;
        var analysis = extracted["github_metadata"]![linkId.ToString(System.Globalization.CultureInfo.InvariantCulture)]!;
        Assert.Equal(NetworkGuard.RefusedHost, analysis["error"]!.GetValue<string>());
    }
}
