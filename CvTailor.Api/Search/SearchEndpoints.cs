using CvTailor.Api.Artifacts;
using CvTailor.Api.Auth;
using CvTailor.Api.DrfContract;
using CvTailor.Api.QueryEmbeddings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.FeatureManagement;
using Npgsql;

namespace CvTailor.Api.Search;

/// <summary>
/// <c>POST /api/v1/artifacts/search/</c>: the caller's artifacts most similar to a query text (vector search with
/// the Embeddings service's model), or full-text results when the <c>VectorSearch</c> flag is off.
/// </summary>
public static partial class SearchEndpoints
{
    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Defaults below every other source, so the flag is on unless configuration turns it off.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { [$"FeatureManagement:{SearchFeatures.VectorSearch}"] = "true" },
        });
        builder.Services.AddFeatureManagement();
        builder.AddQueryEmbeddings();
        return builder;
    }

    public static RouteGroupBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup(ArtifactEndpoints.Prefix).RequireAuthorization().WithTags("Search");
        group.MapPost("/search/", SearchAsync).WithName("SearchArtifacts");
        return group;
    }

    static async Task<Results<Ok<SearchResponse>, BodyError, FieldErrorsResult>> SearchAsync(
        RequestFields read, CurrentUser user, NpgsqlDataSource dataSource, IVariantFeatureManager features,
        QueryEmbeddingGenerator embeddings, ILoggerFactory loggers, CancellationToken ct)
    {
        if (read.Error is { } bodyError)
        {
            return bodyError;
        }
        var errors = new FieldErrors();
        var search = SearchRequest.Read(read.Values, errors);
        if (search is null)
        {
            return errors.ToBadRequest();
        }

        string? fallbackReason = "vector search is turned off (feature flag VectorSearch)";
        if (await features.IsEnabledAsync(SearchFeatures.VectorSearch, ct))
        {
            try
            {
                var embedded = (await embeddings.GenerateAsync([search.Query], cancellationToken: ct))[0];
                var query = new QueryVector(embedded.ModelId!, embedded.Vector.ToArray());
                var hits = await VectorSearch.RunAsync(dataSource, user.Id, query, search, ct);
                return TypedResults.Ok(new SearchResponse(search.Query, search.Metric.Name, "vector", query.Model, null, hits.Count, hits));
            }
            catch (QueryEmbeddingException ex)
            {
                // The Embeddings service is down, slow or not configured: answer from full text rather than fail the request.
                LogEmbeddingsUnavailable(loggers.CreateLogger(typeof(SearchEndpoints).FullName!), ex);
                fallbackReason = embeddings.IsConfigured
                    ? "the Embeddings service could not embed the query"
                    : "no Embeddings service is configured";
            }
        }
        var textHits = await FullTextSearch.RunAsync(dataSource, user.Id, search, ct);
        return TypedResults.Ok(new SearchResponse(search.Query, search.Metric.Name, "full_text", null, fallbackReason, textHits.Count, textHits));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Query embedding failed; answering with full-text search")]
    static partial void LogEmbeddingsUnavailable(ILogger logger, Exception ex);
}
