namespace CvTailor.SqliteTransfer.Import;

/// <summary>
/// Rows skipped so far, by table and key, so that rows referencing them are skipped too (an
/// <c>artifact_chunks</c> row cannot exist without its <c>enhanced_artifacts</c> row). Thread-safe: the import
/// reads several tables at once (a table is read only after the tables it references).
/// </summary>
public sealed class SkipRegistry
{
    readonly Lock _lock = new();
    readonly Dictionary<string, HashSet<object>> _keys = new(StringComparer.Ordinal);
    readonly List<SkippedRow> _rows = [];

    public IReadOnlyList<SkippedRow> Rows
    {
        get
        {
            lock (_lock)
            {
                return [.. _rows];
            }
        }
    }

    public int Count(string table)
    {
        lock (_lock)
        {
            return _keys.TryGetValue(table, out var keys) ? keys.Count : 0;
        }
    }

    public bool IsSkipped(string table, object? key)
    {
        if (key is null)
        {
            return false;
        }

        lock (_lock)
        {
            return _keys.TryGetValue(table, out var keys) && keys.Contains(key);
        }
    }

    public void Add(string table, object? key, string reason)
    {
        lock (_lock)
        {
            if (!_keys.TryGetValue(table, out var keys))
            {
                _keys[table] = keys = [];
            }

            if (key is not null)
            {
                keys.Add(key);
            }

            _rows.Add(new SkippedRow(table, KeyText(key), reason));
        }
    }

    public static string KeyText(object? key) => key switch
    {
        Guid g => g.ToString("N"),
        null => "(no key)",
        _ => Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
