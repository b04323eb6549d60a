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

    /// <summary>
    /// Sends a body the server is expected to refuse by its declared length (413), with <c>Expect: 100-continue</c>:
    /// the server answers before any of the body is sent. Without it the server closes the connection while the
    /// client is still writing, and the client sees a broken pipe instead of the answer, now and then.
    /// </summary>
    public static async Task<HttpResponseMessage> SendOversizedAsync(this HttpClient client, HttpMethod method, string url, HttpContent content)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.ExpectContinue = true;
        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PatchJsonAsync<T>(this HttpClient client, string url, T value) =>
        client.PatchAsync(url, JsonContent.Create(value));
}
