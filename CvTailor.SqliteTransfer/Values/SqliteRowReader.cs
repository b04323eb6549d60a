using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CvTailor.SqliteTransfer.Values;

/// <summary>
/// The rows of one SELECT read straight from SQLite's prepared statement, for the bulk scans of the import: a value's
/// storage class in one native call and its bytes in two, text as UTF-8 spans (no string unless the value needs one),
/// through direct calls into the same native library Microsoft.Data.Sqlite uses. Its data reader takes three to five
/// calls per value (NULL test, field type, then the value, each re-checking the type) through a SafeHandle and the
/// provider's interface; on the bench that was most of a reader thread's time. Errors surface as
/// <see cref="SqliteException"/> with SQLite's codes, as from the data reader. One thread per instance.
/// </summary>
public sealed unsafe partial class SqliteRowReader : IDisposable
{
    /// <summary>SQLite's storage classes (sqlite3_column_type).</summary>
    public const int IntegerClass = 1, RealClass = 2, TextClass = 3, BlobClass = 4, Null = 5;

    const int SqliteRow = 100, SqliteDone = 101;

    readonly SqliteConnection _connection;
    readonly sqlite3_stmt _statement;
    readonly IntPtr _handle;

    public SqliteRowReader(SqliteConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        var rc = raw.sqlite3_prepare_v2(connection.Handle, sql, out _statement);
        if (rc != raw.SQLITE_OK)
        {
            _statement?.Dispose();
            throw Error(rc);
        }

        _handle = _statement.DangerousGetHandle();
        FieldCount = NativeMethods.ColumnCount(_handle);
    }

    public int FieldCount { get; }

    /// <summary>Steps to the next row; false after the last.</summary>
    public bool Read()
    {
        var rc = raw.sqlite3_step(_statement);
        return rc switch
        {
            SqliteRow => true,
            SqliteDone => false,
            _ => throw Error(rc),
        };
    }

    /// <summary>The value's storage class: <see cref="IntegerClass"/>, <see cref="RealClass"/>, <see cref="TextClass"/>, <see cref="BlobClass"/> or <see cref="Null"/>.</summary>
    public int StorageClass(int ordinal) => NativeMethods.ColumnType(_handle, ordinal);

    public long GetInt64(int ordinal) => NativeMethods.ColumnInt64(_handle, ordinal);

    public double GetDouble(int ordinal) => NativeMethods.ColumnDouble(_handle, ordinal);

    /// <summary>A TEXT value's UTF-8 bytes, valid until the next call on this reader.</summary>
    public ReadOnlySpan<byte> GetUtf8(int ordinal)
    {
        var text = NativeMethods.ColumnText(_handle, ordinal);
        return text is null ? [] : new ReadOnlySpan<byte>(text, NativeMethods.ColumnBytes(_handle, ordinal));
    }

    public string GetString(int ordinal) => Encoding.UTF8.GetString(GetUtf8(ordinal));

    /// <summary>The value as the data reader's GetValue gives it (for messages).</summary>
    public object? GetValue(int ordinal) => StorageClass(ordinal) switch
    {
        IntegerClass => GetInt64(ordinal),
        RealClass => GetDouble(ordinal),
        TextClass => GetString(ordinal),
        Null => null,
        _ => "(BLOB)",
    };

    /// <summary>The CLR type the data reader reports for this storage class.</summary>
    public static Type ClrType(int storageClass) => storageClass switch
    {
        IntegerClass => typeof(long),
        RealClass => typeof(double),
        TextClass => typeof(string),
        BlobClass => typeof(byte[]),
        _ => typeof(DBNull),
    };

    SqliteException Error(int rc) =>
        new(raw.sqlite3_errmsg(_connection.Handle).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_connection.Handle));

    public void Dispose() => _statement.Dispose();

    /// <summary>
    /// The column accessors of SQLite's C API, called without the GC transition: each returns at once (the row is in
    /// memory after sqlite3_step; the connection's mutex is never contended, one thread per connection).
    /// </summary>
    static partial class NativeMethods
    {
        const string Library = "e_sqlite3";

        [LibraryImport(Library, EntryPoint = "sqlite3_column_count")]
        [SuppressGCTransition]
        internal static partial int ColumnCount(IntPtr statement);

        [LibraryImport(Library, EntryPoint = "sqlite3_column_type")]
        [SuppressGCTransition]
        internal static partial int ColumnType(IntPtr statement, int ordinal);

        [LibraryImport(Library, EntryPoint = "sqlite3_column_int64")]
        [SuppressGCTransition]
        internal static partial long ColumnInt64(IntPtr statement, int ordinal);

        [LibraryImport(Library, EntryPoint = "sqlite3_column_double")]
        [SuppressGCTransition]
        internal static partial double ColumnDouble(IntPtr statement, int ordinal);

        [LibraryImport(Library, EntryPoint = "sqlite3_column_text")]
        [SuppressGCTransition]
        internal static partial byte* ColumnText(IntPtr statement, int ordinal);

        [LibraryImport(Library, EntryPoint = "sqlite3_column_bytes")]
        [SuppressGCTransition]
        internal static partial int ColumnBytes(IntPtr statement, int ordinal);
    }
}
