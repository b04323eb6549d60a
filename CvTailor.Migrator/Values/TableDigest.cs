using System.Security.Cryptography;

namespace CvTailor.Migrator.Values;

/// <summary>
/// Row count and checksum of one table: SHA-256 over the rows' SHA-256 (of <see cref="CanonicalRow"/>) in primary-key
/// order. Rows may be added in any order; they are put in key order (byte order of <see cref="SortKey"/>) at the end,
/// so both databases can be read without ORDER BY.
/// </summary>
public sealed class TableDigest
{
    readonly List<(byte[] Key, byte[] Hash)> _rows = [];

    public long Rows => _rows.Count;

    public void Add(byte[] sortKey, CanonicalRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var hash = new byte[32];
        row.Hash(hash);
        _rows.Add((sortKey, hash));
    }

    /// <summary>Hex SHA-256 of all rows in key order; duplicate keys (impossible under a primary key) keep insertion order.</summary>
    public string Finish()
    {
        var ordered = _rows.Select((r, i) => (r.Key, r.Hash, Index: i)).ToList();
        ordered.Sort(static (a, b) =>
        {
            var c = a.Key.AsSpan().SequenceCompareTo(b.Key);
            return c != 0 ? c : a.Index.CompareTo(b.Index);
        });
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (_, hash, _) in ordered)
        {
            sha.AppendData(hash);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
