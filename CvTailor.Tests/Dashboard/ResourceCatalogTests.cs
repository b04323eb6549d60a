using CvTailor.AppHost.Dashboard.Resources;

namespace CvTailor.Tests.Dashboard;

public sealed class ResourceCatalogTests
{
    [Fact]
    public void Console_lines_are_kept_per_replica_up_to_the_bound_and_announced()
    {
        var catalog = new InMemoryResourceCatalog(maxConsoleLinesPerReplica: 3);
        var announced = new List<ConsoleLogLine>();
        catalog.ConsoleLineWritten += (_, line) => announced.Add(line);

        for (var i = 0; i < 5; i++)
        {
            catalog.WriteConsole("api", "r1", $"one {i}");
            catalog.WriteConsole("api", "r2", $"two {i}", isError: i == 4);
        }

        Assert.Equal(10, announced.Count);
        Assert.Equal(["one 2", "one 3", "one 4"], catalog.GetConsole("api", "r1").Select(l => l.Text));
        Assert.Equal(6, catalog.GetConsole("api").Count);
        Assert.True(catalog.GetConsole("api", "r2")[^1].IsError);
        Assert.Empty(catalog.GetConsole("embeddings"));
    }

    [Fact]
    public async Task Upsert_replaces_a_replica_and_commands_reach_the_orchestrator()
    {
        var restarted = new List<string>();
        var catalog = new InMemoryResourceCatalog(restart: (name, _) =>
        {
            restarted.Add(name);
            return Task.CompletedTask;
        });
        var changes = 0;
        catalog.ResourcesChanged += (_, _) => changes++;

        catalog.Upsert(new ResourceSnapshot { Name = "api", Type = ResourceType.Project, ReplicaId = "a", State = "Starting" });
        catalog.Upsert(new ResourceSnapshot { Name = "api", Type = ResourceType.Project, ReplicaId = "b", State = "Starting" });
        catalog.Upsert(new ResourceSnapshot { Name = "api", Type = ResourceType.Project, ReplicaId = "a", State = "Running", Health = ResourceHealth.Healthy });
        await catalog.RestartAsync("api");

        Assert.Equal(3, changes);
        Assert.Equal(["Running", "Starting"], catalog.GetResources().Select(r => r.State));
        Assert.Equal(["api"], restarted);
        await Assert.ThrowsAsync<NotSupportedException>(() => catalog.StopAsync("api"));
    }

    [Theory]
    [InlineData("POSTGRES_PASSWORD", "hunter2", SecretMasking.Mask)]
    [InlineData("OPENAI_API_KEY", "sk-123", SecretMasking.Mask)]
    [InlineData("Jwt__SigningKey", "abc", SecretMasking.Mask)]
    [InlineData("ConnectionStrings__cvtailor", "Host=127.0.0.1;Port=5432;Username=postgres;Password=s3cr3t;Database=cvtailor",
        "Host=127.0.0.1;Port=5432;Username=postgres;Password=" + SecretMasking.Mask + ";Database=cvtailor")]
    [InlineData("OTEL_EXPORTER_OTLP_HEADERS", "x-otlp-api-key=0123abcd", "x-otlp-api-key=" + SecretMasking.Mask)]
    [InlineData("ASPNETCORE_URLS", "http://127.0.0.1:5080", "http://127.0.0.1:5080")]
    [InlineData("OTEL_SERVICE_NAME", "api", "api")]
    public void Secrets_in_the_environment_are_masked(string name, string value, string shown) =>
        Assert.Equal(shown, SecretMasking.MaskValue(name, value));
}
