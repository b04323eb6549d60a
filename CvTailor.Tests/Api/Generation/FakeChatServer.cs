using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CvTailor.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CvTailor.Tests.Api.Generation;

/// <summary>
/// A stand-in for a hosted chat model (the one test double the project allows): an OpenAI-compatible
/// <c>POST /v1/chat/completions</c> on loopback, reached by the Api through the real OpenAI client and
/// <c>IChatClient</c>. Its reply is chosen by <see cref="Mode"/>: a grounded rewrite of the CV it was sent, a
/// hallucinating one, text that is not JSON, JSON of the wrong shape, a foreign URL, or an HTTP 500.
/// </summary>
public sealed class FakeChatServer : IAsyncDisposable
{
    public const string GroundedSummaryPrefix = "Rewritten: ";
    public const string Invented = "Led 173 engineers at Google to rebuild the billing platform in Haskell.";

    readonly WebApplication _app;

    FakeChatServer(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    volatile string _mode = "grounded";

    public string Mode
    {
        get => _mode;
        set => _mode = value;
    }

    public ConcurrentQueue<JsonNode> Requests { get; } = new();

    public static async Task<FakeChatServer> StartAsync()
    {
        var app = LoopbackWebApp.CreateSlim();
        FakeChatServer? server = null;
        app.MapPost("/v1/chat/completions", async (HttpRequest request) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!;
            server!.Requests.Enqueue(body);
            return server.Reply(body);
        });
        await app.StartAsync();
        server = new FakeChatServer(app, new Uri(app.ListeningAddress(), "/v1"));
        return server;
    }

    IResult Reply(JsonNode body)
    {
        if (Mode == "fail")
        {
            return Results.Json(new { error = new { message = "overloaded", type = "server_error" } }, statusCode: 500);
        }
        var prompt = JsonNode.Parse(body["messages"]!.AsArray().Last()!["content"]!.GetValue<string>())!;
        var cv = prompt["cv"]!.DeepClone().AsObject();
        string content;
        switch (Mode)
        {
            case "grounded":
                // Reorders and rephrases with the CV's own facts only.
                cv["professional_summary"] = GroundedSummaryPrefix + cv["professional_summary"]!.GetValue<string>();
                cv["key_skills"] = new JsonArray([.. cv["key_skills"]!.AsArray().Reverse().Select(n => n!.DeepClone())]);
                content = cv.ToJsonString();
                break;
            case "hallucinate":
                cv["experience"]![0]!["achievements"]!.AsArray().Insert(0, Invented);
                content = "```json\n" + cv.ToJsonString() + "\n```";
                break;
            case "foreign-url":
                cv["experience"]![0]!["evidence_references"]!.AsArray().Add("https://attacker.example.net/fake-proof");
                content = cv.ToJsonString();
                break;
            case "schema":
                content = """{"summary": "A great engineer.", "skills": ["Go"]}""";
                break;
            default:
                content = "Sure! Here is a much better CV for you.";
                break;
        }
        return Results.Json(new
        {
            id = "chatcmpl-test",
            @object = "chat.completion",
            created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            model = body["model"]?.GetValue<string>() ?? "fake",
            choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 1200, completion_tokens = 300, total_tokens = 1500 },
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
