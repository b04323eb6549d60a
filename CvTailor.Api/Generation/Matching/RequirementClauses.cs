using CvTailor.Api.Generation.Parsing;
using CvTailor.Api.Generation.Text;

namespace CvTailor.Api.Generation.Matching;

/// <summary>
/// The clauses of a requirement line, for clause-level alignment with an artifact's chunks. A sentence embedding of a
/// long line ("run customer insight gathering with real bill-payers, including people in vulnerable circumstances, and
/// share what you learn widely") is an average over all its parts, so an artifact that shows one or two of them in
/// other words lies far from it; each part embedded on its own finds the chunk that shows it.
/// </summary>
public static class RequirementClauses
{
    /// <summary>A clause needs this many content words; shorter pieces (a list item, "and R") join their neighbour.</summary>
    const int MinContentWords = 2;

    /// <summary>
    /// The line split at punctuation (, ; : brackets) and at "and", "or" and "including" between words, short pieces
    /// joined to the one before (the first to the one after); empty when that leaves fewer than two clauses (the
    /// line is then aligned as a whole only).
    /// </summary>
    public static IReadOnlyList<string> Split(JobRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        var tokens = requirement.Tokens;
        var pieces = new List<(int First, int Last, int Content)>();
        var first = -1;
        var content = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var lower = tokens[i].Surface.ToLowerInvariant();
            var splitter = lower is "and" or "or" or "including";
            if (first >= 0 && (tokens[i].BreakBefore || splitter))
            {
                pieces.Add((first, i - 1, content));
                first = -1;
                content = 0;
            }
            if (splitter)
            {
                continue;
            }
            if (first < 0)
            {
                first = i;
            }
            if (!tokens[i].IsStopWord && !StopWords.RequirementFiller.Contains(lower) && tokens[i].Stem.Length > 1)
            {
                content++;
            }
        }
        if (first >= 0)
        {
            pieces.Add((first, tokens.Count - 1, content));
        }

        // Join short pieces: to the previous clause, or (at the start) to the next piece.
        var clauses = new List<(int First, int Last, int Content)>();
        foreach (var piece in pieces)
        {
            if (clauses.Count > 0 && (piece.Content < MinContentWords || clauses[^1].Content < MinContentWords))
            {
                var last = clauses[^1];
                clauses[^1] = (last.First, piece.Last, last.Content + piece.Content);
            }
            else
            {
                clauses.Add(piece);
            }
        }

        if (clauses.Count > 1 && clauses[^1].Content < MinContentWords)
        {
            var tail = clauses[^1];
            clauses.RemoveAt(clauses.Count - 1);
            clauses[^1] = (clauses[^1].First, tail.Last, clauses[^1].Content + tail.Content);
        }

        if (clauses.Count < 2)
        {
            return [];
        }

        var text = requirement.Text;
        return [.. clauses.Select(c =>
        {
            var start = tokens[c.First].Start;
            var end = tokens[c.Last].Start + tokens[c.Last].Surface.Length;
            return text[start..Math.Min(end, text.Length)];
        })];
    }
}
