namespace CvTailor.Embeddings.Chunking;

/// <summary>One chunk to embed: its text (heading line first when the section has one), where it came from, its tokens.</summary>
public sealed record TextChunk(string Text, string Source, string? Heading, int Tokens);
