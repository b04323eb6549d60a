using CvTailor.Api.BackgroundWork;
using CvTailor.Api.Generation.Caching;
using CvTailor.Api.Generation.Jobs;
using CvTailor.Api.Generation.Matching;
using CvTailor.Api.Generation.Rewriting;
using CvTailor.Api.Generation.Semantic;
using CvTailor.Api.Llm.Chat;
using CvTailor.Api.QueryEmbeddings;

namespace CvTailor.Api.Generation.Endpoints;

/// <summary>
/// The generation area: <c>/api/v1/generate/</c> (contract §2.2 G1–G9) plus the synchronous match endpoint.
/// Generation is asynchronous as in the contract (202, then poll): documents are rows in
/// <c>generation_generateddocument</c> processed by an in-process worker.
/// </summary>
public static class GenerationEndpoints
{
    public const string Prefix = "/api/v1/generate";

    public static WebApplicationBuilder AddGeneration(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<GenerationOptions>().BindConfiguration(GenerationOptions.Section);
        services.AddOptions<SemanticOptions>().BindConfiguration(SemanticOptions.Section);
        services.AddSingleton(builder.Configuration.GetSection("Matching").Get<RankingOptions>() ?? new RankingOptions());
        services.AddSingleton<TaxonomyProvider>();
        services.AddSingleton<JobDescriptionCache>();
        services.AddSingleton<QueryEmbedder>();
        services.AddSingleton<SkillPhraseIndexCache>();
        services.AddHostedService<SkillPhraseWarmup>();
        services.AddSingleton<MatchPipeline>();
        services.AddSingleton<GenerationChannel>();
        services.AddScoped<GenerationRunner>();
        services.AddHostedService<GenerationWorker>();
        services.AddSingleton<IWorkRecovery, GenerationRecovery>();
        services.AddSingleton<IWorkRetention, GeneratedDocumentRetention>();
        builder.AddQueryEmbeddings();
        services.AddLlmChat(builder.Configuration);
        services.AddSingleton<CvRewriter>();
        return builder;
    }

    public static RouteGroupBuilder MapGeneration(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup(Prefix).RequireAuthorization().WithTags("Generation");
        group.MapPost("/match/", MatchEndpoint.MatchAsync).WithName("MatchArtifacts");
        group.MapPost("/cv/", GenerationStartEndpoints.StartCvAsync).WithName("GenerateCv");
        group.MapPost("/cover-letter/", GenerationStartEndpoints.StartCoverLetterAsync).WithName("GenerateCoverLetter");
        group.MapGet("/", GenerationRecordEndpoints.ListAsync).WithName("ListGenerations");
        group.MapGet("/templates/", GenerationCatalogEndpoints.TemplatesAsync).WithName("ListCvTemplates");
        group.MapGet("/analytics/", GenerationCatalogEndpoints.AnalyticsAsync).WithName("GenerationAnalytics");
        group.MapGet("/{id:guid}/", GenerationRecordEndpoints.GetAsync).WithName("GetGeneration");
        group.MapGet("/{id:guid}/detail/", GenerationRecordEndpoints.DetailAsync).WithName("GetGenerationDetail");
        group.MapDelete("/{id:guid}/detail/", GenerationRecordEndpoints.DeleteAsync).WithName("DeleteGeneration");
        group.MapPost("/{id:guid}/rate/", GenerationRecordEndpoints.RateAsync).WithName("RateGeneration");
        return group;
    }
}
