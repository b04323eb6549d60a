using System.Text.RegularExpressions;
using CvTailor.Api.Auth;
using CvTailor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Tests.Api.Auth;

/// <summary>The case-insensitive user look-ups can use the <c>lower(...)</c> expression indexes instead of a scan.</summary>
public sealed partial class LoginIndexTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task Login_lookup_uses_the_lower_email_and_username_indexes()
    {
        await using var db = api.Server.CreateDbContext();
        var plan = await ExplainAsync(db, db.Users.WhereLogin("Someone@Example.com").Select(u => u.Id).ToQueryString());
        Assert.Contains("accounts_user_email_lower_idx", plan, StringComparison.Ordinal);
        Assert.Contains("accounts_user_username_lower_idx", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Email_lookup_uses_the_lower_email_index()
    {
        await using var db = api.Server.CreateDbContext();
        var plan = await ExplainAsync(db, db.Users.WhereEmailIgnoringCase("Someone@Example.com").Select(u => u.Id).ToQueryString());
        Assert.Contains("accounts_user_email_lower_idx", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
    }

    /// <summary>
    /// EXPLAIN of the SQL EF generates, its parameters inlined from ToQueryString's header. Sequential scans are made
    /// prohibitively expensive so the plan shows which index the planner *can* use (the test table is tiny).
    /// </summary>
    static async Task<string> ExplainAsync(DbContext db, string queryString)
    {
        var parameters = ParameterLine().Matches(queryString).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.NotEmpty(parameters);
        var sql = string.Join('\n', queryString.Split('\n').Where(l => !l.StartsWith("--", StringComparison.Ordinal)));
        foreach (var (name, value) in parameters.OrderByDescending(p => p.Key.Length))
        {
            sql = sql.Replace(name, "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'", StringComparison.Ordinal);
        }
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var off = connection.CreateCommand())
        {
            off.Transaction = transaction;
            off.CommandText = "SET LOCAL enable_seqscan = off";
            await off.ExecuteNonQueryAsync();
        }
        await using var explain = connection.CreateCommand();
        explain.Transaction = transaction;
        explain.CommandText = "EXPLAIN " + sql;
        var lines = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }
        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"^-- (@\w+)='(.*)'(?: \(.*\))?$", RegexOptions.Multiline)]
    private static partial Regex ParameterLine();
}
