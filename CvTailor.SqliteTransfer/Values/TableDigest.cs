using System.Buffers.Binary;
using System.Globalization;

namespace CvTailor.SqliteTransfer.Values;

/// <summary>
/// Row count and checksum of one table: the sum modulo 2^64 of the rows' SHA-256 (<see cref="RowImage"/>) first 8 bytes
/// as signed 64-bit integers — a multiset hash: the order rows arrive in does not matter, a row present twice does
/// (XOR would cancel it out), and PostgreSQL computes the same with <c>sum</c> over one expression per row (a second
/// word would make it evaluate the row's hash twice). Beside the exact row count, a difference goes unnoticed with a
/// chance of 2^-64 per table. Keeps each row's key and full hash, so a digest that differs from the target's can name
/// the rows that differ.
/// </summary>
public sealed class TableDigest
{
    readonly List<Row> _rows = [];
    long _sum;
    bool _sorted = true;

    readonly record struct Row(byte[] Key, byte[] Hash, object? Id, int Index);

    public long Rows => _rows.Count;

    /// <summary>16 hex digits: the sum (mod 2^64) of the row hashes' first 8 bytes.</summary>
    public string Checksum => ChecksumOf(_sum);

    /// <summary>The checksum from the sum, taken modulo 2^64 (PostgreSQL's exact <c>sum(bigint)</c> is wider).</summary>
    public static string ChecksumOf(Int128 sum) => unchecked((ulong)sum).ToString("x16", CultureInfo.InvariantCulture);

    public void Add(byte[] sortKey, byte[] hash, object? id = null)
    {
        ArgumentNullException.ThrowIfNull(hash);
        unchecked
        {
            _sum += BinaryPrimitives.ReadInt64BigEndian(hash);
        }

        _rows.Add(new Row(sortKey, hash, id, _rows.Count));
        _sorted = false;
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
