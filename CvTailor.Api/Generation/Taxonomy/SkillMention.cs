namespace CvTailor.Api.Generation.Taxonomy;

/// <summary>A taxonomy skill found in a token sequence: tokens [<paramref name="FirstToken"/>, <paramref name="EndToken"/>).</summary>
public readonly record struct SkillMention(int Skill, int FirstToken, int EndToken, int Sentence);
