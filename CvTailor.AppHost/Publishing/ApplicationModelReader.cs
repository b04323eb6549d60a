namespace CvTailor.AppHost.Publishing;

/// <summary>
/// Walks Aspire's application model (the resources Program.cs declared, in publish mode) and turns it into
/// <see cref="PublishedApplication"/>: references become connection strings and service URLs, waits become start-up
/// ordering, replicas and annotations become replicas, secrets and volumes. A resource with no published form is an
/// error, never silently dropped.
/// </summary>
public static class ApplicationModelReader
{
    public static PublishedApplication Read(IEnumerable<IResource> model, PublishOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var resources = model.ToList();

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
            var databases = server.Databases.Keys.ToList();
            if (databases.Count > 1)
            {
                // The image creates one database (POSTGRES_DB); more would need an init script.
                throw new NotSupportedException("Publishing supports one database per PostgreSQL server.");
            }
            var image = server.Annotations.OfType<ContainerImageAnnotation>().Last();
            postgres = new PostgresServer(
                server.Name,
                $"{image.Image}:{image.Tag}",
                new ParameterDefinition($"{server.Name}-password", secret: true, generatedLength: 24, localValue: null),
                databases);
        }

        // A project others wait to *complete* runs once before them (migrations), not as a long-running service.
        var oneShots = resources.SelectMany(r => r.Annotations.OfType<WaitAnnotation>())
            .Where(w => w.WaitType == WaitType.WaitForCompletion)
            .Select(w => w.Resource)
            .ToHashSet();

        var parameters = new Dictionary<ParameterResource, ParameterDefinition>();
        var services = new List<PublishedService>();
        var buildSteps = new List<(string, string)>();
        foreach (var resource in resources)
        {
            switch (resource)
            {
                case PostgresServerResource or PostgresDatabaseResource or ParameterResource:
                    break;
                case var step when Annotation<ImageBuildStepAnnotation>(step) is { } build:
                    buildSteps.Add((step.Name, build.Description));
                    break;
                case ProjectResource project:
                    var kind = oneShots.Contains(project) ? PublishedServiceKind.OneShot : PublishedServiceKind.Service;
                    services.Add(ReadService(project, kind, postgres, external, parameters, options));
                    break;
                default:
                    throw new NotSupportedException(
                        $"Resource '{resource.Name}' ({resource.GetType().Name}) has no published form; "
                        + "mark build-time steps with PublishAsImageBuildStep.");
            }
        }

        var definitions = new List<ParameterDefinition>();
        if (postgres is not null)
        {
            definitions.Add(postgres.Password);
        }
        definitions.AddRange(external.Values);
        definitions.AddRange(parameters.Values);
        var volumes = services.SelectMany(s => s.Mounts).Select(m => m.Volume).Distinct().ToList();
        return new PublishedApplication(postgres, services, definitions, volumes, buildSteps);
    }

    static PublishedService ReadService(
        ProjectResource resource, PublishedServiceKind kind, PostgresServer? postgres,
        Dictionary<string, ParameterDefinition> externalDatabases, Dictionary<ParameterResource, ParameterDefinition> parameters,
        PublishOptions options)
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
        var references = resource.Annotations.OfType<ResourceRelationshipAnnotation>()
            .Where(r => r.Type == "Reference").Select(r => r.Resource).Distinct();
        foreach (var reference in references)
        {
            switch (reference)
            {
                case PostgresDatabaseResource db when postgres is not null:
                    Set($"ConnectionStrings__{db.Name}", new ConnectionStringValue(postgres, db.Name));
                    break;
                case PostgresDatabaseResource db when externalDatabases.TryGetValue(db.Name, out var connectionString):
                    Set($"ConnectionStrings__{db.Name}", new ParameterValue(connectionString));
                    break;
                case ParameterResource:
                    // Its variable comes from the EnvironmentParameterAnnotation below.
                    break;
                case ProjectResource other:
                    // Aspire's variable for the first endpoint; the service name balances over every replica.
                    Set($"services__{other.Name}__http__0", new ServiceUrlValue(other.Name));
                    break;
                default:
                    throw new NotSupportedException($"'{resource.Name}' references '{reference.Name}', which has no published form.");
            }
        }
        var mounts = new List<VolumeMount>();
        foreach (var annotation in resource.Annotations)
        {
            switch (annotation)
            {
                case EnvironmentParameterAnnotation p:
                    Set(p.Variable, new ParameterValue(Definition(p.Parameter, parameters)));
                    break;
                case SharedVolumeAnnotation v:
                    Set(v.Variable, new LiteralValue(v.Volume.ContainerPath));
                    mounts.Add(new VolumeMount(v.Volume, v.Volume.ContainerPath));
                    break;
            }
        }

        var dependsOn = new List<ServiceDependency>();
        foreach (var wait in resource.Annotations.OfType<WaitAnnotation>())
        {
            ServiceDependency? d = wait.Resource switch
            {
                PostgresDatabaseResource or PostgresServerResource when postgres is not null => new(postgres.Name, DependencyCondition.Healthy),
                // An external server is not part of the deployment: nothing to wait for (the migrator fails, and is
                // restarted, until it can connect).
                PostgresDatabaseResource or PostgresServerResource when options.ExternalPostgres => null,
                var step when Annotation<ImageBuildStepAnnotation>(step) is not null => null,
                ProjectResource p => new(p.Name, wait.WaitType == WaitType.WaitForCompletion ? DependencyCondition.Completed : DependencyCondition.Healthy),
                var other => throw new NotSupportedException($"'{resource.Name}' waits for '{other.Name}', which has no published form."),
            };
            if (d is not null && !dependsOn.Contains(d))
            {
                dependsOn.Add(d);
            }
        }
        var http = resource.Annotations.OfType<EndpointAnnotation>().FirstOrDefault(e => e.Name == "http");
        var externalEndpoint = http is { IsExternal: true } ? new ExternalEndpoint(Math.Max(0, http.Port ?? 0)) : null;
        var replicas = Annotation<ReplicaAnnotation>(resource)?.Replicas ?? 1;
        return new PublishedService(resource.Name, kind, ImageRepositoryOf(resource), Arguments(resource), env,
            kind == PublishedServiceKind.OneShot ? 1 : replicas, dependsOn, mounts, externalEndpoint);
    }

    static List<string> Arguments(ProjectResource resource)
    {
        var args = new List<object>();
        foreach (var callback in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            callback.Callback(new CommandLineArgsCallbackContext(args, resource, CancellationToken.None)).GetAwaiter().GetResult();
        }
        return args.Select(a => a as string
            ?? throw new NotSupportedException($"'{resource.Name}' has an argument that is not a plain string.")).ToList();
    }

    static ParameterDefinition Definition(ParameterResource parameter, Dictionary<ParameterResource, ParameterDefinition> known)
    {
        if (!known.TryGetValue(parameter, out var definition))
        {
            var length = parameter.Default is GenerateParameterDefault generate ? generate.MinLength : 0;
            known[parameter] = definition = new ParameterDefinition(parameter.Name, parameter.Secret, length, localValue: null);
        }
        return definition;
    }

    static ParameterDefinition ExternalConnectionString(PostgresDatabaseResource database) =>
        new($"{database.Name}-connection-string", secret: true, generatedLength: 0, localValue: null)
        {
            Description = $"Npgsql connection string of the external '{database.Name}' database, e.g. "
                + $"Host=db.example;Port=5432;Username={database.Name};Password=...;Database={database.Name};SSL Mode=Require "
                + "(pgvector must be available: docs/publishing.md).",
        };

    /// <summary><c>CvTailor.Api.csproj</c> → <c>cvtailor-api</c>, the <c>ContainerRepository</c> the csproj declares.</summary>
    public static string ImageRepositoryOf(ProjectResource project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var path = project.GetProjectMetadata().ProjectPath;
        return Path.GetFileNameWithoutExtension(path).Replace('.', '-').ToLowerInvariant();
    }

    static T? Annotation<T>(IResource resource) where T : class, IResourceAnnotation =>
        resource.Annotations.OfType<T>().LastOrDefault();
}
