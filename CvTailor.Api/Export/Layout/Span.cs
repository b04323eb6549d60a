namespace CvTailor.Api.Export.Layout;

/// <summary>A run of text with one style, optionally a hyperlink.</summary>
public sealed record Span(string Text, SpanStyle Style = SpanStyle.Regular, string? Url = null);

public enum SpanStyle
{
    Regular,
    Bold,
    Italic,
    Subtle,
}
