using System.Text.Json;

namespace CvTailor.Embeddings.Endpoints;

/// <summary>A validated <c>POST /v1/embeddings</c> body.</summary>
public sealed record EmbeddingRequest(IReadOnlyList<string> Inputs, string Model, int? Dimensions, bool Base64)
{
    /// <summary>
    /// Reads OpenAI's request shape (<c>input</c> string or array of strings, <c>model</c>, <c>dimensions</c>,
    /// <c>encoding_format</c>; <c>user</c> and unknown fields are ignored) and checks the limits. Returns null and sets
    /// <paramref name="error"/> for bad input.
    /// </summary>
    public static EmbeddingRequest? Parse(JsonElement body, EmbeddingsApiOptions limits, out OpenAiError? error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        error = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            error = OpenAiError.InvalidRequest("The request body must be a JSON object.", null);
            return null;
        }

        if (!body.TryGetProperty("model", out var modelElement) || modelElement.ValueKind == JsonValueKind.Null)
        {
            error = OpenAiError.InvalidRequest("You must provide a model parameter.", "model");
            return null;
        }
        if (modelElement.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(modelElement.GetString()))
        {
            error = OpenAiError.InvalidRequest("'model' must be a non-empty string.", "model");
            return null;
        }

        var inputs = ReadInputs(body, limits, out error);
        if (inputs is null)
        {
            return null;
        }

        int? dimensions = null;
        if (body.TryGetProperty("dimensions", out var dimensionsElement) && dimensionsElement.ValueKind != JsonValueKind.Null)
        {
            if (dimensionsElement.ValueKind != JsonValueKind.Number || !dimensionsElement.TryGetInt32(out var d) || d < 1)
            {
                error = OpenAiError.InvalidRequest("'dimensions' must be a positive integer.", "dimensions");
                return null;
            }
            dimensions = d;
        }

        var base64 = false;
        if (body.TryGetProperty("encoding_format", out var formatElement) && formatElement.ValueKind != JsonValueKind.Null)
        {
            switch (formatElement.ValueKind == JsonValueKind.String ? formatElement.GetString() : null)
            {
                case "float":
                    break;
                case "base64":
                    base64 = true;
                    break;
                default:
                    error = OpenAiError.InvalidRequest("'encoding_format' must be 'float' or 'base64'.", "encoding_format");
                    return null;
            }
        }
        return new EmbeddingRequest(inputs, modelElement.GetString()!, dimensions, base64);
    }

    static List<string>? ReadInputs(JsonElement body, EmbeddingsApiOptions limits, out OpenAiError? error)
    {
        error = null;
        if (!body.TryGetProperty("input", out var input) || input.ValueKind == JsonValueKind.Null)
        {
            error = OpenAiError.InvalidRequest("You must provide an input parameter.", "input");
            return null;
        }

        var inputs = new List<string>();
        if (input.ValueKind == JsonValueKind.String)
        {
            inputs.Add(input.GetString()!);
        }
        else if (input.ValueKind == JsonValueKind.Array)
        {
            var count = input.GetArrayLength();
            if (count == 0)
            {
                error = OpenAiError.InvalidRequest("'input' must not be an empty array.", "input");
                return null;
            }
            if (count > limits.MaxInputs)
            {
                error = OpenAiError.InvalidRequest(
                    $"'input' has {count} items; at most {limits.MaxInputs} are allowed per request.", "input", "too_many_inputs");
                return null;
            }
            foreach (var item in input.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    // OpenAI also takes token-id arrays; their ids belong to OpenAI's tokenizers, not to the served model.
                    error = OpenAiError.InvalidRequest(
                        "'input' must be a string or an array of strings; token arrays are not supported by this server.", "input");
                    return null;
                }
                inputs.Add(item.GetString()!);
            }
        }
        else
        {
            error = OpenAiError.InvalidRequest("'input' must be a string or an array of strings.", "input");
            return null;
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Length == 0)
            {
                error = OpenAiError.InvalidRequest($"'input[{i}]' is empty; every input must be a non-empty string.", "input");
                return null;
            }
            if (inputs[i].Length > limits.MaxInputCharacters)
            {
                error = OpenAiError.InvalidRequest(
                    $"'input[{i}]' has {inputs[i].Length} characters; at most {limits.MaxInputCharacters} are allowed.",
                    "input", "input_too_long");
                return null;
            }
        }
        return inputs;
    }
}
