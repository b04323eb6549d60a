using CultureInfo = System.Globalization.CultureInfo;
using System.Net;
using CvTailor.SqliteTransfer.Import;
using CvTailor.SqliteTransfer.Schema;
using CvTailor.SqliteTransfer.Values;
using CvTailor.SqliteTransfer.Verification;
using Npgsql;
using static CvTailor.Tests.SqliteTransfer.TransferTestDatabase;

namespace CvTailor.Tests.SqliteTransfer;

/// <summary>
/// Verification hashes each row in PostgreSQL and the same row here from the values the import sends; the two agree
/// only if this side reproduces PostgreSQL's forms exactly. Every value kind of the schema is written with the
/// import's own COPY writer and hashed on both sides; jsonb's printed text is the subtle one (key order, spacing,
/// escapes, numbers keeping their scale), so it is also checked against a real server case by case.
/// </summary>
public sealed class RowImageTests
{
    const string Table = "row_image_probe";

    static readonly DateTime s_microsBefore2000 = new DateTime(1999, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_990);

    /// <summary>Values as <see cref="SourceValueReader"/> produces them (integers as long, decimals quantized), by column.</summary>
    static readonly object?[][] s_rows =
    [
        [1L, (long)short.MinValue, (long)int.MinValue, long.MinValue, true, "", "short",
            Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"), new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateOnly(1999, 12, 31),
            DjangoDecimal.Quantize(1.5m, 6), DjangoDecimal.Quantize(1.25m, 2), 0.0,
            "{\"b\": 1, \"a\": [1.50, 2e-05], \"aa\": {\"zz\": [], \"y\": {}}}", new[] { 0f, -0f, 1.5e-38f }, IPAddress.Parse("192.168.0.1")],
        [2L, (long)short.MaxValue, (long)int.MaxValue, long.MaxValue, false, "Café 🚀 ключ 中文 e\u0301", "üüüüüüüüüüüüüüüüüüüü",
            Guid.Empty, s_microsBefore2000, new DateOnly(2000, 1, 1),
            DjangoDecimal.Quantize(-1234.5678914m, 6), DjangoDecimal.Quantize(-9.99m, 2), -0.0,
            "[\"Caf\\u00e9\", \"\\ud83d\\ude80\", \"tab\\there\", \"quote \\\" and \\\\ slash\", \"\\u0001\\u001f\\u007f\", \"\\u2028\"]",
            new[] { float.MaxValue, float.Epsilon, -1f }, IPAddress.Parse("::1")],
        [3L, 0L, 0L, 0L, true, "tab\t\"quote\" \\ back\nnew line\r\n", "x",
            Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff"), new DateTime(2026, 12, 6, 20, 21, 48, DateTimeKind.Utc).AddTicks(1_234_560), new DateOnly(2024, 2, 29),
            DjangoDecimal.Quantize(-0.0000001m, 6), 0m, double.NaN,
            "[1e+16, -0.0, -0, 0, 1.0e-3, 1E2, 123.456e1, -12.5e-1, 1e-7, 12.30, 100, -7, 0.000, 1.25E+1, 1e400, -1E-40, " +
            "123456789012345678901234567890.123456789012345678901234567890]",
            new[] { 0.1f, -0.1f, 3.4028235e38f }, IPAddress.Parse("2001:db8::ff00:42:8329")],
        [4L, -1L, -1L, -1L, false, "\u007f\u0001 ☃", null,
            Guid.Parse("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"), DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc), DateOnly.MinValue,
            DjangoDecimal.Quantize(9999.999999m, 6), DjangoDecimal.Quantize(-0.005m, 2), double.PositiveInfinity,
            "{\"ключ\": \"значение\", \"k\": \"v\", \"éé\": 1, \"ee\": 2, \"k\": [true, false, null], \"\": \"empty key\"}",
            new[] { 1f, 2f, 3f }, IPAddress.Parse("::ffff:10.0.0.1")],
        [5L, 7L, 7L, 7L, true, "x", "y",
            Guid.Parse("12345678-9abc-def0-1234-56789abcdef0"), new DateTime(9999, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_990), new DateOnly(9999, 12, 31),
            DjangoDecimal.Quantize(0.0000005m, 6), DjangoDecimal.Quantize(0.015m, 2), double.NegativeInfinity,
            "\"just a string with \\n newline\"", new[] { -0f, -0f, -0f }, IPAddress.Parse("0.0.0.0")],
        [6L, 1L, 1L, 1L, false, "e", "f", Guid.NewGuid(), DateTime.UnixEpoch.AddTicks(-10), new DateOnly(1900, 2, 28),
            DjangoDecimal.Quantize(1e-6m, 6), 1m, double.Epsilon, "12.30", new[] { 1e-45f, -1e-45f, 1f }, IPAddress.Parse("255.255.255.255")],
        [7L, 2L, 2L, 2L, true, "g", "h", Guid.NewGuid(), DateTime.UnixEpoch, new DateOnly(2000, 1, 2),
            DjangoDecimal.Quantize(123.456m, 6), DjangoDecimal.Quantize(-1m, 2), 0.1, "null", new[] { 1f, 1f, 1f }, IPAddress.Parse("fe80::1")],
        [8L, 3L, 3L, 3L, false, "i", "j", Guid.NewGuid(), DateTime.UnixEpoch, new DateOnly(2000, 1, 3),
            0m, 0m, 1e308, "{}", new[] { 2f, 2f, 2f }, IPAddress.Parse("10.1.2.3")],
        [9L, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null],
    ];

    [Fact]
    public async Task Every_value_kind_hashes_alike_here_and_in_PostgreSQL()
    {
        var ct = CancellationToken.None;
        await using var dataSource = TargetDatabase.CreateDataSource(await CreateAsync());
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using (var create = new NpgsqlCommand(
            $"""
            CREATE TABLE {Table} (
                id bigint PRIMARY KEY, small smallint, regular integer, big bigint, flag boolean, body text, name varchar(20),
                uid uuid, at timestamptz, day date, amount numeric(10,6), ratio numeric(3,2), real8 double precision,
                doc jsonb, embedding vector(3), address inet)
            """, connection))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        var target = (await TargetCatalog.ReadAsync(connection, ct))[Table];
        var columns = target.Columns;
        Assert.Equal(Enum.GetValues<ValueKind>().Order(), columns.Select(c => c.Kind).Distinct().Order());
        var rows = new CopyRowWriter();
        foreach (var row in s_rows)
        {
            rows.StartRow(columns.Count);
            for (var i = 0; i < columns.Count; i++)
            {
                rows.Write(columns[i], row[i]);
            }
        }

        var chunk = rows.Take(0);
        await using (var copy = await connection.BeginRawBinaryCopyAsync(
            $"COPY {Table} ({Sql.ColumnList(columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)", ct))
        {
            await copy.WriteAsync(CopyRowWriter.Header.ToArray(), ct);
            await copy.WriteAsync(chunk.Buffer.AsMemory(0, chunk.Length), ct);
            await copy.WriteAsync(CopyRowWriter.Trailer.ToArray(), ct);
        }

        // PostgreSQL's own printing of the instants and dates written (the epoch arithmetic, checked on another path):
        // the driver would have stored 0001-01-01 00:00 and 0001-01-01/9999-12-31 as ±infinity.
        await using (var printed = new NpgsqlCommand(
            $"SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), to_char(day, 'YYYY-MM-DD') FROM {Table} WHERE at IS NOT NULL ORDER BY id", connection))
        await using (var reader = await printed.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var row = s_rows.Single(r => (long)r[0]! == reader.GetInt64(0));
                Assert.Equal(((DateTime)row[8]!).ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture), reader.GetString(1));
                Assert.Equal(((DateOnly)row[9]!).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), reader.GetString(2));
            }
        }

        var digest = new TableDigest();
        var expected = new Dictionary<long, string>();
        var image = new RowImage();
        foreach (var row in s_rows)
        {
            image.Reset();
            for (var i = 0; i < columns.Count; i++)
            {
                image.Add(columns[i], row[i]);
            }

            var hash = image.Hash();
            expected[(long)row[0]!] = Convert.ToHexStringLower(hash);
            digest.Add(SortKey.From(row[0]), hash, row[0]);
        }

        // Row by row, then column by column for a row that differs (so a failure names the value kind).
        await using (var select = new NpgsqlCommand(
            $"SELECT id, encode({RowImage.HashSql(columns, c => Sql.Quote(c.Name))}, 'hex'), " +
            string.Join(", ", columns.Select(c => $"encode({RowImage.HashSql([c], c => Sql.Quote(c.Name))}, 'hex')")) + $" FROM {Table} ORDER BY id", connection))
        await using (var reader = await select.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetInt64(0);
                if (expected[id] == reader.GetString(1))
                {
                    continue;
                }

                var row = s_rows.Single(r => (long)r[0]! == id);
                for (var i = 0; i < columns.Count; i++)
                {
                    var one = new RowImage();
                    one.Add(columns[i], row[i]);
                    Assert.True(Convert.ToHexStringLower(one.Hash()) == reader.GetString(2 + i), $"row {id}, column {columns[i].Name} ({columns[i].Kind}): {row[i]}");
                }

                Assert.Fail($"row {id} differs, yet each of its values is alike");
            }
        }

        // The table's summary (count and checksum, one query) equals the digest built here.
        var plan = new TablePlan(Table, target, columns, 0, [], s_rows.Length, null);
        var summary = await TargetTableScan.SummaryAsync(connection, plan, [], ct);
        Assert.Equal(s_rows.Length, summary.Rows);
        Assert.Equal(digest.Checksum, summary.Checksum);

        // And one changed value anywhere is a different checksum, named by its key.
        await using (var update = new NpgsqlCommand($"UPDATE {Table} SET real8 = 0.1000000000000001 WHERE id = 7", connection))
        {
            await update.ExecuteNonQueryAsync(ct);
        }

        Assert.NotEqual(digest.Checksum, (await TargetTableScan.SummaryAsync(connection, plan, [], ct)).Checksum);
        Assert.Equal(["7 differs"], TableDigest.Mismatches(digest, await TargetTableScan.RowsAsync(connection, plan, [], ct), 10));
    }

    [Fact]
    public void A_row_counted_twice_is_not_cancelled_out()
    {
        var a = new byte[32];
        var b = new byte[32];
        a[0] = 1;
        b[0] = 2;
        var twiceA = new TableDigest();
        twiceA.Add([1], a);
        twiceA.Add([2], a);
        var twiceB = new TableDigest();
        twiceB.Add([1], b);
        twiceB.Add([2], b);

        Assert.NotEqual(twiceA.Checksum, twiceB.Checksum);
    }

    [Theory]
    [InlineData("{\"b\": 1, \"a\": [1.50, 2e-05]}")]
    [InlineData("{\"bb\": 1, \"a\": 2, \"ab\": 3, \"b\": {\"zz\": [], \"y\": {}}}")]
    [InlineData("{\"k\": 1, \"k\": 2, \"j\": [true, false, null]}")]
    [InlineData("[\"Caf\\u00e9\", \"\\ud83d\\ude80\", \"tab\\there\", \"quote \\\" and \\\\ slash\", \"\\u0001\\u001f\\u007f\"]")]
    [InlineData("[\"\\b\\f\\n\\r\\t\\/\", \"\\u00e9\\u4e2d\\u2028\\u2029\", \"\\uffff\"]")]
    [InlineData("[1e+16, -0.0, -0, 0, 1.0e-3, 1E2, 123.456e1, -12.5e-1, 1e-7, 12.30, 100, -7, 0.000, 1.25E+1]")]
    [InlineData("[1e400, -1E-40, 0.1e1, 5e-1, 123456789012345678901234567890.123456789012345678901234567890, 9007199254740993]")]
    [InlineData("\"just a string with \\n newline\"")]
    [InlineData("12.30")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("  [ 1 ,\n\t2 ]  ")]
    [InlineData("[[], [[1]], {\"\": \"empty key\"}]")]
    [InlineData("{\"ключ\": \"значение\", \"k\": \"v\", \"éé\": 1, \"ee\": 2}")]
    [InlineData("{\"a\": {\"c\": {\"e\": [{\"g\": 1, \"f\": 2}]}, \"b\": 0}}")]
    public async Task Jsonb_text_is_what_PostgreSQL_prints_for_the_stored_document(string json)
    {
        var target = await CreateAsync();
        var printed = await ScalarAsync<string>(target, "SELECT (@json)::jsonb::text", ("json", json));
        Assert.Equal(printed, JsonbText.Format(json));
    }
}
