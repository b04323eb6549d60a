using System.Text.Json.Serialization;
using CvTailor.Embeddings.Models.Providers;
using Microsoft.Extensions.Options;

namespace CvTailor.Embeddings.Endpoints;

/// <summary>
/// <c>GET /v1/models</c> and <c>GET /v1/models/{id}</c> in OpenAI's shape, listing the one model this instance serves
/// and its worker writes (<c>artifact_chunks.model_used</c>), so the Api learns which vectors to ask for and compare.
/// </summary>
public static class OpenAiModelsEndpoint
{
    /// <summary>OpenAI's <c>created</c> (Unix seconds): this process's start, the closest thing to the model's age here.</summary>
    static readonly long s_created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public static IEndpointRouteBuilder MapOpenAiModels(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/v1/models", List).WithName("ListModels");
        app.MapGet("/v1/models/{id}", Get).WithName("GetModel");
        return app;
    }

    static IResult List(HttpRequest request, EmbeddingModelInfo model, IOptions<EmbeddingsApiOptions> options) =>
        OpenAiEmbeddingsEndpoint.IsAuthorized(request, options.Value.ApiKey)
            ? TypedResults.Ok(new ModelList("list", [Card(model)]))
            : OpenAiEmbeddingsEndpoint.Unauthorized();

    static IResult Get(string id, HttpRequest request, EmbeddingModelInfo model, IOptions<EmbeddingsApiOptions> options)
    {
        if (!OpenAiEmbeddingsEndpoint.IsAuthorized(request, options.Value.ApiKey))
        {
            return OpenAiEmbeddingsEndpoint.Unauthorized();
        }
        return string.Equals(id, model.ModelId, StringComparison.Ordinal)
            ? TypedResults.Ok(Card(model))
            : TypedResults.Json(
                OpenAiError.InvalidRequest($"The model '{id}' does not exist on this server; it serves '{model.ModelId}'.", "model", "model_not_found"),
                statusCode: StatusCodes.Status404NotFound);
    }

    static ModelCard Card(EmbeddingModelInfo model) => new(model.ModelId, "model", s_created, "cvtailor", model.Dimensions);

    sealed record ModelList([property: JsonPropertyName("object")] string ObjectType, IReadOnlyList<ModelCard> Data);

    /// <summary>OpenAI's model object; <c>dimensions</c> (the native width) is ours.</summary>
    sealed record ModelCard(string Id, [property: JsonPropertyName("object")] string ObjectType, long Created, string OwnedBy, int Dimensions);
}
