using CvTailor.AppHost.Hosting;

namespace CvTailor.AppHost.Publishing;

/// <summary>
/// Walks the resources Program.cs declared and turns them into <see cref="PublishedApplication"/>: references become
/// connection strings and service URLs, waits become start-up ordering, annotations become secrets and volumes.
/// A resource with no published form is an error, never silently dropped.
/// </summary>
public static class ApplicationModelReader
{
    public const string PgVectorImage = "pgvector/pgvector:pg17";
    public const string PostgresImage = "postgres:17";

    public static PublishedApplication Read(IReadOnlyList<Resource> resources, PublishOptions options)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(options);

        var servers = resources.OfType<PostgresServerResource>().ToList();
        if (servers.Count > 1)
        {
            throw new NotSupportedException("Publishing supports one PostgreSQL server resource.");
        }
        PostgresServer? postgres = null;
        // --postgres external: no server is published; each database's connection string is the operator's secret.
        var external = options.ExternalPostgres
            ? resources.OfType<PostgresDatabaseResource>().ToDictionary(d => d.Name, ExternalConnectionString, StringComparer.Ordinal)
            : [];
        if (servers is [var server] && !options.ExternalPostgres)
        {
            var databases = resources.OfType<PostgresDatabaseResource>().Where(d => d.Server == server).Select(d => d.Name).ToList();
            if (databases.Count > 1)
            {
                // The image creates one database (POSTGRES_DB); more would need an init script.
                throw new NotSupportedException("Publishing supports one database per PostgreSQL server.");
            }
            postgres = new PostgresServer(
                server.Name,
                server.PgVector ? PgVectorImage : PostgresImage,
                new ParameterDefinition($"{server.Name}-password", secret: true, generatedLength: 24, localValue: null),
                databases);
        }

        var services = new List<PublishedService>();
        var buildSteps = new List<(string, string)>();
        foreach (var resource in resources)
        {
            switch (resource)
            {
                case PostgresServerResource or PostgresDatabaseResource:
                    break;
                case ProjectResource project:
                    services.Add(ReadService(project, PublishedServiceKind.Service, project.Metadata, [], project.ReplicaCount, postgres, external, options));
                    break;
                case RunOnceResource step when Annotation<ProjectCommandAnnotation>(step) is { } command:
                    services.Add(ReadService(step, PublishedServiceKind.OneShot, command.Project, command.Arguments, 1, postgres, external, options));
                    break;
                case RunOnceResource step when Annotation<ImageBuildStepAnnotation>(step) is { } build:
                    buildSteps.Add((step.Name, build.Description));
                    break;
                default:
                    throw new NotSupportedException(
                        $"Resource '{resource.Name}' ({resource.Type}) has no published form; " +
                        "annotate run-once steps with PublishAsProjectCommand or PublishAsImageBuildStep.");
            }
        }

        var parameters = new List<ParameterDefinition>();
        if (postgres is not null)
        {
            parameters.Add(postgres.Password);
        }
        parameters.AddRange(external.Values);
        parameters.AddRange(resources.SelectMany(r => r.Annotations.OfType<EnvironmentParameterAnnotation>())
            .Select(a => a.Parameter).Distinct());
        var volumes = services.SelectMany(s => s.Mounts).Select(m => m.Volume).Distinct().ToList();
        return new PublishedApplication(postgres, services, parameters, volumes, buildSteps);
    }

    static PublishedService ReadService(
        Resource resource, PublishedServiceKind kind, IProjectMetadata project, IReadOnlyList<string> args, int replicas,
        PostgresServer? postgres, Dictionary<string, ParameterDefinition> externalDatabases, PublishOptions options)
    {
        var env = new List<KeyValuePair<string, EnvironmentValue>>();
        void Set(string name, EnvironmentValue value)
        {
            env.RemoveAll(e => e.Key == name);
            env.Add(new(name, value));
        }

        Set("ASPNETCORE_ENVIRONMENT", new LiteralValue(options.EnvironmentName));
        Set("DOTNET_ENVIRONMENT", new LiteralValue(options.EnvironmentName));
        if (kind == PublishedServiceKind.Service)
        {
            Set("ASPNETCORE_URLS", new LiteralValue($"http://+:{PublishedApplication.ContainerPort}"));
        }
        Set("OTEL_SERVICE_NAME", new LiteralValue(resource.Name));
        if (options.OtlpEndpoint is { } otlp)
        {
            Set("OTEL_EXPORTER_OTLP_ENDPOINT", new LiteralValue(otlp.ToString().TrimEnd('/')));
            Set("OTEL_EXPORTER_OTLP_PROTOCOL", new LiteralValue("grpc"));
        }
        foreach (var reference in resource.References)
        {
            switch (reference)
            {
                case PostgresDatabaseResource db when postgres is not null:
                    Set($"ConnectionStrings__{db.Name}", new ConnectionStringValue(postgres, db.Name));
                    break;
                case PostgresDatabaseResource db when externalDatabases.TryGetValue(db.Name, out var connectionString):
                    Set($"ConnectionStrings__{db.Name}", new ParameterValue(connectionString));
                    break;
                case ProjectResource other:
                    // Aspire's variable for the first endpoint; the service name balances over every replica.
                    Set($"services__{other.Name}__http__0", new ServiceUrlValue(other.Name));
                    break;
                default:
                    throw new NotSupportedException($"'{resource.Name}' references '{reference.Name}', which has no published form.");
            }
        }
        var overridden = resource.Annotations.OfType<EnvironmentParameterAnnotation>().Select(a => a.Variable)
            .Concat(resource.Annotations.OfType<SharedVolumeAnnotation>().Select(a => a.Variable))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (name, value) in resource.Environment.Where(e => !overridden.Contains(e.Key)))
        {
            Set(name, new LiteralValue(value));
        }
        var mounts = new List<VolumeMount>();
        foreach (var annotation in resource.Annotations)
        {
            switch (annotation)
            {
                case EnvironmentParameterAnnotation p:
                    Set(p.Variable, new ParameterValue(p.Parameter));
                    break;
                case SharedVolumeAnnotation v:
                    Set(v.Variable, new LiteralValue(v.Volume.ContainerPath));
                    mounts.Add(new VolumeMount(v.Volume, v.Volume.ContainerPath));
                    break;
            }
        }

        var dependsOn = new List<ServiceDependency>();
        foreach (var (dependency, waitKind) in resource.Waits)
        {
            ServiceDependency? d = dependency switch
            {
                PostgresDatabaseResource when postgres is not null => new(postgres.Name, DependencyCondition.Healthy),
                PostgresServerResource when postgres is not null => new(postgres.Name, DependencyCondition.Healthy),
                // An external server is not part of the deployment: nothing to wait for (the migrator fails, and is
                // restarted, until it can connect).
                PostgresDatabaseResource or PostgresServerResource when options.ExternalPostgres => null,
                RunOnceResource step when Annotation<ImageBuildStepAnnotation>(step) is not null => null,
                RunOnceResource step => new(step.Name, DependencyCondition.Completed),
                ProjectResource p => new(p.Name, waitKind == WaitKind.Completion ? DependencyCondition.Completed : DependencyCondition.Healthy),
                _ => throw new NotSupportedException($"'{resource.Name}' waits for '{dependency.Name}', which has no published form."),
            };
            if (d is not null && !dependsOn.Contains(d))
            {
                dependsOn.Add(d);
            }
        }
        var externalEndpoint = resource is ProjectResource web && Annotation<ExternalHttpEndpointAnnotation>(resource) is not null
            ? new ExternalEndpoint(Math.Max(0, web.HttpPort))
            : null;
        return new PublishedService(resource.Name, kind, project, ImageRepositoryOf(project), args, env, replicas, dependsOn, mounts, externalEndpoint);
    }

    static ParameterDefinition ExternalConnectionString(PostgresDatabaseResource database) =>
        new($"{database.Name}-connection-string", secret: true, generatedLength: 0, localValue: null)
        {
            Description = $"Npgsql connection string of the external '{database.Name}' database, e.g. "
                + $"Host=db.example;Port=5432;Username={database.Name};Password=...;Database={database.Name};SSL Mode=Require "
                + "(pgvector must be available: docs/publishing.md).",
        };

    /// <summary><c>CvTailor.Api.csproj</c> → <c>cvtailor-api</c>, the <c>ContainerRepository</c> the csproj declares.</summary>
    public static string ImageRepositoryOf(IProjectMetadata project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return Path.GetFileNameWithoutExtension(project.ProjectPath).Replace('.', '-').ToLowerInvariant();
    }

    static T? Annotation<T>(Resource resource) where T : class, IResourceAnnotation =>
        resource.Annotations.OfType<T>().LastOrDefault();
}
