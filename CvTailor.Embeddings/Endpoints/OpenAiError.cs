namespace CvTailor.Embeddings.Endpoints;

/// <summary>OpenAI's error body: <c>{"error": {"message", "type", "param", "code"}}</c>.</summary>
public sealed record OpenAiError(OpenAiErrorDetail Error)
{
    public static OpenAiError InvalidRequest(string message, string? param, string? code = null) =>
        new(new OpenAiErrorDetail(message, "invalid_request_error", param, code));
}

public sealed record OpenAiErrorDetail(string Message, string Type, string? Param, string? Code);
