namespace CvTailor.Tests.AppHost;

/// <summary>
/// <c>--postgres external</c>: no PostgreSQL container or StatefulSet is published; every service (and the migrate
/// step) reads <c>ConnectionStrings__cvtailor</c> from a secret the operator fills in, which re-publishing keeps.
/// </summary>
public sealed partial class PublishTests
{
    const string ConnectionStringKey = "CVTAILOR_CONNECTION_STRING";

    static Dictionary<string, string> SecretLines(string file) =>
        File.ReadAllLines(file).Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    [Fact]
    public async Task Docker_compose_with_external_postgres_has_no_database_service_and_keeps_the_operators_connection_string()
    {
        var output = Path.Combine(_root, "compose-external");
        string[] args = ["publish", "--publisher", "docker-compose", "--output-path", output, "--postgres", "external"];
        var run = await PublishAsync(args);
        AssertStartedNothing(run);
        Assert.Contains($"fill in {ConnectionStringKey}", run.StandardOutput, StringComparison.Ordinal);

        var compose = YamlNodes.Load(Path.Combine(output, "docker-compose.yaml"));
        var services = compose.Map("services");
        Assert.Equal(["migrate", "embeddings", "api"], services.Keys());
        Assert.Equal(["media"], compose.Map("volumes").Keys());
        foreach (var name in services.Keys())
        {
            Assert.Equal($"${{{ConnectionStringKey}:?{ConnectionStringKey} is set in .env}}",
                services.Get(name).Map("environment").Str("ConnectionStrings__cvtailor"));
        }
        // Nothing in the deployment to wait for before migrating; the services still wait for migrate.
        Assert.False(services.Get("migrate").Has("depends_on"));
        Assert.Equal(["migrate"], services.Get("api").Map("depends_on").Keys());
        Assert.DoesNotContain("postgres", File.ReadAllText(Path.Combine(output, "docker-compose.yaml")), StringComparison.OrdinalIgnoreCase);

        // The operator's value: empty until filled in (compose's :? then refuses to start), documented in a comment.
        var envFile = Path.Combine(output, ".env");
        var secrets = SecretLines(envFile);
        Assert.Equal([ConnectionStringKey, "JWT_SIGNING_KEY"], secrets.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("", secrets[ConnectionStringKey]);
        Assert.Contains(File.ReadAllLines(envFile), l => l.StartsWith("# ", StringComparison.Ordinal) && l.Contains("pgvector", StringComparison.Ordinal));

        const string filledIn = "Host=db.example;Port=5432;Username=cvtailor;Password=s3cretFromOperator;Database=cvtailor;SSL Mode=Require";
        await File.WriteAllTextAsync(envFile, (await File.ReadAllTextAsync(envFile)).Replace($"{ConnectionStringKey}=", $"{ConnectionStringKey}={filledIn}", StringComparison.Ordinal));
        var jwt = secrets["JWT_SIGNING_KEY"];
        AssertStartedNothing(await PublishAsync(args));
        var again = SecretLines(envFile);
        Assert.Equal(filledIn, again[ConnectionStringKey]);
        Assert.Equal(jwt, again["JWT_SIGNING_KEY"]);
        Assert.DoesNotContain("s3cretFromOperator", File.ReadAllText(Path.Combine(output, "docker-compose.yaml")), StringComparison.Ordinal);
        AssertNoMachinePaths(Path.Combine(output, "docker-compose.yaml"));
    }

    [Fact]
    public async Task Kubernetes_with_external_postgres_has_no_statefulset_and_reads_the_connection_string_from_the_secret()
    {
        var output = Path.Combine(_root, "k8s-external");
        AssertStartedNothing(await PublishAsync(["publish", "--publisher", "kubernetes", "--output-path", output, "--postgres", "external"]));

        var kustomization = YamlNodes.Load(Path.Combine(output, "kustomization.yaml"));
        var secretName = kustomization.Seq("secretGenerator").Single().Str("name");
        var documents = kustomization.Seq("resources").Select(n => n.Str())
            .SelectMany(f => YamlNodes.LoadAll(Path.Combine(output, f)))
            .ToDictionary(d => $"{d.Str("kind")}/{d.Map("metadata").Str("name")}", d => d, StringComparer.Ordinal);
        Assert.Equal(ExpectedKubernetesObjects.Where(o => !o.EndsWith("/postgres", StringComparison.Ordinal)), documents.Keys.Order(StringComparer.Ordinal));
        Assert.False(File.Exists(Path.Combine(output, "postgres.yaml")));

        var secrets = SecretLines(Path.Combine(output, "secrets.env"));
        Assert.Equal([ConnectionStringKey, "JWT_SIGNING_KEY"], secrets.Keys.Order(StringComparer.Ordinal));
        foreach (var name in new[] { "embeddings", "api" })
        {
            var pod = documents[$"Deployment/{name}"].Map("spec").Map("template").Map("spec");
            var env = pod.Seq("containers").Single().EnvList();
            Assert.Equal($"secret:{secretName}/{ConnectionStringKey}", env["ConnectionStrings__cvtailor"]);
            Assert.False(env.ContainsKey("POSTGRES_PASSWORD"));
            // Only the migrate step: there is no in-cluster server to wait for.
            var init = pod.Seq("initContainers");
            Assert.Equal(["migrate"], init.Select(c => c.Str("name")));
            Assert.Equal($"secret:{secretName}/{ConnectionStringKey}", init[0].EnvList()["ConnectionStrings__cvtailor"]);
            Assert.False(documents[$"ConfigMap/{name}-env"].Map("data").Has("ConnectionStrings__cvtailor"));
        }
        foreach (var file in Directory.EnumerateFiles(output, "*.yaml"))
        {
            Assert.DoesNotContain("POSTGRES_PASSWORD", File.ReadAllText(file), StringComparison.Ordinal);
            AssertNoMachinePaths(file);
        }
    }

    [Theory]
    [InlineData("publish --publisher kubernetes --postgres sqlite", "Unknown --postgres 'sqlite'; choose container or external.")]
    [InlineData("publish --publisher manifest --postgres external", "--postgres external applies to docker-compose and kubernetes only.")]
    public async Task A_bad_postgres_option_exits_with_usage_and_writes_nothing(string commandLine, string message)
    {
        var output = Path.Combine(_root, "bad-postgres");
        var run = await PublishAsync([.. commandLine.Split(' '), "--output-path", output]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.StandardError, StringComparison.Ordinal);
        Assert.Contains("[--postgres container|external]", run.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }
}
