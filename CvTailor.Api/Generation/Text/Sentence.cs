namespace CvTailor.Api.Generation.Text;

/// <summary>A sentence (or bullet line) of a text and its character offset.</summary>
public readonly record struct Sentence(string Text, int Start);
