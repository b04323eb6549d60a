using System.Numerics.Tensors;
using CvTailor.SentenceEncoder;

namespace CvTailor.Tests.SentenceEncoder;

/// <summary>The C# forward pass against vectors from the reference JavaScript runtime.</summary>
[Collection(UseLiteModelGroup.Name)]
public sealed class UseLiteParityTests(UseLiteModelFixture fixture)
{
    const float MinimumCosine = 0.9999f;

    static UseLiteReference Reference => UseLiteReference.Data;

    [Fact]
    public void Reference_covers_at_least_thirty_varied_sentences()
    {
        var cases = Reference.Cases.Where(c => c.Embedding is not null).ToList();
        Assert.True(cases.Count >= 30, $"only {cases.Count} reference vectors");
        Assert.Contains(cases, c => c.Tokens.Length > UseLiteModel.MaxTokens);
        Assert.Contains(cases, c => c.Text.Any(ch => ch > 0x2E80));
        Assert.Contains(cases, c => string.IsNullOrWhiteSpace(c.Text));
    }

    [Theory]
    [MemberData(nameof(UseLiteReference.CaseNames), MemberType = typeof(UseLiteReference))]
    public void Matches_reference_vector(string name)
    {
        var expected = Reference[name];
        var actual = fixture.Model.Embed([expected.Text])[0];

        Assert.Equal(UseLiteModel.Dimensions, actual.Length);
        var cosine = TensorPrimitives.CosineSimilarity(expected.Embedding!, actual);
        Assert.True(cosine >= MinimumCosine, $"{name}: cosine {cosine:F7}");
        Assert.Equal(1f, TensorPrimitives.Norm(actual), 4);
    }

    [Fact]
    public void Matches_reference_vectors_of_fuzz_strings()
    {
        var fuzz = Reference.Fuzz.Where(f => f.Embedding is not null).ToList();
        Assert.NotEmpty(fuzz);
        var actual = fixture.Model.Embed([.. fuzz.Select(f => f.Text)]);
        for (var i = 0; i < fuzz.Count; i++)
        {
            var cosine = TensorPrimitives.CosineSimilarity(fuzz[i].Embedding!, actual[i]);
            Assert.True(cosine >= MinimumCosine, $"{fuzz[i].Name}: cosine {cosine:F7}");
        }
    }

    [Fact]
    public void Empty_input_gives_the_reference_runtimes_empty_vector()
    {
        var vectors = fixture.Model.Embed(["", "x", ""]);

        Assert.True(TensorPrimitives.CosineSimilarity(Reference.EmptyEmbedding, vectors[0]) >= MinimumCosine);
        Assert.Equal(vectors[0], vectors[2]);
        Assert.True(TensorPrimitives.CosineSimilarity(vectors[0], vectors[1]) < 0.99f);
    }

    [Fact]
    public void Packed_batches_on_two_threads_match_single_sentences()
    {
        var texts = Reference.Cases.Select(c => c.Text).ToArray();
        var single = texts.Select(t => fixture.Model.Embed([t])[0]).ToArray();
        // Small packs force several packs, so both threads work and sentences of all lengths share a pack.
        var packed = fixture.Model.Embed(texts, new UseLiteRunOptions(Threads: 2, MaxPackSentences: 5, MaxPackTokens: 200));

        Assert.Equal(texts.Length, packed.Length);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.True(TensorPrimitives.CosineSimilarity(single[i], packed[i]) >= 0.999999f, Reference.Cases[i].Name);
            Assert.True(TensorPrimitives.MaxMagnitude(Difference(single[i], packed[i])) < 1e-5f, Reference.Cases[i].Name);
        }
    }

    [Fact]
    public void Matches_the_reference_runtimes_batched_call()
    {
        var texts = Reference.BatchNames.Select(n => Reference[n].Text).ToArray();
        var actual = fixture.Model.Embed(texts, new UseLiteRunOptions(MaxPackSentences: 32));
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.True(TensorPrimitives.CosineSimilarity(Reference.BatchEmbeddings[i], actual[i]) >= MinimumCosine);
        }
    }

    [Fact]
    public void Similar_sentences_are_closer_than_unrelated_ones()
    {
        var v = fixture.Model.Embed([
            "Experienced Python developer who builds Django web applications.",
            "Software engineer writing web services with Django and Python.",
            "I bake sourdough bread and grow tomatoes in my garden.",
        ]);
        Assert.True(TensorPrimitives.Dot(v[0], v[1]) > TensorPrimitives.Dot(v[0], v[2]) + 0.1f);
    }

    static float[] Difference(float[] a, float[] b)
    {
        var d = new float[a.Length];
        TensorPrimitives.Subtract(a, b, d);
        return d;
    }
}
