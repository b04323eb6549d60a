using System.Numerics.Tensors;
using CvTailor.Embeddings.Models;
using CvTailor.SentenceEncoder;
using CvTailor.Tests.SentenceEncoder;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CvTailor.Tests.Embeddings;

[Collection(UseLiteModelGroup.Name)]
public sealed class LocalUseLiteEmbeddingGeneratorTests(UseLiteModelFixture fixture)
{
    [Fact]
    public async Task Generates_unit_vectors_with_model_id_and_token_usage()
    {
        using var generator = new LocalUseLiteEmbeddingGenerator(fixture.Model);
        var texts = new[] { "hello world", string.Join(' ', Enumerable.Repeat("word", 400)), "" };

        var result = await generator.GenerateAsync(texts);

        Assert.Equal(texts.Length, result.Count);
        Assert.All(result, e =>
        {
            Assert.Equal(UseLiteModel.Dimensions, e.Vector.Length);
            Assert.Equal(LocalUseLiteEmbeddingGenerator.ModelId, e.ModelId);
            Assert.Equal(1f, TensorPrimitives.Norm(e.Vector.Span), 4);
        });
        // Usage counts what the model read: 3 tokens, 128 of the long text, none of the empty one.
        var expectedTokens = fixture.Model.Tokenize("hello world").Length + UseLiteModel.MaxTokens;
        Assert.Equal(expectedTokens, result.Usage!.InputTokenCount);
        Assert.Equal(fixture.Model.Embed(["hello world"])[0], result[0].Vector.ToArray());
    }

    [Fact]
    public async Task Rejects_other_dimensions_and_models()
    {
        using var generator = new LocalUseLiteEmbeddingGenerator(fixture.Model);
        var ct = CancellationToken.None;
        await Assert.ThrowsAsync<ArgumentException>(() =>
            generator.GenerateAsync(["x"], new EmbeddingGenerationOptions { Dimensions = 1536 }, ct));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            generator.GenerateAsync(["x"], new EmbeddingGenerationOptions { ModelId = "text-embedding-3-small" }, ct));
        var ok = await generator.GenerateAsync(["x"], new EmbeddingGenerationOptions { Dimensions = 512, ModelId = "use-lite" }, ct);
        Assert.Single(ok);
    }

    [Fact]
    public async Task Registers_through_configuration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Embeddings:Local:ModelDirectory"] = fixture.ModelDirectory,
                ["Embeddings:Local:Threads"] = "2",
            })
            .Build();
        await using var provider = new ServiceCollection().AddLocalUseLite(configuration).BuildServiceProvider();

        var generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        var vectors = await generator.GenerateAsync(["a", "b", "c"]);

        Assert.Same(provider.GetRequiredService<LocalUseLiteEmbeddingGenerator>(), generator);
        Assert.Equal(LocalUseLiteEmbeddingGenerator.ModelId, metadata!.DefaultModelId);
        Assert.Equal(UseLiteModel.Dimensions, metadata.DefaultModelDimensions);
        Assert.Equal(3, vectors.Count);
    }

    [Fact]
    public void Missing_model_names_the_fetch_script_and_the_setting()
    {
        var empty = Directory.CreateTempSubdirectory("cvtailor-no-model-");
        try
        {
            var options = Options.Create(new UseLiteOptions { ModelDirectory = empty.FullName });
            var error = Assert.Throws<FileNotFoundException>(() => new LocalUseLiteEmbeddingGenerator(options));
            Assert.Contains(UseLiteModelDirectory.FetchScript, error.Message, StringComparison.Ordinal);
            Assert.Contains("Embeddings:Local:ModelDirectory", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Cancellation_stops_a_batch()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        using var generator = new LocalUseLiteEmbeddingGenerator(fixture.Model);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generator.GenerateAsync(["x"], cancellationToken: cts.Token));
        var texts = Enumerable.Repeat("a sentence to embed", 200).ToArray();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            fixture.Model.EmbedTokens(fixture.Model.Tokenize(texts), new UseLiteRunOptions(Threads: 2), cts.Token));
    }
}
