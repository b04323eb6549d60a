using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace CvTailor.Tests.AppHost;

/// <summary>
/// The AppHost executable in publish mode (<c>publish --publisher …</c>): what it writes is parsed and checked
/// against the application model Program.cs declares (postgres + database, the migrate step, the model build step,
/// embeddings and api), and the run itself must start nothing: no child process, no data directory, no port (every
/// port the model and dashboard would bind is held by the test, which would make a real run fail).
/// </summary>
public sealed partial class PublishTests : IDisposable
{
    static readonly string[] ExpectedKubernetesObjects =
    [
        "ConfigMap/api-env", "ConfigMap/embeddings-env", "Deployment/api", "Deployment/embeddings",
        "PersistentVolumeClaim/media", "Service/api", "Service/embeddings", "Service/postgres", "StatefulSet/postgres",
    ];

    readonly string _root = Path.Combine(Path.GetTempPath(), $"cvtailor-publish-{Guid.NewGuid():N}");
    readonly TcpListener _squatter = new(IPAddress.Loopback, 0);

    public PublishTests() => _squatter.Start();

    int BusyPort => ((IPEndPoint)_squatter.LocalEndpoint).Port;
    string DataDirectory => Path.Combine(_root, "data");

    async Task<AppHostPublishRun> PublishAsync(IEnumerable<string> args, IDictionary<string, string>? extraEnvironment = null)
    {
        var busy = BusyPort.ToString(CultureInfo.InvariantCulture);
        var env = new Dictionary<string, string>
        {
            ["AppHost__DataDirectory"] = DataDirectory,
            ["AppHost__Ports__api"] = busy,
            ["AppHost__Ports__embeddings"] = busy,
            ["AppHost__Ports__postgres"] = busy,
            ["AppHost__Ports__dashboard"] = busy,
            ["AppHost__Ports__otlp-grpc"] = busy,
            ["AppHost__Ports__otlp-http"] = busy,
        };
        foreach (var (k, v) in extraEnvironment ?? new Dictionary<string, string>())
        {
            env[k] = v;
        }
        var run = await AppHostPublishRun.RunAsync(args, env);
        Console.WriteLine($"publish {string.Join(' ', args.Take(3))}: exit {run.ExitCode} in {run.Elapsed.TotalMilliseconds:0} ms (process start included)");
        return run;
    }

    void AssertStartedNothing(AppHostPublishRun run)
    {
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.StandardOutput}\n{run.StandardError}");
        Assert.Empty(run.ChildrenSeen);
        Assert.False(Directory.Exists(DataDirectory), "publish mode must not create the data directory (no PostgreSQL, no initdb)");
        Assert.DoesNotContain("Starting", run.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("dashboard", run.StandardOutput, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Every generated secret value appears in the secret file and in no other file of the output.</summary>
    static IReadOnlyList<string> AssertSecretsOnlyIn(string directory, string secretFile, params string[] expectedKeys)
    {
        var secrets = File.ReadAllLines(Path.Combine(directory, secretFile))
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        Assert.Equal(expectedKeys.Order(StringComparer.Ordinal), secrets.Keys.Order(StringComparer.Ordinal));
        foreach (var value in secrets.Values)
        {
            Assert.True(value.Length >= 24, "generated secrets are long");
        }
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                     .Where(f => Path.GetFileName(f) != secretFile))
        {
            var text = File.ReadAllText(file);
            foreach (var value in secrets.Values)
            {
                Assert.False(text.Contains(value, StringComparison.Ordinal), $"a secret value leaked into {Path.GetFileName(file)}");
            }
        }
        Assert.Contains(secretFile, File.ReadAllLines(Path.Combine(directory, ".gitignore")));
        return [.. secrets.Values];
    }

    void AssertNoMachinePaths(string file)
    {
        var text = File.ReadAllText(file);
        Assert.DoesNotContain(_root, text, StringComparison.Ordinal);
        Assert.DoesNotContain(AppHostProcess.RepositoryRoot, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Docker_compose_output_mirrors_the_model_with_ordering_health_checks_replicas_and_secrets_in_env_file()
    {
        var output = Path.Combine(_root, "compose");
        var run = await PublishAsync(["publish", "--publisher", "docker-compose", "--output-path", output,
            "--image-tag", "1.2.3", "--image-registry", "registry.example:5000/team", "--otlp-endpoint", "http://collector:4317"]);
        AssertStartedNothing(run);

        var compose = YamlNodes.Load(Path.Combine(output, "docker-compose.yaml"));
        var services = compose.Map("services");
        // The model's runtime resources; the `model` step is part of the Embeddings image build, not a service.
        Assert.Equal(["postgres", "migrate", "embeddings", "api"], services.Keys());
        Assert.Contains("'model' is part of the image build", run.StandardOutput, StringComparison.Ordinal);

        var postgres = services.Get("postgres");
        Assert.Equal("pgvector/pgvector:pg17", postgres.Str("image"));
        Assert.Equal("cvtailor", postgres.Map("environment").Str("POSTGRES_DB"));
        Assert.StartsWith("${POSTGRES_PASSWORD", postgres.Map("environment").Str("POSTGRES_PASSWORD"), StringComparison.Ordinal);
        Assert.Equal("postgres-data:/var/lib/postgresql/data", postgres.Seq("volumes").Single().Str());
        Assert.Contains("pg_isready", string.Join(' ', postgres.Map("healthcheck").Seq("test").Select(n => n.Str())), StringComparison.Ordinal);

        var migrate = services.Get("migrate");
        Assert.Equal("registry.example:5000/team/cvtailor-api:1.2.3", migrate.Str("image"));
        Assert.Equal(["migrate"], migrate.Seq("command").Select(n => n.Str()));
        Assert.Equal("service_healthy", migrate.Map("depends_on").Map("postgres").Str("condition"));
        Assert.False(migrate.Has("restart"), "a one-shot step keeps Compose's default restart policy (\"no\")");

        foreach (var name in new[] { "embeddings", "api" })
        {
            var service = services.Get(name);
            Assert.Equal($"registry.example:5000/team/cvtailor-{name}:1.2.3", service.Str("image"));
            var env = service.Map("environment");
            Assert.Equal("Host=postgres;Port=5432;Username=postgres;Password=${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is set in .env};Database=cvtailor",
                env.Str("ConnectionStrings__cvtailor"));
            Assert.Equal("http://+:8080", env.Str("ASPNETCORE_URLS"));
            Assert.Equal("Production", env.Str("ASPNETCORE_ENVIRONMENT"));
            Assert.Equal(name, env.Str("OTEL_SERVICE_NAME"));
            Assert.Equal("http://collector:4317", env.Str("OTEL_EXPORTER_OTLP_ENDPOINT"));
            // Uploads: one shared volume, mounted where Storage__Root points.
            Assert.Equal($"media:{env.Str("Storage__Root")}", service.Seq("volumes").Single().Str());
            Assert.Equal("service_completed_successfully", service.Map("depends_on").Map("migrate").Str("condition"));
            var probe = string.Join(' ', service.Map("healthcheck").Seq("test").Select(n => n.Str()));
            Assert.Contains("GET /health ", probe, StringComparison.Ordinal);
            Assert.Equal("2", service.Map("deploy").Str("replicas"));
            Assert.Equal("1", service.Map("deploy").Map("resources").Map("limits").Str("cpus"));
            Assert.Equal("unless-stopped", service.Str("restart"));
        }
        var api = services.Get("api");
        Assert.Equal("http://embeddings:8080", api.Map("environment").Str("services__embeddings__http__0"));
        Assert.StartsWith("${JWT_SIGNING_KEY", api.Map("environment").Str("Auth__Jwt__SigningKey"), StringComparison.Ordinal);
        // The model has the Api start beside Embeddings (no WaitFor): only migrate orders it.
        Assert.Equal(["migrate"], api.Map("depends_on").Keys());
        // Only the api is published on the host: a range from the model's port, one per replica.
        Assert.Equal($"{BusyPort}-{BusyPort + 1}:8080", api.Seq("ports").Single().Str());
        Assert.False(services.Get("embeddings").Has("ports"));
        Assert.Equal(["8080"], services.Get("embeddings").Seq("expose").Select(n => n.Str()));
        Assert.Equal(["postgres-data", "media"], compose.Map("volumes").Keys());

        AssertSecretsOnlyIn(output, ".env", "POSTGRES_PASSWORD", "JWT_SIGNING_KEY");
        AssertNoMachinePaths(Path.Combine(output, "docker-compose.yaml"));
        // Compose reads ports written as YAML 1.1 might misread them: they are quoted.
        Assert.Contains($"- \"{BusyPort}-{BusyPort + 1}:8080\"", File.ReadAllText(Path.Combine(output, "docker-compose.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubernetes_output_is_a_consistent_kustomization_with_probes_init_ordering_replicas_and_generated_secret()
    {
        var output = Path.Combine(_root, "k8s");
        var run = await PublishAsync(["publish", "--publisher", "kubernetes", "--output-path", output, "--namespace", "cvtailor-test"]);
        AssertStartedNothing(run);

        var kustomization = YamlNodes.Load(Path.Combine(output, "kustomization.yaml"));
        Assert.Equal("cvtailor-test", kustomization.Str("namespace"));
        var generator = kustomization.Seq("secretGenerator").Single();
        var secretName = generator.Str("name");
        var secretFile = generator.Seq("envs").Single().Str();
        Assert.Equal("secrets.env", secretFile);
        var secretKeys = File.ReadAllLines(Path.Combine(output, secretFile)).Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('=')[0]).ToHashSet(StringComparer.Ordinal);

        var documents = kustomization.Seq("resources").Select(n => n.Str())
            .SelectMany(f => YamlNodes.LoadAll(Path.Combine(output, f)))
            .ToDictionary(d => $"{d.Str("kind")}/{d.Map("metadata").Str("name")}", d => d, StringComparer.Ordinal);
        Assert.Equal(ExpectedKubernetesObjects, documents.Keys.Order(StringComparer.Ordinal));

        var postgres = documents["StatefulSet/postgres"].Map("spec");
        var pgContainer = postgres.Map("template").Map("spec").Seq("containers").Single();
        Assert.Equal("pgvector/pgvector:pg17", pgContainer.Str("image"));
        Assert.Equal($"secret:{secretName}/POSTGRES_PASSWORD", pgContainer.EnvList()["POSTGRES_PASSWORD"]);
        Assert.Equal("cvtailor", pgContainer.EnvList()["POSTGRES_DB"]);
        Assert.Equal("ReadWriteOnce", postgres.Seq("volumeClaimTemplates").Single().Map("spec").Seq("accessModes").Single().Str());
        Assert.Equal("5432", documents["Service/postgres"].Map("spec").Seq("ports").Single().Str("port"));

        var media = documents["PersistentVolumeClaim/media"];
        Assert.Equal("ReadWriteMany", media.Map("spec").Seq("accessModes").Single().Str());

        foreach (var name in new[] { "embeddings", "api" })
        {
            var spec = documents[$"Deployment/{name}"].Map("spec");
            Assert.Equal("2", spec.Str("replicas"));
            var pod = spec.Map("template").Map("spec");
            Assert.Equal("true", pod.Map("securityContext").Str("runAsNonRoot"));
            var container = pod.Seq("containers").Single();
            Assert.Equal($"cvtailor-{name}:latest", container.Str("image"));
            Assert.Equal("/health", container.Map("readinessProbe").Map("httpGet").Str("path"));
            Assert.Equal("/alive", container.Map("livenessProbe").Map("httpGet").Str("path"));
            Assert.Equal("8080", container.Seq("ports").Single().Str("containerPort"));
            Assert.True(container.Map("resources").Map("limits").Has("memory"));
            Assert.True(container.Map("resources").Map("requests").Has("cpu"));

            // Plain settings in the service's ConfigMap, secrets by reference, the connection string built from them.
            var configMap = documents[$"ConfigMap/{container.Seq("envFrom").Single().Map("configMapRef").Str("name")}"].Map("data");
            Assert.Equal(name, configMap.Str("OTEL_SERVICE_NAME"));
            Assert.Equal("http://+:8080", configMap.Str("ASPNETCORE_URLS"));
            var env = container.EnvList();
            Assert.Equal($"secret:{secretName}/POSTGRES_PASSWORD", env["POSTGRES_PASSWORD"]);
            Assert.Equal("Host=postgres;Port=5432;Username=postgres;Password=$(POSTGRES_PASSWORD);Database=cvtailor", env["ConnectionStrings__cvtailor"]);
            Assert.True(env.Keys.ToList().IndexOf("POSTGRES_PASSWORD") < env.Keys.ToList().IndexOf("ConnectionStrings__cvtailor"),
                "$(VAR) expansion only sees variables listed earlier");

            // Shared uploads: the claim mounted where Storage__Root points.
            var mount = container.Seq("volumeMounts").Single();
            Assert.Equal(configMap.Str("Storage__Root"), mount.Str("mountPath"));
            Assert.Equal("media", pod.Seq("volumes").Single().Map("persistentVolumeClaim").Str("claimName"));

            // Migrate runs before the service, after PostgreSQL answers.
            var init = pod.Seq("initContainers");
            Assert.Equal(["wait-for-postgres", "migrate"], init.Select(c => c.Str("name")));
            Assert.Equal(["migrate"], init[1].Seq("args").Select(n => n.Str()));
            Assert.Equal("cvtailor-api:latest", init[1].Str("image"));
            Assert.Equal(env["ConnectionStrings__cvtailor"], init[1].EnvList()["ConnectionStrings__cvtailor"]);

            var service = documents[$"Service/{name}"].Map("spec");
            Assert.Equal(name, service.Map("selector").Str("app.kubernetes.io/name"));
            Assert.Equal("8080", service.Seq("ports").Single().Str("port"));
        }
        var apiConfig = documents["ConfigMap/api-env"].Map("data");
        Assert.Equal("http://embeddings:8080", apiConfig.Str("services__embeddings__http__0"));
        var apiEnv = documents["Deployment/api"].Map("spec").Map("template").Map("spec").Seq("containers").Single().EnvList();
        Assert.Equal($"secret:{secretName}/JWT_SIGNING_KEY", apiEnv["Auth__Jwt__SigningKey"]);

        // Every secret reference anywhere names the generated Secret and a key its file holds.
        foreach (Match m in SecretRefs().Matches(string.Join('\n', Directory.EnumerateFiles(output, "*.yaml").Select(File.ReadAllText))))
        {
            Assert.Equal(secretName, m.Groups["name"].Value);
            Assert.Contains(m.Groups["key"].Value, secretKeys);
        }
        AssertSecretsOnlyIn(output, "secrets.env", "POSTGRES_PASSWORD", "JWT_SIGNING_KEY");
        foreach (var file in Directory.EnumerateFiles(output, "*.yaml"))
        {
            AssertNoMachinePaths(file);
        }
    }

    [Fact]
    public async Task Manifest_output_is_aspire_shaped_with_resolvable_references_and_no_secret_values()
    {
        var file = Path.Combine(_root, "out", "cvtailor.json");
        var run = await PublishAsync(["--publisher", "manifest", "--output-path", file]);
        AssertStartedNothing(run);

        // Aspire's own manifest publisher wrote it: check what a deploying tool relies on.
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
        var resources = manifest["resources"]!.AsObject();
        Assert.Subset(resources.Select(r => r.Key).ToHashSet(),
            new HashSet<string> { "postgres-password", "jwt-signing-key", "postgres", "cvtailor", "migrate", "embeddings", "api" });
        Assert.DoesNotContain("model", resources.Select(r => r.Key));
        foreach (var parameter in new[] { "postgres-password", "jwt-signing-key" })
        {
            var p = resources[parameter]!;
            Assert.Equal("parameter.v0", (string?)p["type"]);
            Assert.Equal($"{{{parameter}.inputs.value}}", (string?)p["value"]);
            Assert.True((bool)p["inputs"]!["value"]!["secret"]!);
            Assert.True((int)p["inputs"]!["value"]!["default"]!["generate"]!["minLength"]! >= 22);
        }
        var postgres = resources["postgres"]!;
        Assert.StartsWith("container.v", (string?)postgres["type"], StringComparison.Ordinal);
        Assert.EndsWith("pgvector/pgvector:pg17", (string?)postgres["image"], StringComparison.Ordinal);
        Assert.Equal("{postgres-password.value}", (string?)postgres["env"]!["POSTGRES_PASSWORD"]);
        Assert.Equal(5432, (int)postgres["bindings"]!["tcp"]!["targetPort"]!);
        Assert.Equal("/var/lib/postgresql/data", (string?)postgres["volumes"]![0]!["target"]);
        Assert.Equal("{postgres.connectionString};Database=cvtailor", (string?)resources["cvtailor"]!["connectionString"]);

        foreach (var (name, project) in new[] { ("migrate", "CvTailor.Api"), ("embeddings", "CvTailor.Embeddings"), ("api", "CvTailor.Api") })
        {
            var r = resources[name]!;
            Assert.StartsWith("project.v", (string?)r["type"], StringComparison.Ordinal);
            var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, (string)r["path"]!));
            Assert.Equal(Path.Combine(AppHostProcess.RepositoryRoot, project, project + ".csproj"), path);
            Assert.True(File.Exists(path));
            Assert.Equal("{cvtailor.connectionString}", (string?)r["env"]!["ConnectionStrings__cvtailor"]);
        }
        Assert.Equal(["migrate"], resources["migrate"]!["args"]!.AsArray().Select(a => (string?)a));
        Assert.Contains("{embeddings.bindings.http.", (string?)resources["api"]!["env"]!["services__embeddings__http__0"], StringComparison.Ordinal);
        Assert.Equal("{jwt-signing-key.value}", (string?)resources["api"]!["env"]!["Auth__Jwt__SigningKey"]);
        Assert.Equal("/var/lib/cvtailor/media", (string?)resources["api"]!["env"]!["Storage__Root"]);
        Assert.True((bool)resources["api"]!["bindings"]!["http"]!["external"]!);
        Assert.Null(resources["embeddings"]!["bindings"]!["http"]!["external"]);

        // Every {resource.…} expression names a resource of the manifest.
        var text = await File.ReadAllTextAsync(file);
        var references = Expression().Matches(text).Select(m => m.Groups["resource"].Value).Distinct().ToList();
        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.True(resources.ContainsKey(r), $"'{{{r}.…}}' names no resource"));
        Assert.DoesNotContain(_root, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replicas_follow_configuration_and_publishing_again_keeps_the_generated_secrets()
    {
        var output = Path.Combine(_root, "compose");
        var first = await PublishAsync(["publish", "--publisher", "docker-compose", "--output-path", output]);
        AssertStartedNothing(first);
        var secrets = await File.ReadAllTextAsync(Path.Combine(output, ".env"));

        var second = await PublishAsync(["publish", "--publisher", "docker-compose", "--output-path", output],
            new Dictionary<string, string> { ["AppHost__Replicas__api"] = "3" });
        AssertStartedNothing(second);
        var services = YamlNodes.Load(Path.Combine(output, "docker-compose.yaml")).Map("services");
        Assert.Equal("3", services.Get("api").Map("deploy").Str("replicas"));
        Assert.Equal("2", services.Get("embeddings").Map("deploy").Str("replicas"));
        Assert.Equal($"{BusyPort}-{BusyPort + 2}:8080", services.Get("api").Seq("ports").Single().Str());
        Assert.Equal(secrets, await File.ReadAllTextAsync(Path.Combine(output, ".env")));

        var k8s = Path.Combine(_root, "k8s");
        AssertStartedNothing(await PublishAsync(["publish", "--publisher", "kubernetes", "--output-path", k8s],
            new Dictionary<string, string> { ["AppHost__Replicas__embeddings"] = "4" }));
        var deployment = YamlNodes.LoadAll(Path.Combine(k8s, "embeddings.yaml")).Single(d => d.Str("kind") == "Deployment");
        Assert.Equal("4", deployment.Map("spec").Str("replicas"));
    }

    [Theory]
    [InlineData("--publisher helm", "Unknown publisher 'helm'; choose one of: docker-compose, kubernetes, manifest.")]
    [InlineData("publish", "--publisher is required")]
    [InlineData("publish --publisher kubernetes --colour blue", "Unknown option '--colour'")]
    [InlineData("publish --publisher kubernetes --image-tag bad/tag", "--image-tag 'bad/tag' is not a valid image tag")]
    public async Task A_bad_publish_command_line_exits_non_zero_with_a_clear_message_and_writes_nothing(string commandLine, string message)
    {
        var output = Path.Combine(_root, "bad");
        var run = await PublishAsync([.. commandLine.Split(' '), "--output-path", output]);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.StandardError, StringComparison.Ordinal);
        Assert.Contains("usage: publish --publisher docker-compose|kubernetes|manifest", run.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
        Assert.Empty(run.ChildrenSeen);
        Assert.False(Directory.Exists(DataDirectory));
    }

    [GeneratedRegex(@"secretKeyRef:\s+name: (?<name>\S+)\s+key: (?<key>\S+)")]
    private static partial Regex SecretRefs();

    [GeneratedRegex(@"\{(?<resource>[a-z][a-z0-9-]*)\.(connectionString|bindings|value|inputs)")]
    private static partial Regex Expression();

    public void Dispose()
    {
        _squatter.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was written.
        }
    }
}
