using System.Text.RegularExpressions;

namespace CvTailor.AppHost.Dashboard.Resources;

/// <summary>
/// Hides secrets in environment variables before the dashboard shows them: whole values for variables whose name
/// says secret, and the password/key part inside connection strings and header lists.
/// </summary>
public static partial class SecretMasking
{
    public const string Mask = "••••••••";

    static readonly string[] SecretNameParts = ["PASSWORD", "PASSWD", "PWD", "SECRET", "TOKEN", "KEY", "CREDENTIAL"];

    public static string MaskValue(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (string.IsNullOrEmpty(value))
        {
            return value ?? "";
        }

        var upper = name.ToUpperInvariant();
        if (SecretNameParts.Any(upper.Contains))
        {
            return Mask;
        }

        // Connection strings (Password=...;) and header lists (x-otlp-api-key=...,) keep their shape.
        return SecretPair().Replace(value, m => m.Groups["name"].Value + m.Groups["sep"].Value + Mask);
    }

    public static IReadOnlyList<KeyValuePair<string, string>> MaskAll(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return [.. environment
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => KeyValuePair.Create(kv.Key, MaskValue(kv.Key, kv.Value)))];
    }

    [GeneratedRegex(@"(?<name>[\w.-]*(?:password|pwd|secret|token|api-?key|apikey|accountkey|sharedaccesskey)[\w.-]*)\s*(?<sep>=|:)\s*[^;,&\s]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretPair();
}
