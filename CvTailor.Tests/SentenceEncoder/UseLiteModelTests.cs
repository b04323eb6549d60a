using CvTailor.SentenceEncoder;

namespace CvTailor.Tests.SentenceEncoder;

/// <summary>The library's public surface: loading, model info and tokens as callers see them.</summary>
[Collection(UseLiteModelGroup.Name)]
public sealed class UseLiteModelTests(UseLiteModelFixture fixture)
{
    [Fact]
    public void Missing_model_names_the_fetch_script_and_the_missing_file()
    {
        var empty = Directory.CreateTempSubdirectory("cvtailor-no-model-");
        try
        {
            var error = Assert.Throws<FileNotFoundException>(() => UseLiteModel.Load(empty.FullName));
            Assert.Contains(UseLiteModelDirectory.FetchScript, error.Message, StringComparison.Ordinal);
            Assert.Equal(Path.Combine(empty.FullName, "model.json"), error.FileName);
            Assert.False(UseLiteModelDirectory.IsComplete(empty.FullName));
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public void Model_info_describes_the_vectors()
    {
        var vectors = fixture.Model.Embed(["a short sentence", ""]);

        Assert.Equal("use-lite", UseLiteModel.Id);
        Assert.All(vectors, v => Assert.Equal(UseLiteModel.Dimensions, v.Length));
        Assert.True(UseLiteModelDirectory.IsComplete(fixture.ModelDirectory));
    }

    [Fact]
    public void Counting_and_batch_tokenizing_agree_with_single_texts()
    {
        string[] texts = ["Led a team of five engineers.", "", "Zoë’s naïve café at 10:30"];

        var batch = fixture.Model.Tokenize(texts);

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(fixture.Model.Tokenize(texts[i]), batch[i]);
            Assert.Equal(batch[i].Length, fixture.Model.CountTokens(texts[i]));
        }
    }
}
