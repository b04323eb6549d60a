namespace CvTailor.Api.Generation.Content;

/// <summary>
/// Splits artifact titles such as "Senior Backend Engineer, Payments Core, Ledgerline" or "Engineer at Acme" into a
/// role (or degree) and an organisation, using only the words of the title: nothing is guessed.
/// </summary>
public static class TitleParts
{
    public static (string Head, string Organization) Split(string title, string? organization)
    {
        ArgumentNullException.ThrowIfNull(title);
        var t = title.Trim();
        if (!string.IsNullOrWhiteSpace(organization))
        {
            var org = organization.Trim();
            foreach (var sep in new[] { ", ", " at ", " @ ", " - ", " | " })
            {
                if (t.EndsWith(sep + org, StringComparison.OrdinalIgnoreCase))
                {
                    return (t[..^(sep.Length + org.Length)].Trim(), org);
                }
            }

            return (t, org);
        }

        var at = t.LastIndexOf(" at ", StringComparison.Ordinal);
        if (at > 0)
        {
            return (t[..at].Trim(), t[(at + 4)..].Trim());
        }

        var comma = t.LastIndexOf(", ", StringComparison.Ordinal);
        return comma > 0 ? (t[..comma].Trim(), t[(comma + 2)..].Trim()) : (t, "");
    }
}
