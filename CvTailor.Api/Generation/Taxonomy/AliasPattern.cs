namespace CvTailor.Api.Generation.Taxonomy;

/// <summary>A compiled alias: the stems (or exact spellings) that must appear in order.</summary>
internal sealed record AliasPattern(int Skill, string[] Stems, string[] Surfaces, bool CaseSensitive, bool RequiresMidSentence)
{
    /// <summary>Non-stop-word tokens a multi-word alias may skip ("container scheduling and orchestration").</summary>
    public int AllowedGaps => !CaseSensitive && Stems.Length >= 2 ? 1 : 0;
}
