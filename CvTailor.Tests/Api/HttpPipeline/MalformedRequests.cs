using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace CvTailor.Tests.Api.HttpPipeline;

/// <summary>One generated hostile request: what to send and a short description for failure messages.</summary>
public sealed record MalformedRequest(HttpMethod Method, string Path, byte[]? Body, string? ContentType, bool Authenticated, string Description)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, Path);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
            else
            {
                message.Content.Headers.ContentType = null;
            }
        }
        return message;
    }
}

/// <summary>
/// A seeded generator of malformed requests against the Api's real routes: JSON bodies with NUL, lone surrogates,
/// wrong types, over-long and deeply nested values, broken JSON; multipart bodies cut short, with a wrong, missing or
/// over-long boundary, NUL in values and file names; hostile query strings; ids far beyond any range.
/// </summary>
public sealed class MalformedRequests(int seed, long artifactId)
{
    readonly Random _random = new(seed);

    sealed record JsonTarget(HttpMethod Method, string Path, string[] Fields, bool Authenticated = true);

    static readonly string[] s_artifactFields = ["title", "description", "artifact_type", "start_date", "end_date", "technologies", "collaborators", "evidence_links"];
    static readonly string[] s_generationFields = ["job_description", "company_name", "role_title", "label_ids", "template_id", "custom_sections", "generation_preferences"];

    JsonTarget[] JsonTargets() =>
    [
        new(HttpMethod.Post, "/api/v1/auth/register/", ["email", "password", "password_confirm", "first_name", "last_name", "username"], Authenticated: false),
        new(HttpMethod.Post, "/api/v1/auth/login/", ["email", "password", "username"], Authenticated: false),
        new(HttpMethod.Post, "/api/v1/auth/token/refresh/", ["refresh"], Authenticated: false),
        new(HttpMethod.Post, "/api/v1/auth/password-reset/", ["email"], Authenticated: false),
        new(HttpMethod.Post, "/api/v1/auth/google/", ["credential", "id_token", "access_token"], Authenticated: false),
        new(HttpMethod.Patch, "/api/v1/auth/profile/", ["first_name", "last_name", "bio", "location", "phone", "website", "linkedin_url", "github_url", "email", "username"]),
        new(HttpMethod.Put, "/api/v1/auth/profile/", ["first_name", "last_name", "bio", "location", "phone", "website"]),
        new(HttpMethod.Post, "/api/v1/auth/change-password/", ["old_password", "new_password", "new_password_confirm"]),
        new(HttpMethod.Post, "/api/v1/artifacts/", s_artifactFields),
        new(HttpMethod.Patch, $"/api/v1/artifacts/{artifactId}/", s_artifactFields),
        new(HttpMethod.Put, $"/api/v1/artifacts/{artifactId}/", s_artifactFields),
        new(HttpMethod.Post, $"/api/v1/artifacts/{artifactId}/evidence-links/", ["url", "link_type", "description"]),
        new(HttpMethod.Patch, "/api/v1/artifacts/bulk/", ["artifact_ids", "action", "values"]),
        new(HttpMethod.Post, "/api/v1/artifacts/search/", ["query", "limit", "artifact_types", "technologies", "mode", "threshold"]),
        new(HttpMethod.Post, "/api/v1/generate/cv/", s_generationFields),
        new(HttpMethod.Post, "/api/v1/generate/cover-letter/", s_generationFields),
        new(HttpMethod.Post, "/api/v1/generate/match/", ["job_description", "artifact_ids", "limit"]),
        new(HttpMethod.Post, $"/api/v1/export/{Guid.NewGuid()}/", ["format", "template_id", "options", "sections", "watermark"]),
        new(HttpMethod.Post, "/api/v1/llm/select-model/", ["task_type", "complexity_score", "user_budget", "strategy"]),
        new(HttpMethod.Post, "/api/v1/llm/circuit-breakers/", ["model_name", "failure_count", "state", "failure_threshold", "timeout_duration"]),
        new(HttpMethod.Patch, "/api/v1/llm/circuit-breakers/gpt-4o/", ["failure_count", "state", "failure_threshold"]),
    ];

    static readonly string[] s_multipartPaths = ["/api/v1/artifacts/upload/", "/api/v1/artifacts/upload-file/", "/api/v1/auth/profile/"];

    static readonly string[] s_queryPaths =
    [
        "/api/v1/artifacts/", "/api/v1/generate/", "/api/v1/export/", "/api/v1/artifacts/suggestions/",
        "/api/v1/llm/job-embeddings/", "/api/v1/llm/enhanced-artifacts/", "/api/v1/llm/performance-metrics/", "/api/v1/llm/cost-tracking/",
    ];

    static readonly string[] s_queryKeys = ["search", "q", "page", "page_size", "technologies", "artifact_type", "start_date", "end_date", "status", "ordering", "model_name"];

    /// <summary>JSON texts (raw, so escapes such as a lone <c>\ud800</c> reach the server as written).</summary>
    static readonly string[] s_hostileJson =
    [
        "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"x\\udfff\"", "\"\\ud800\\u0041\"", "\"\\udc00\\ud800\"",
        "\"\\ud83d\\ude00 ok\"", "[\"\\u0000\"]", "{\"k\":\"\\ud800\"}", "{\"\\u0000\":1}", "[\"a\",\"\\udbff\"]",
        "1e400", "-1e400", "99999999999999999999", "-99999999999999999999", "0.0000001", "-1", "0", "true", "false", "null",
        "[]", "{}", "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]", "\"\"", "\"   \"", "\"9999-99-99\"", "\"2024-02-30\"",
        "\"javascript:alert(1)\"", "\"http://[::1\"", "\"' OR 1=1 --\"", "\"%00\"", "\"\\\\\"",
    ];

    public IReadOnlyList<MalformedRequest> Generate(int count)
    {
        var targets = JsonTargets();
        var requests = new List<MalformedRequest>(count);
        while (requests.Count < count)
        {
            requests.Add(_random.Next(100) switch
            {
                < 40 => HostileJson(targets[_random.Next(targets.Length)]),
                < 47 => BrokenJson(targets[_random.Next(targets.Length)]),
                < 70 => BrokenMultipart(),
                < 88 => HostileQuery(),
                _ => HostileId(),
            });
        }
        return requests;
    }

    MalformedRequest HostileJson(JsonTarget target)
    {
        var members = new List<string>();
        var hostileCount = 1 + _random.Next(3);
        foreach (var field in target.Fields)
        {
            members.Add($"\"{field}\":{PlausibleJson(field)}");
        }
        var described = new List<string>();
        for (var i = 0; i < hostileCount; i++)
        {
            var field = target.Fields[_random.Next(target.Fields.Length)];
            var value = _random.Next(6) == 0 ? OverLong() : s_hostileJson[_random.Next(s_hostileJson.Length)];
            members.Add($"\"{field}\":{value}");
            described.Add($"{field}={Shorten(value)}");
        }
        Shuffle(members);
        var body = "{" + string.Join(",", members) + "}";
        return new(target.Method, target.Path, Encoding.UTF8.GetBytes(body), "application/json", target.Authenticated,
            $"json {string.Join(" ", described)}");
    }

    MalformedRequest BrokenJson(JsonTarget target)
    {
        var body = "{" + string.Join(",", target.Fields.Select(f => $"\"{f}\":{PlausibleJson(f)}")) + "}";
        var (bytes, what) = _random.Next(6) switch
        {
            0 => (Encoding.UTF8.GetBytes(body[..Math.Max(1, _random.Next(body.Length))]), "truncated"),
            1 => ([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x7D], "UTF-8 encoded surrogate"),
            2 => ([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0x00, 0x22, 0x7D], "raw NUL byte"),
            3 => (Encoding.UTF8.GetBytes(new string('[', 5000)), "deep nesting"),
            4 => (Encoding.UTF8.GetBytes(body.Replace("{", "{\"a\":1,\"a\":2,", StringComparison.Ordinal)), "duplicate keys"),
            _ => (RandomBytes(1 + _random.Next(200)), "random bytes"),
        };
        var contentType = _random.Next(4) == 0 ? "text/plain" : "application/json; charset=utf-8";
        return new(target.Method, target.Path, bytes, contentType, target.Authenticated, $"broken json ({what}, {contentType})");
    }

    MalformedRequest BrokenMultipart()
    {
        var path = _random.Next(4) == 0 ? $"/api/v1/artifacts/{artifactId}/upload/" : s_multipartPaths[_random.Next(s_multipartPaths.Length)];
        var method = path.EndsWith("/profile/", StringComparison.Ordinal) ? HttpMethod.Patch : HttpMethod.Post;
        var boundary = "----cvtailor" + _random.Next(1_000_000).ToString(CultureInfo.InvariantCulture);
        var fieldValue = _random.Next(3) switch
        {
            0 => "a\0b",
            1 => new string('x', 1 + _random.Next(20_000)),
            _ => "Project title",
        };
        var fileName = _random.Next(3) switch
        {
            0 => "cv\0.pdf",
            1 => new string('n', 300 + _random.Next(2000)) + ".pdf",
            _ => "cv.pdf",
        };
        var body = MultipartBody(boundary, [("metadata.title", fieldValue), ("metadata.description", "d"), ("first_name", fieldValue)],
            ("files", fileName, "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"));
        var contentType = $"multipart/form-data; boundary={boundary}";
        string what;
        switch (_random.Next(7))
        {
            case 0:
                body = body[..Math.Max(1, _random.Next(body.Length))];
                what = "cut short";
                break;
            case 1:
                contentType = "multipart/form-data; boundary=not-the-boundary";
                what = "wrong boundary";
                break;
            case 2:
                contentType = "multipart/form-data";
                what = "missing boundary";
                break;
            case 3:
                contentType = "multipart/form-data; boundary=" + new string('b', 71 + _random.Next(200));
                what = "over-long boundary";
                break;
            case 4:
                body = [.. body, .. RandomBytes(_random.Next(100))];
                body = body[.._random.Next(body.Length / 2, body.Length)];
                what = "garbage tail, cut";
                break;
            case 5:
                body = Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"x\"\r\nX-Pad: {new string('h', 20_000)}\r\n\r\nv\r\n--{boundary}--\r\n");
                what = "over-long part header";
                break;
            default:
                what = $"value={Shorten(fieldValue)} file={Shorten(fileName)}";
                break;
        }
        return new(method, path, body, contentType, true, $"multipart {what}");
    }

    MalformedRequest HostileQuery()
    {
        var path = s_queryPaths[_random.Next(s_queryPaths.Length)];
        var parts = new List<string>();
        for (var i = 0; i < 1 + _random.Next(3); i++)
        {
            var key = s_queryKeys[_random.Next(s_queryKeys.Length)];
            var value = _random.Next(9) switch
            {
                0 => "%00",
                1 => "a%00b",
                2 => "%ED%A0%80",
                3 => "99999999999999999999",
                4 => "-5",
                5 => new string('q', 1000 + _random.Next(5000)),
                6 => string.Join(",", Enumerable.Range(0, 300).Select(n => "t" + n.ToString(CultureInfo.InvariantCulture))),
                7 => "%C0%80",
                _ => "9999-99-99",
            };
            parts.Add(_random.Next(10) == 0 ? $"{value}={key}" : $"{key}={value}");
        }
        var query = string.Join("&", parts);
        return new(HttpMethod.Get, $"{path}?{query}", null, null, true, $"query {Shorten(query)}");
    }

    MalformedRequest HostileId()
    {
        string[] ids = ["99999999999999999999", "-1", "0", "2147483648", "9223372036854775808", "1e9", "%00", "%ED%A0%80", "not-a-guid",
            "00000000-0000-0000-0000-000000000000", new string('9', 400)];
        var id = ids[_random.Next(ids.Length)];
        string[] templates =
        [
            "/api/v1/artifacts/{0}/", "/api/v1/artifacts/{0}/status/", "/api/v1/artifacts/evidence-links/{0}/",
            "/api/v1/artifacts/files/{0}/", "/api/v1/generate/{0}/", "/api/v1/generate/{0}/detail/", "/api/v1/export/{0}/status/",
            "/api/v1/export/{0}/download/", "/api/v1/llm/job-embeddings/{0}/", "/api/v1/llm/enhanced-artifacts/{0}/chunks/",
            "/api/v1/llm/cost-tracking/{0}/", "/api/v1/llm/circuit-breakers/{0}/", "/api/v1/llm/performance-metrics/{0}/",
        ];
        var path = string.Format(CultureInfo.InvariantCulture, templates[_random.Next(templates.Length)], id);
        var method = _random.Next(4) switch
        {
            0 => HttpMethod.Delete,
            1 => HttpMethod.Put,
            _ => HttpMethod.Get,
        };
        var body = method == HttpMethod.Put ? Encoding.UTF8.GetBytes("{\"url\":\"https://example.com\",\"link_type\":\"website\"}") : null;
        return new(method, path, body, body is null ? null : "application/json", _random.Next(5) != 0, $"id {method} {Shorten(path)}");
    }

    string PlausibleJson(string field) => field switch
    {
        "email" => $"\"fuzz-{_random.Next(1000)}@example.com\"",
        "start_date" or "end_date" => "\"2023-01-15\"",
        "technologies" or "collaborators" or "artifact_types" => "[\"C#\",\"SQL\"]",
        "artifact_ids" or "label_ids" => $"[{artifactId}]",
        "evidence_links" => "[{\"url\":\"https://example.com\",\"type\":\"website\"}]",
        "values" or "options" or "sections" or "custom_sections" or "generation_preferences" => "{}",
        "limit" or "template_id" or "failure_count" or "failure_threshold" => "5",
        _ => "\"plausible text\"",
    };

    string OverLong() => "\"" + new string('x', 256 + _random.Next(200_000)) + "\"";

    byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    void Shuffle<T>(List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    static byte[] MultipartBody(string boundary, (string Name, string Value)[] fields, (string Field, string FileName, string Content) file)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in fields)
        {
            text.Append(CultureInfo.InvariantCulture, $"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
        }
        text.Append(CultureInfo.InvariantCulture,
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"{file.Field}\"; filename=\"{file.FileName}\"\r\nContent-Type: application/pdf\r\n\r\n{file.Content}\r\n");
        text.Append(CultureInfo.InvariantCulture, $"--{boundary}--\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    static string Shorten(string text) => text.Length <= 40 ? text.Replace("\0", "\\0", StringComparison.Ordinal) : $"{text[..20]}…({text.Length} chars)";

    /// <summary>Used by tests to attach the bearer token where the request wants one.</summary>
    public static void Authenticate(HttpRequestMessage message, string accessToken) =>
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
}
