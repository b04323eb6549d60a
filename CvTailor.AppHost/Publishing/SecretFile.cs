using System.Text;

namespace CvTailor.AppHost.Publishing;

/// <summary>
/// The one file of the output that holds secret values (<c>KEY=value</c> lines: compose's <c>.env</c>, the
/// Kubernetes secret generator's <c>secrets.env</c>). Values already in the file are kept, so publishing again
/// does not rotate the database password under an existing volume; missing ones are generated.
/// </summary>
public static class SecretFile
{
    public static async Task<IReadOnlyDictionary<string, string>> WriteAsync(
        string path, IEnumerable<ParameterDefinition> parameters, string header, CancellationToken ct)
    {
        var existing = File.Exists(path) ? Read(await File.ReadAllLinesAsync(path, ct)) : new Dictionary<string, string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (var line in header.Split('\n'))
        {
            text.Append("# ").Append(line).Append('\n');
        }
        foreach (var parameter in parameters.Where(p => p.Secret))
        {
            var value = existing.TryGetValue(parameter.EnvironmentName, out var kept) && kept.Length > 0 ? kept : parameter.Generate();
            values[parameter.EnvironmentName] = value;
            if (parameter.Supplied)
            {
                text.Append("# ").Append(parameter.Description ?? $"{parameter.Name}: fill in before deploying.").Append('\n');
            }
            text.Append(parameter.EnvironmentName).Append('=').Append(value).Append('\n');
        }
        await File.WriteAllTextAsync(path, text.ToString(), ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return values;
    }

    static Dictionary<string, string> Read(IEnumerable<string> lines) =>
        lines.Where(l => l.Length > 0 && l[0] != '#' && l.Contains('=', StringComparison.Ordinal))
            .Select(l => l.Split('=', 2))
            .GroupBy(p => p[0].Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last()[1].Trim(), StringComparer.Ordinal);

    /// <summary>The output's own .gitignore, so the secret file is never committed with the manifests.</summary>
    public static Task WriteGitIgnoreAsync(string directory, string secretFileName, CancellationToken ct) =>
        File.WriteAllTextAsync(Path.Combine(directory, ".gitignore"),
            $"# Generated secrets: keep them out of version control.\n{secretFileName}\n", ct);
}
