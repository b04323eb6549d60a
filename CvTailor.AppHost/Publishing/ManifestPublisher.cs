using System.Text.Json;
using System.Text.Json.Nodes;

namespace CvTailor.AppHost.Publishing;

/// <summary>
/// Writes an Aspire-format <c>aspire-manifest.json</c>: PostgreSQL as <c>container.v0</c> with a connection string
/// expression, the database as <c>value.v0</c>, projects as <c>project.v0</c> (paths relative to the manifest),
/// secrets as <c>parameter.v0</c> with a generate default (no secret value is written), references as
/// <c>{resource.connectionString}</c> / <c>{resource.bindings.http.url}</c> expressions. Tools that deploy it
/// resolve those; replicas and ordering have no field in the v0 format and are left to them.
/// </summary>
public sealed class ManifestPublisher : IPublisher
{
    public const string DefaultFileName = "aspire-manifest.json";
    public const string Schema = "https://json.schemastore.org/aspire-8.0.json";

    public async Task<IReadOnlyList<string>> PublishAsync(PublishedApplication app, PublishOptions options, CancellationToken ct)
    {
        var path = ManifestPath(options);
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);

        var resources = new JsonObject();
        foreach (var parameter in app.Parameters)
        {
            resources[parameter.Name] = Parameter(parameter);
        }
        if (app.Postgres is { } pg)
        {
            resources[pg.Name] = Postgres(pg);
            foreach (var db in pg.Databases)
            {
                resources[db] = new JsonObject
                {
                    ["type"] = "value.v0",
                    ["connectionString"] = $"{{{pg.Name}.connectionString}};Database={db}",
                };
            }
        }
        foreach (var service in app.Services)
        {
            resources[service.Name] = Project(service, directory);
        }
        var manifest = new JsonObject { ["$schema"] = Schema, ["resources"] = resources };
        await File.WriteAllTextAsync(path, manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", ct);
        return [Path.GetRelativePath(options.OutputPath, path)];
    }

    /// <summary>Aspire's <c>--output-path</c> names the file; a directory gets <c>aspire-manifest.json</c> inside.</summary>
    public static string ManifestPath(PublishOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.OutputPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? options.OutputPath
            : Path.Combine(options.OutputPath, DefaultFileName);
    }

    static JsonObject Parameter(ParameterDefinition p)
    {
        var input = new JsonObject { ["type"] = "string", ["secret"] = p.Secret };
        if (p.Secret)
        {
            input["default"] = new JsonObject
            {
                ["generate"] = new JsonObject { ["minLength"] = p.GeneratedLength, ["special"] = false },
            };
        }
        return new JsonObject
        {
            ["type"] = "parameter.v0",
            ["value"] = $"{{{p.Name}.inputs.value}}",
            ["inputs"] = new JsonObject { ["value"] = input },
        };
    }

    static JsonObject Postgres(PostgresServer pg)
    {
        var env = new JsonObject
        {
            ["POSTGRES_HOST_AUTH_METHOD"] = "scram-sha-256",
            ["POSTGRES_INITDB_ARGS"] = "--auth-host=scram-sha-256 --auth-local=scram-sha-256",
            ["POSTGRES_USER"] = PostgresServer.User,
            ["POSTGRES_PASSWORD"] = $"{{{pg.Password.Name}.value}}",
        };
        return new JsonObject
        {
            ["type"] = "container.v0",
            ["connectionString"] =
                $"Host={{{pg.Name}.bindings.tcp.host}};Port={{{pg.Name}.bindings.tcp.port}};Username={PostgresServer.User};Password={{{pg.Password.Name}.value}}",
            ["image"] = pg.Image,
            ["volumes"] = new JsonArray(new JsonObject
            {
                ["name"] = pg.DataVolume,
                ["target"] = "/var/lib/postgresql/data",
                ["readOnly"] = false,
            }),
            ["env"] = env,
            ["bindings"] = new JsonObject
            {
                ["tcp"] = new JsonObject
                {
                    ["scheme"] = "tcp",
                    ["protocol"] = "tcp",
                    ["transport"] = "tcp",
                    ["targetPort"] = PostgresServer.Port,
                },
            },
        };
    }

    static JsonObject Project(PublishedService service, string manifestDirectory)
    {
        var result = new JsonObject
        {
            ["type"] = "project.v0",
            ["path"] = Path.GetRelativePath(manifestDirectory, service.Project.ProjectPath).Replace('\\', '/'),
        };
        if (service.Arguments.Count > 0)
        {
            result["args"] = new JsonArray(service.Arguments.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray());
        }
        var env = new JsonObject();
        foreach (var (name, value) in service.Environment)
        {
            // Aspire's deployers set ASPNETCORE_URLS from the bindings themselves.
            if (name == "ASPNETCORE_URLS")
            {
                continue;
            }
            env[name] = value switch
            {
                LiteralValue l => l.Value,
                ParameterValue p => $"{{{p.Parameter.Name}.value}}",
                ConnectionStringValue c => $"{{{c.Database}.connectionString}}",
                ServiceUrlValue s => $"{{{s.Service}.bindings.http.url}}",
                _ => throw new NotSupportedException(value.GetType().Name),
            };
        }
        result["env"] = env;
        if (service.Kind == PublishedServiceKind.Service)
        {
            var http = new JsonObject { ["scheme"] = "http", ["protocol"] = "tcp", ["transport"] = "http" };
            if (service.External is not null)
            {
                http["external"] = true;
            }
            result["bindings"] = new JsonObject { ["http"] = http };
        }
        return result;
    }
}
