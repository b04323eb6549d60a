using CvTailor.Embeddings.Chunking;
using CvTailor.Embeddings.Extraction;
using CvTailor.Embeddings.Models;
using CvTailor.Embeddings.Models.Providers;
using CvTailor.SentenceEncoder;
using CvTailor.Tests.SentenceEncoder;

namespace CvTailor.Tests.Embeddings;

/// <summary>Chunking by structure with the model's own tokenizer: size bound, overlap, headings, section boundaries.</summary>
[Collection(UseLiteModelGroup.Name)]
public sealed class StructuredChunkerTests(UseLiteModelFixture model)
{
    UseLiteModel Encoder => model.Model;

    StructuredChunker Chunker(int max = 128, int overlap = 16) =>
        new(new UseLiteTokenCounter(Encoder), new ChunkingOptions { MaxTokens = max, OverlapTokens = overlap });

    [Fact]
    public void Short_paragraphs_of_a_section_share_a_chunk_under_their_heading()
    {
        var chunks = Chunker().Chunk([new ExtractedSource("s", "markdown",
            [new TextBlock("Skills", "Go and Rust."), new TextBlock("Skills", "PostgreSQL tuning."), new TextBlock("Awards", "Best paper 2021.")])]);
        Assert.Equal(["Skills\nGo and Rust.\nPostgreSQL tuning.", "Awards\nBest paper 2021."], chunks.Select(c => c.Text));
        Assert.Equal("Skills", chunks[0].Heading);
        Assert.All(chunks, c => Assert.Equal(Encoder.CountTokens(c.Text), c.Tokens));
    }

    [Fact]
    public void Chunks_never_span_two_sources()
    {
        var chunks = Chunker().Chunk([
            new ExtractedSource("a", "fields", [new TextBlock(null, "one")]),
            new ExtractedSource("b", "evidence", [new TextBlock(null, "two")]),
        ]);
        Assert.Equal(["a", "b"], chunks.Select(c => c.Source));
    }

    [Theory]
    [InlineData(128, 16)]
    [InlineData(64, 8)]
    [InlineData(32, 0)]
    public void A_long_paragraph_is_split_within_the_budget_with_overlap_and_loses_no_word(int max, int overlap)
    {
        var paragraph = string.Join(' ', Enumerable.Range(0, 10).Select(SampleText.Paragraph));
        var chunks = Chunker(max, overlap).Chunk([new ExtractedSource("s", "text", [new TextBlock("Experience", paragraph)])]);
        Assert.True(chunks.Count > 3);
        Assert.All(chunks, c => Assert.True(Encoder.CountTokens(c.Text) <= max, $"{Encoder.CountTokens(c.Text)} > {max}: {c.Text}"));
        Assert.All(chunks, c => Assert.StartsWith("Experience\n", c.Text, StringComparison.Ordinal));

        var bodies = chunks.Select(c => c.Text["Experience\n".Length..].Split(' ')).ToList();
        // Every word appears, in order, once the overlaps are removed.
        var rebuilt = new List<string>(bodies[0]);
        for (var i = 1; i < bodies.Count; i++)
        {
            var shared = Overlap(rebuilt, bodies[i]);
            if (overlap > 0)
            {
                Assert.True(shared > 0, $"chunk {i} repeats nothing of chunk {i - 1}");
                Assert.True(Encoder.CountTokens(string.Join(' ', bodies[i][..shared])) <= overlap + 2);
            }
            rebuilt.AddRange(bodies[i][shared..]);
        }
        Assert.Equal(paragraph.Split(' '), rebuilt);
    }

    [Fact]
    public void Cuts_prefer_sentence_ends()
    {
        var paragraph = string.Join(' ', Enumerable.Range(0, 6).Select(SampleText.Paragraph));
        var chunks = Chunker(overlap: 0).Chunk([new ExtractedSource("s", "text", [new TextBlock(null, paragraph)])]);
        Assert.All(chunks.SkipLast(1), c => Assert.EndsWith(".", c.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void An_unbreakable_token_run_is_cut_to_fit()
    {
        var hash = string.Concat(Enumerable.Repeat("a9f3kq7z", 200));
        var chunks = Chunker().Chunk([new ExtractedSource("s", "text", [new TextBlock(null, hash)])]);
        Assert.True(chunks.Count > 1);
        Assert.All(chunks, c => Assert.True(Encoder.CountTokens(c.Text) <= 128));
        Assert.Equal(hash, string.Concat(chunks.Select(c => c.Text)));
    }

    [Fact]
    public void The_model_window_caps_a_larger_configured_size()
    {
        var chunker = Chunker(max: 4096);
        Assert.Equal(UseLiteModel.MaxTokens, chunker.MaxTokens);
    }

    static int Overlap(List<string> previous, string[] next)
    {
        for (var length = Math.Min(previous.Count, next.Length - 1); length > 0; length--)
        {
            if (previous.Skip(previous.Count - length).SequenceEqual(next.Take(length)))
            {
                return length;
            }
        }
        return 0;
    }
}

/// <summary>Markdown structure as the extractor reads it.</summary>
public sealed class MarkdownExtractionTests
{
    [Fact]
    public void Headings_open_sections_and_lists_fences_and_blank_lines_make_paragraphs()
    {
        var blocks = MarkdownTextExtractor.Extract("""
            Intro line one
            continues here.

            # Work ##
            - Built X
            - Led Y

            ```
            code  stays   together
            ```
            ## Notes
            1. first
            """, markdown: true);
        Assert.Equal(
            [(null, "Intro line one continues here."), ("Work", "Built X"), ("Work", "Led Y"), ("Work", "code stays together"), ("Notes", "first")],
            blocks.Select(b => (b.Heading, b.Text)));
    }

    [Fact]
    public void Plain_text_has_no_headings()
    {
        var blocks = MarkdownTextExtractor.Extract("# not a heading\n\nsecond", markdown: false);
        Assert.Equal(["# not a heading", "second"], blocks.Select(b => b.Text));
        Assert.All(blocks, b => Assert.Null(b.Heading));
    }
}
