namespace CvTailor.Api.Generation.Matching;

/// <summary>
/// Why an artifact has a skill: the sentence that mentions it (or a narrower skill that implies it), or its
/// technology list when <paramref name="Sentence"/> is -1.
/// </summary>
/// <param name="Skill">The skill evidenced.</param>
/// <param name="ViaSkill">The skill actually named (equal to <paramref name="Skill"/> unless implied).</param>
/// <param name="Sentence">Index into <see cref="ArtifactProfile.Sentences"/>, or -1 for the technology list.</param>
public readonly record struct SkillEvidence(int Skill, int ViaSkill, int Sentence);
