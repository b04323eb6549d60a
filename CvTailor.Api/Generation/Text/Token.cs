namespace CvTailor.Api.Generation.Text;

/// <summary>One word of a text: its original spelling, its normalised stem and where it sits.</summary>
/// <param name="Surface">The characters as written.</param>
/// <param name="Stem">Lower-cased, spelling-normalised, Porter-stemmed form used for matching.</param>
/// <param name="Start">Character offset in the source text.</param>
/// <param name="Sentence">Index of the sentence the token belongs to (matches never cross sentences).</param>
/// <param name="IsStopWord">A function word that carries no skill meaning.</param>
/// <param name="StartsSentence">First token of its sentence or line (capitalisation there says little).</param>
/// <param name="BreakBefore">Punctuation such as a comma or bracket separates it from the previous token.</param>
public readonly record struct Token(string Surface, string Stem, int Start, int Sentence, bool IsStopWord, bool StartsSentence, bool BreakBefore = false);
