using CvTailor.Api.Generation.Text;

namespace CvTailor.Tests.Api.Generation;

public class TextAnalysisTests
{
    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("relational", "relat")]
    [InlineData("scheduling", "schedul")]
    [InlineData("schedule", "schedul")]
    [InlineData("commander", "command")]
    [InlineData("hopping", "hop")]
    [InlineData("generalization", "gener")]
    public void Porter_stems_known_words(string word, string stem) => Assert.Equal(stem, PorterStemmer.Stem(word));

    [Fact]
    public void Experience_and_experiment_do_not_collide()
    {
        var analyzer = new TextAnalyzer();
        Assert.NotEqual(analyzer.StemOf("experience"), analyzer.StemOf("experimentation"));
        Assert.Equal(analyzer.StemOf("experiments"), analyzer.StemOf("experimentation"));
    }

    [Fact]
    public void British_and_American_spellings_meet()
    {
        var analyzer = new TextAnalyzer();
        Assert.Equal(analyzer.StemOf("optimization"), analyzer.StemOf("optimisation"));
        Assert.Equal(analyzer.StemOf("modeling"), analyzer.StemOf("modelling"));
    }

    [Fact]
    public void Tokenizer_keeps_technology_names_whole()
    {
        var tokens = new TextAnalyzer().TokenizePhrase("C++, C#, .NET, Node.js and 1,900 stars; CI/CD.");
        Assert.Equal(["C++", "C#", ".NET", "Node.js", "and", "1,900", "stars", "CI", "CD"], tokens.Select(t => t.Surface));
    }

    [Fact]
    public void Sentences_split_on_full_stops_but_not_abbreviations_or_decimals()
    {
        var sentences = SentenceSplitter.Split("Earned a Ph.D. in statistics. Cut cost by 2.3 times, e.g. Billing. Shipped.\n- A bullet");
        Assert.Equal(["Earned a Ph.D. in statistics.", "Cut cost by 2.3 times, e.g. Billing.", "Shipped.", "A bullet"], sentences.Select(s => s.Text));
    }
}
