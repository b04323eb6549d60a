using System.Text.Json;
using CvTailor.Data;
using CvTailor.Data.Files;
using CvTailor.Embeddings.Chunking;
using CvTailor.Embeddings.Endpoints;
using CvTailor.Embeddings.Extraction;
using CvTailor.Embeddings.Models.Providers;
using CvTailor.Embeddings.Telemetry;
using CvTailor.Embeddings.Worker;
using Microsoft.AspNetCore.Http.Json;

namespace CvTailor.Embeddings;

/// <summary>
/// The Embeddings service's composition, used by Program.cs and by tests that host it in-process: the configured
/// model behind <c>POST /v1/embeddings</c>, and the queue worker (unless <c>Embeddings:Worker:Enabled</c> is false).
/// </summary>
public static class EmbeddingsApplication
{
    public static WebApplicationBuilder AddCvTailorEmbeddings(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        builder.AddServiceDefaults();
        builder.AddPgVectorDbContext<CvTailorDbContext>(CvTailorDatabase.ConnectionName, o => o.UseCvTailorConventions());

        services.Configure<JsonOptions>(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.AddEmbeddingProvider(configuration);
        services.AddOptions<EmbeddingsApiOptions>().BindConfiguration(EmbeddingsApiOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ChunkingOptions>().BindConfiguration(ChunkingOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        services.AddOptions<ExtractionOptions>()
            .BindConfiguration("Embeddings:Extraction")
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<EmbeddingMetrics>();
        services.AddSingleton<QueueMetrics>();
        services.AddSingleton<ArtifactTextExtractor>();
        services.AddSingleton<ArtifactEmbedder>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<JobNotifications>();
        if (configuration.GetValue($"{WorkerOptions.SectionName}:Enabled", true))
        {
            services.AddSingleton<EmbeddingWorker>();
            services.AddHostedService(sp => sp.GetRequiredService<EmbeddingWorker>());
        }
        return builder;
    }

    public static WebApplication UseCvTailorEmbeddings(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Fail fast: a missing local model (the message names eng/model/fetch-model.sh) or a bad provider setting
        // stops the service here instead of at the first request.
        var model = app.Services.GetRequiredService<EmbeddingModelInfo>();
        app.Logger.LogInformation("Embedding model {Model} ({Dimensions} dimensions)", model.ModelId, model.Dimensions);

        app.MapDefaultEndpoints();
        app.MapGet("/", () => TypedResults.Ok(new { Service = "cvtailor-embeddings", Model = model.ModelId, model.Dimensions }));
        app.MapOpenAiEmbeddings();
        return app;
    }
}
