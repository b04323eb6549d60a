using System.Numerics.Tensors;
using CvTailor.Embeddings.Models;
using CvTailor.Embeddings.Models.Providers;
using CvTailor.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CvTailor.Tests.Embeddings;

/// <summary>
/// The <c>openai</c> provider (Microsoft.Extensions.AI.OpenAI over the OpenAI SDK) against a real
/// <c>/v1/embeddings</c> server on loopback: our own Embeddings service, running the local model.
/// </summary>
public sealed class OpenAiProviderTests(EmbeddingsEndpointFixture fixture) : IClassFixture<EmbeddingsEndpointFixture>
{
    ServiceProvider OpenAiProvider(Dictionary<string, string?> settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Embeddings:Provider"] = "openai",
            ["Embeddings:OpenAI:Endpoint"] = new Uri(fixture.Server.BaseAddress, "/v1").ToString(),
            ["Embeddings:OpenAI:ApiKey"] = "not-checked-by-this-server",
            ["Embeddings:OpenAI:Model"] = "use-lite",
            ["Embeddings:OpenAI:Dimensions"] = "512",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEmbeddingProvider(configuration);
        return services.BuildServiceProvider(validateScopes: true);
    }

    [Fact]
    public async Task Vectors_through_the_openai_client_equal_the_local_models()
    {
        await using var provider = OpenAiProvider([]);
        var generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var info = provider.GetRequiredService<EmbeddingModelInfo>();
        Assert.Equal("use-lite", info.ModelId);
        Assert.Equal(512, info.Dimensions);

        string[] texts = ["Led a team of five engineers", "Kubernetes operators in Go", "Café résumé"];
        var result = await generator.GenerateAsync(texts);
        var local = fixture.Server.Services.GetRequiredService<LocalUseLiteEmbeddingGenerator>().Model.Embed(texts);
        Assert.Equal(3, result.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(512, result[i].Vector.Length);
            Assert.True(TensorPrimitives.CosineSimilarity(result[i].Vector.Span, local[i]) > 0.99999f);
        }
        Assert.True(result.Usage?.InputTokenCount > 0);
    }

    [Fact]
    public async Task Requested_dimensions_are_sent_and_padded_vectors_come_back()
    {
        await using var provider = OpenAiProvider(new() { ["Embeddings:OpenAI:SendDimensions"] = "true", ["Embeddings:OpenAI:Dimensions"] = "1536" });
        var generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var result = await generator.GenerateAsync(["sent with dimensions"]);
        Assert.Equal(1536, result[0].Vector.Length);
        Assert.All(result[0].Vector.Span[512..].ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public async Task A_server_error_surfaces_as_an_exception_not_a_silent_empty_result()
    {
        await using var provider = OpenAiProvider(new() { ["Embeddings:OpenAI:Model"] = "no-such-model" });
        var generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        await Assert.ThrowsAnyAsync<Exception>(() => generator.GenerateAsync(["x"]));
    }

    [Fact]
    public void An_unknown_provider_is_refused_at_registration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Embeddings:Provider"] = "magic" }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddEmbeddingProvider(configuration));
        Assert.Contains("magic", error.Message, StringComparison.Ordinal);
    }
}
