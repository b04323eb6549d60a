namespace CvTailor.AppHost.Publishing;

/// <summary>What <c>publish</c> was asked for, from the command line (Aspire's <c>--publisher</c>/<c>--output-path</c>).</summary>
public sealed record PublishOptions
{
    public const string DockerCompose = "docker-compose";
    public const string Kubernetes = "kubernetes";
    public const string Manifest = "manifest";

    public static readonly IReadOnlyList<string> Publishers = [DockerCompose, Kubernetes, Manifest];

    /// <summary><c>--postgres</c> values: the model's PostgreSQL as a container, or a server the operator runs.</summary>
    public const string PostgresContainer = "container";
    public const string PostgresExternal = "external";

    public required string Publisher { get; init; }

    /// <summary>A directory; for <c>manifest</c> a path ending in <c>.json</c> names the file itself, as in Aspire.</summary>
    public required string OutputPath { get; init; }

    /// <summary>Tag of the service images (<c>cvtailor-api:{tag}</c>).</summary>
    public string ImageTag { get; init; } = "latest";

    /// <summary>Registry prefix of the service images, e.g. <c>registry.example:5000/team</c>; none by default.</summary>
    public string? ImageRegistry { get; init; }

    /// <summary>An OTLP collector the services export to; without it no OTLP variables are written.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>Kubernetes namespace written into kustomization.yaml; none = the caller's current namespace.</summary>
    public string? Namespace { get; init; }

    /// <summary>ASPNETCORE_ENVIRONMENT / DOTNET_ENVIRONMENT of the published services.</summary>
    public string EnvironmentName { get; init; } = "Production";

    /// <summary>
    /// No PostgreSQL container/StatefulSet: each database's connection string is a secret the operator fills in
    /// (<c>--postgres external</c>; docker-compose and kubernetes only).
    /// </summary>
    public bool ExternalPostgres { get; init; }

    public string ImageFor(string repository) =>
        (string.IsNullOrEmpty(ImageRegistry) ? "" : ImageRegistry.TrimEnd('/') + "/") + repository + ":" + ImageTag;

    /// <summary>Reads the publish command line; throws <see cref="PublishUsageException"/> with a message for the user.</summary>
    public static PublishOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (i == 0 && arg == "publish")
            {
                continue;
            }
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new PublishUsageException($"Unexpected argument '{arg}'.");
            }
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            string key, value;
            if (eq > 0)
            {
                (key, value) = (arg[2..eq], arg[(eq + 1)..]);
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                (key, value) = (arg[2..], args[++i]);
            }
            else
            {
                throw new PublishUsageException($"Option '{arg}' needs a value.");
            }
            // `--Section:Key=value` is configuration for the model (e.g. AppHost:Replicas:api), read by the builder.
            if (!key.Contains(':', StringComparison.Ordinal))
            {
                values[key] = value;
            }
        }

        string? Take(string key) => values.Remove(key, out var v) ? v : null;

        var operation = Take("operation");
        if (operation is not null and not "publish")
        {
            throw new PublishUsageException($"Unknown operation '{operation}'; only 'publish' is supported here.");
        }
        var publisher = Take("publisher")
            ?? throw new PublishUsageException($"--publisher is required ({string.Join(", ", Publishers)}).");
        if (!Publishers.Contains(publisher, StringComparer.Ordinal))
        {
            throw new PublishUsageException($"Unknown publisher '{publisher}'; choose one of: {string.Join(", ", Publishers)}.");
        }
        var output = Take("output-path") ?? Path.Combine("publish", publisher);
        Uri? otlp = null;
        if (Take("otlp-endpoint") is { } otlpText
            && (!Uri.TryCreate(otlpText, UriKind.Absolute, out otlp) || otlp.Scheme is not ("http" or "https")))
        {
            throw new PublishUsageException($"--otlp-endpoint '{otlpText}' is not an http(s) URL.");
        }
        var postgres = Take("postgres") ?? PostgresContainer;
        if (postgres is not (PostgresContainer or PostgresExternal))
        {
            throw new PublishUsageException($"Unknown --postgres '{postgres}'; choose {PostgresContainer} or {PostgresExternal}.");
        }
        if (postgres == PostgresExternal && publisher == Manifest)
        {
            // The manifest leaves provisioning to the deploying tool, which decides where PostgreSQL runs.
            throw new PublishUsageException($"--postgres {PostgresExternal} applies to {DockerCompose} and {Kubernetes} only.");
        }
        var options = new PublishOptions
        {
            Publisher = publisher,
            OutputPath = Path.GetFullPath(output),
            ImageTag = Take("image-tag") ?? "latest",
            ImageRegistry = Take("image-registry"),
            OtlpEndpoint = otlp,
            Namespace = Take("namespace"),
            EnvironmentName = Take("environment") ?? "Production",
            ExternalPostgres = postgres == PostgresExternal,
        };
        if (values.Count > 0)
        {
            throw new PublishUsageException($"Unknown option '--{values.Keys.First()}'.");
        }
        if (options.ImageTag.Length == 0 || options.ImageTag.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')))
        {
            throw new PublishUsageException($"--image-tag '{options.ImageTag}' is not a valid image tag.");
        }
        return options;
    }
}

/// <summary>A publish command line that cannot be acted on; its message is printed as is.</summary>
public sealed class PublishUsageException(string message) : Exception(message);
