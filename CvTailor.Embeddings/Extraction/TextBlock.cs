namespace CvTailor.Embeddings.Extraction;

/// <summary>One paragraph of extracted text and the heading of the section it sits under (null when none).</summary>
public sealed record TextBlock(string? Heading, string Text);

/// <summary>Text from one source of an artifact: its own fields, an evidence link, or an attached file.</summary>
/// <param name="Source">Stable name, e.g. <c>artifact</c>, <c>evidence:12</c>, <c>file:uploads/ab12.pdf</c>.</param>
/// <param name="Kind"><c>fields</c>, <c>evidence</c>, <c>pdf</c>, <c>docx</c>, <c>markdown</c> or <c>text</c>.</param>
public sealed record ExtractedSource(string Source, string Kind, IReadOnlyList<TextBlock> Blocks);
