using System.Net;
using System.Net.Http.Json;
using CvTailor.Tests.Infrastructure;

namespace CvTailor.Tests.Api.Generation;

/// <summary>Per-user hourly quotas on generation and export starts (counted from the rows, so every replica agrees).</summary>
public sealed class QuotaTests
{
    [Fact]
    public async Task Starts_over_the_hourly_quota_are_throttled_per_user()
    {
        await using var server = await ApiServer.StartAsync(new() { ["Generation:MaxPerHour"] = "2", ["Export:MaxPerHour"] = "1" });
        var (client, _) = await server.CreateUserClientAsync();
        var (other, _) = await server.CreateUserClientAsync();
        var body = new { job_description = "Engineer\n\nRequirements\n- Go.\n" };

        var first = await client.GenerateAsync("cv", body);
        await client.GenerateAsync("cover-letter", body);
        using (var third = await client.PostAsJsonAsync($"{GenerationApi.Generate}cv/", body))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
            var seconds = int.Parse(third.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(seconds, 3500, 3600);
            Assert.Equal($"Request was throttled. Expected available in {seconds} seconds.",
                (await third.ReadJsonAsync())!["detail"]!.GetValue<string>());
        }
        await other.GenerateAsync("cv", body); // another user's budget is their own

        var id = Guid.Parse(first["id"]!.GetValue<string>());
        await client.ExportAsync(id, new { format = "pdf" });
        using var second = await client.PostAsJsonAsync($"{GenerationApi.Export}{id}/", new { format = "docx" });
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
    }
}
