using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace CvTailor.Tests.Infrastructure;

/// <summary>Small helpers for reading and sending JSON in Api tests.</summary>
public static class HttpJson
{
    public static async Task<JsonNode?> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync());

    /// <summary>Sends a raw body (malformed JSON, odd content types) exactly as given.</summary>
    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string body, string contentType = "application/json") =>
        client.PostAsync(url, new StringContent(body, Encoding.UTF8, contentType));

    public static Task<HttpResponseMessage> PatchJsonAsync<T>(this HttpClient client, string url, T value) =>
        client.PatchAsync(url, JsonContent.Create(value));
}
