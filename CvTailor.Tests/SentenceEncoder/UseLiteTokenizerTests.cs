using System.Text.Json;
using CvTailor.SentenceEncoder;

namespace CvTailor.Tests.SentenceEncoder;

/// <summary>The tokenizer through the model's public surface; piece texts come from the model's own vocab.json.</summary>
[Collection(UseLiteModelGroup.Name)]
public sealed class UseLiteTokenizerTests(UseLiteModelFixture fixture)
{
    // Id 0 is the unknown piece ("\uFFFD").
    const int UnknownId = 0;

    readonly Lazy<string[]> _pieces = new(() => ReadPieces(fixture.ModelDirectory));

    UseLiteModel Model => fixture.Model;

    static UseLiteReference Reference => UseLiteReference.Data;

    [Theory]
    [MemberData(nameof(UseLiteReference.CaseNames), MemberType = typeof(UseLiteReference))]
    public void Token_ids_match_the_reference(string name)
    {
        var expected = Reference[name];
        Assert.Equal(expected.Tokens, Model.Tokenize(expected.Text));
    }

    [Fact]
    public void Token_ids_match_the_reference_on_a_thousand_fuzz_strings()
    {
        Assert.Equal(1000, Reference.Fuzz.Count);
        var mismatches = Reference.Fuzz
            .Where(f => !f.Tokens.SequenceEqual(Model.Tokenize(f.Text)))
            .Select(f => f.Name)
            .ToList();
        Assert.Empty(mismatches);
    }

    [Fact]
    public void Characters_without_a_piece_become_one_unknown_per_run()
    {
        // A whole CJK sentence is one unknown after the word-start marker.
        Assert.Equal(["\u2581", "\uFFFD"], Pieces("東京でソフトウェアエンジニアとして働いています"));
        // ë is a piece, ï is not.
        Assert.DoesNotContain(UnknownId, Model.Tokenize("Zoë"));
        Assert.Contains(UnknownId, Model.Tokenize("naïve"));
        // Controls, tabs and lone surrogates are unknown too; consecutive ones collapse.
        var ids = Model.Tokenize("a\t\u0001\ud800b");
        Assert.Single(ids, UnknownId);
    }

    [Fact]
    public void Nfkc_is_applied_before_tokenizing()
    {
        Assert.Equal(Model.Tokenize("ABC finance"), Model.Tokenize("ＡＢＣ ﬁnance"));
        Assert.Equal(Model.Tokenize("non breaking"), Model.Tokenize("non\u00a0breaking"));
        Assert.Equal(Model.Tokenize("é"), Model.Tokenize("e\u0301"));
    }

    [Fact]
    public void Spaces_are_kept_one_marker_each()
    {
        Assert.Equal(["\u2581", "\u2581"], Pieces(" "));
        Assert.Equal(["\u2581", "\u2581", "\u2581", "\u2581"], Pieces("   "));
        Assert.Equal(Model.Tokenize("a b").Length + 1, Model.Tokenize("a  b").Length);
    }

    [Fact]
    public void Vocabulary_quirks_are_reproduced()
    {
        // ":30" has the only positive score.
        Assert.Equal(["\u2581" + "10", ":30"], Pieces("10:30"));
        // "▁:" totals 0, which the lattice treats as unset, so a leading ":" stays apart.
        Assert.Equal(["\u2581", ":", "\u2581" + "x"], Pieces(": x"));
        Assert.Equal(["\u2581" + "Note", ":", "\u2581" + "x"], Pieces("Note: x"));
        // ”5 appears three times in the vocabulary (ids 230, 238, 4464); the last one wins.
        Assert.Equal(4464, Model.Tokenize("”5")[1]);
    }

    string[] Pieces(string text) => [.. Model.Tokenize(text).Select(id => _pieces.Value[id])];

    /// <summary>vocab.json is an array of [piece, score] pairs; the id is the index.</summary>
    static string[] ReadPieces(string modelDirectory)
    {
        using var vocabulary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(modelDirectory, "vocab.json")));
        return [.. vocabulary.RootElement.EnumerateArray().Select(pair => pair[0].GetString()!)];
    }

    [Fact]
    public void Empty_input_has_no_tokens()
    {
        Assert.Empty(Model.Tokenize(""));
        Assert.Equal(0, Model.CountTokens(string.Empty));
    }

    [Fact]
    public void Long_input_is_tokenized_fully_but_the_model_reads_only_the_first_128_tokens()
    {
        var text = string.Join(' ', Enumerable.Repeat("engineering", 300));
        var ids = Model.Tokenize(text);
        Assert.True(ids.Length > 2 * UseLiteModel.MaxTokens);

        var full = fixture.Model.Embed([text])[0];
        var cut = fixture.Model.EmbedTokens([ids[..UseLiteModel.MaxTokens]])[0];
        var differentTail = fixture.Model.Embed([text + " and then something entirely different about cooking"])[0];
        var shorter = fixture.Model.EmbedTokens([ids[..(UseLiteModel.MaxTokens - 1)]])[0];

        Assert.Equal(cut, full);
        Assert.Equal(full, differentTail);
        Assert.NotEqual(full, shorter);
    }
}
