using System.Globalization;
using CvTailor.Data;
using CvTailor.Data.Queue;
using CvTailor.Embeddings.Models;
using CvTailor.Embeddings.Models.Providers;
using Npgsql;

namespace CvTailor.Embeddings.Worker;

/// <summary>
/// <c>dotnet CvTailor.Embeddings.dll reembed [--model ID] [--user ID]</c>: enqueues a <c>reembed</c> job for every
/// artifact (or one user's), so the workers rebuild all vectors with the configured model. <c>--model</c> is a
/// safety check: it must name the configured model (switch <c>Embeddings:Provider</c>/<c>Embeddings:OpenAI:Model</c>
/// first). Vectors of other models stay until their artifact is deleted; searches filter on the model, so they are
/// never compared with the new ones.
/// </summary>
public static class ReembedCommand
{
    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        string? requestedModel = null;
        long? userId = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--model" when i + 1 < args.Length:
                    requestedModel = args[++i];
                    break;
                case "--user" when i + 1 < args.Length
                                  && long.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var id):
                    userId = id;
                    i++;
                    break;
                default:
                    await output.WriteLineAsync($"reembed: unknown argument '{args[i]}'. Usage: reembed [--model ID] [--user ID]");
                    return 2;
            }
        }

        var configured = ConfiguredModelId(configuration);
        if (requestedModel is not null && requestedModel != configured)
        {
            await output.WriteLineAsync(
                $"reembed: the configured model is '{configured}', not '{requestedModel}'. Set Embeddings:Provider " +
                "(and Embeddings:OpenAI:Model) for the model you want, then run reembed again.");
            return 2;
        }

        var connectionString = configuration.GetConnectionString(CvTailorDatabase.ConnectionName)
            ?? throw new InvalidOperationException("ConnectionStrings:cvtailor is not set.");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO {EmbeddingJobConfiguration.Table}
                   (user_id, artifact_id, kind, status, attempts, max_attempts, available_at, created_at, updated_at)
            SELECT user_id, id, '{EmbeddingJobKinds.Reembed}', 'pending', 0, 5, now(), now(), now()
              FROM artifacts_artifact
             WHERE $1::bigint IS NULL OR user_id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)userId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        var count = await command.ExecuteNonQueryAsync(ct);
        await output.WriteLineAsync($"reembed: {count} job(s) enqueued for model '{configured}'.");
        return 0;
    }

    /// <summary>The model id the service would record, read from configuration without loading the model.</summary>
    public static string ConfiguredModelId(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = configuration[$"{EmbeddingProviderOptions.SectionName}:Provider"] ?? EmbeddingProviderKinds.Local;
        return string.Equals(provider.Trim(), EmbeddingProviderKinds.OpenAi, StringComparison.OrdinalIgnoreCase)
            ? configuration[$"{OpenAiEmbeddingOptions.SectionName}:Model"] ?? new OpenAiEmbeddingOptions().Model
            : LocalUseLiteEmbeddingGenerator.ModelId;
    }
}
