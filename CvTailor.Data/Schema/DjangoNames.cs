using System.Security.Cryptography;
using System.Text;

namespace CvTailor.Data.Schema;

/// <summary>
/// The constraint and index names Django's PostgreSQL schema editor generates, so our schema reads like the original's
/// (<c>artifacts_artifact_user_id_e81fa9dc</c>, <c>…_fk_accounts_user_id</c>, <c>…_like</c>, <c>…_uniq</c>).
/// Same algorithm as Django's <c>BaseDatabaseSchemaEditor._create_index_name</c> with PostgreSQL's 63-byte limit.
/// </summary>
public static class DjangoNames
{
    const int MaxNameLength = 63;

    /// <summary>Primary key constraint, as PostgreSQL names the inline <c>PRIMARY KEY</c> Django emits.</summary>
    public static string PrimaryKey(string table) => $"{table}_pkey";

    /// <summary>Unique constraint of a <c>unique=True</c> column, as PostgreSQL names Django's inline <c>UNIQUE</c>.</summary>
    public static string UniqueColumn(string table, string column) => $"{table}_{column}_key";

    /// <summary>The plain index Django adds on every foreign key and <c>db_index</c> column.</summary>
    public static string Index(string table, params string[] columns) => Create(table, columns, "");

    /// <summary>The <c>varchar_pattern_ops</c> index Django adds beside indexed/unique varchar columns.</summary>
    public static string Like(string table, string column) => Create(table, [column], "_like");

    /// <summary>A <c>unique_together</c> constraint.</summary>
    public static string UniqueTogether(string table, params string[] columns) => Create(table, columns, "_uniq");

    /// <summary>A foreign key constraint.</summary>
    public static string ForeignKey(string table, string column, string toTable, string toColumn = "id") =>
        Create(table, [column], $"_fk_{toTable}_{toColumn}");

    static string Create(string table, string[] columns, string suffix)
    {
        var hashSuffix = Digest(table, columns) + suffix;
        var joined = string.Join('_', columns);
        var name = $"{table}_{joined}_{hashSuffix}";
        if (name.Length <= MaxNameLength)
        {
            return name;
        }

        if (hashSuffix.Length > MaxNameLength / 3)
        {
            hashSuffix = hashSuffix[..(MaxNameLength / 3)];
        }

        var otherLength = ((MaxNameLength - hashSuffix.Length) / 2) - 1;
        name = $"{Truncate(table, otherLength)}_{Truncate(joined, otherLength)}_{hashSuffix}";
        return name[0] == '_' || char.IsAsciiDigit(name[0]) ? "D" + name[..^1] : name;
    }

    static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    static string Digest(string table, string[] columns)
    {
        var text = new StringBuilder(table);
        foreach (var column in columns)
        {
            text.Append(column);
        }

        // MD5 here is Django's name digest, not a security measure.
#pragma warning disable CA5351
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(text.ToString()));
#pragma warning restore CA5351
        return Convert.ToHexStringLower(hash, 0, 4);
    }
}
