using System.Globalization;
using System.Security.Cryptography;

namespace CvTailor.SqliteTransfer.Values;

/// <summary>
/// Row count and checksum of one table: SHA-256 over the rows' SHA-256 (of <see cref="CanonicalRow"/>) in primary-key
/// order. Rows may be added in any order; they are put in key order (byte order of <see cref="SortKey"/>) at the end,
/// so both databases can be read without ORDER BY. Keeps each row's key and hash, so two digests that differ can name
/// the rows that differ.
/// </summary>
public sealed class TableDigest
{
    readonly List<Row> _rows = [];
    bool _sorted = true;

    readonly record struct Row(byte[] Key, byte[] Hash, object? Id, int Index);

    public long Rows => _rows.Count;

    public void Add(byte[] sortKey, CanonicalRow row, object? id = null)
    {
        ArgumentNullException.ThrowIfNull(row);
        var hash = new byte[32];
        row.Hash(hash);
        _rows.Add(new Row(sortKey, hash, id, _rows.Count));
        _sorted = false;
    }

    /// <summary>Hex SHA-256 of all rows in key order; duplicate keys (impossible under a primary key) keep insertion order.</summary>
    public string Finish()
    {
        Sort();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var row in _rows)
        {
            sha.AppendData(row.Hash);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>
    /// The first <paramref name="limit"/> rows, in key order, that are only on one side or differ in content, each as
    /// its primary key and what is wrong with it. <paramref name="source"/> is the SQLite side.
    /// </summary>
    public static IReadOnlyList<string> Mismatches(TableDigest source, TableDigest target, int limit)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        source.Sort();
        target.Sort();
        var found = new List<string>();
        int i = 0, j = 0;
        while (found.Count < limit && (i < source._rows.Count || j < target._rows.Count))
        {
            var c = i == source._rows.Count ? 1 : j == target._rows.Count ? -1
                : source._rows[i].Key.AsSpan().SequenceCompareTo(target._rows[j].Key);
            if (c < 0)
            {
                found.Add($"{KeyText(source._rows[i++].Id)} missing from PostgreSQL");
            }
            else if (c > 0)
            {
                found.Add($"{KeyText(target._rows[j++].Id)} not in the SQLite file");
            }
            else
            {
                if (!source._rows[i].Hash.AsSpan().SequenceEqual(target._rows[j].Hash))
                {
                    found.Add($"{KeyText(source._rows[i].Id)} differs");
                }

                i++;
                j++;
            }
        }

        return found;
    }

    static string KeyText(object? id) => id switch
    {
        null => "(no primary key)",
        string text => $"'{text}'",
        _ => Convert.ToString(id, CultureInfo.InvariantCulture) ?? "",
    };

    void Sort()
    {
        if (_sorted)
        {
            return;
        }

        _rows.Sort(static (a, b) =>
        {
            var c = a.Key.AsSpan().SequenceCompareTo(b.Key);
            return c != 0 ? c : a.Index.CompareTo(b.Index);
        });
        _sorted = true;
    }
}
