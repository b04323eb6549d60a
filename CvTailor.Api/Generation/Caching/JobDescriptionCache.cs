using System.Collections.Concurrent;
using System.Text.Json;
using CvTailor.Api.Generation.Content;
using CvTailor.Api.Generation.Parsing;
using CvTailor.Data;
using CvTailor.Data.Generation;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Api.Generation.Caching;

/// <summary>
/// Job-description parses cached per user (<c>generation_userjobdescription</c>), keyed by the SHA-256 of the text
/// plus the company and role the caller gave. Unlike the original's global cache, a row is only ever read back by
/// the user who created it, so nobody sees another user's company, role or posting. The parse is deterministic, so
/// the row keeps its JSON for inspection and the process keeps the parsed object (also per user) to skip re-parsing.
/// </summary>
public sealed class JobDescriptionCache(TaxonomyProvider taxonomies, TimeProvider time)
{
    const int MemoLimit = 2_000;
    readonly ConcurrentDictionary<string, ParsedJobDescription> _memo = new(StringComparer.Ordinal);

    /// <summary>The cached (or new) parse of <paramref name="text"/> for <paramref name="userId"/>.</summary>
    public async Task<CachedJobDescription> GetOrParseAsync(
        CvTailorDbContext db, long userId, string text, string companyName, string roleTitle, CancellationToken ct)
    {
        var current = await taxonomies.GetAsync(db, ct);
        var version = $"{JobDescriptionParser.Version}+{current.Version}";
        var hash = JobDescriptionParser.ComputeContentHash(text);
        var now = time.UtcNow();

        var memoKey = string.Join('\n', userId, hash, companyName, roleTitle, version);
        // A posting this process has not parsed is parsed (and its row JSON written) on another core while the row is
        // looked up: a new posting needs both, and the lookup is a round trip the parse need not wait for. Only a row
        // stored before this process's memo (a restart) makes the early parse unnecessary; the row's parse is used then.
        var early = _memo.ContainsKey(memoKey) ? null : Task.Run(() =>
        {
            var fresh = new JobDescriptionParser(current.Taxonomy).Parse(text, companyName, roleTitle);
            return (Parsed: fresh, Json: JsonSerializer.Serialize(fresh, GenerationJson.Options));
        }, ct);
        var existing = await db.UserJobDescriptions.AsNoTracking()
            .Where(j => j.UserId == userId && j.ContentHash == hash && j.CompanyName == companyName && j.RoleTitle == roleTitle)
            .Select(j => new { j.Id, j.ParserVersion, j.ParsedData })
            .SingleOrDefaultAsync(ct);
        if (existing is not null && existing.ParserVersion == version)
        {
            var cached = _memo.TryGetValue(memoKey, out var memo)
                ? memo
                : Remember(memoKey, JsonSerializer.Deserialize<ParsedJobDescription>(existing.ParsedData, GenerationJson.Options) is { } stored
                    ? new JobDescriptionParser(current.Taxonomy).Rehydrate(stored)
                    : new JobDescriptionParser(current.Taxonomy).Parse(text, companyName, roleTitle));
            await db.UserJobDescriptions.Where(j => j.Id == existing.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.HitCount, j => j.HitCount + 1).SetProperty(j => j.LastUsedAt, now), ct);
            return new CachedJobDescription(existing.Id, cached, current, Hit: true);
        }

        ParsedJobDescription parsed;
        string json;
        if (early is not null)
        {
            (parsed, json) = await early;
        }
        else
        {
            parsed = new JobDescriptionParser(current.Taxonomy).Parse(text, companyName, roleTitle);
            json = JsonSerializer.Serialize(parsed, GenerationJson.Options);
        }
        Remember(memoKey, parsed);
        // Two requests for the same new posting may race: the unique key makes the second an update of the first.
        var ids = await db.Database.SqlQuery<long>($"""
            INSERT INTO generation_userjobdescription
                (user_id, content_hash, company_name, role_title, raw_content, parsed_data, parsing_confidence,
                 parser_version, hit_count, created_at, last_used_at)
            VALUES ({userId}, {hash}, {companyName}, {roleTitle}, {text}, {json}::jsonb, {parsed.ConfidenceScore},
                    {version}, 0, {now}, {now})
            ON CONFLICT (user_id, content_hash, company_name, role_title) DO UPDATE
                SET parsed_data = EXCLUDED.parsed_data, parsing_confidence = EXCLUDED.parsing_confidence,
                    parser_version = EXCLUDED.parser_version, last_used_at = EXCLUDED.last_used_at
            RETURNING id AS "Value"
            """).ToListAsync(ct);
        return new CachedJobDescription(ids.Single(), parsed, current, Hit: false);
    }

    /// <summary>
    /// The parse of a stored row (the background generation reads the posting back from it): the process memo, else
    /// the row's own parse when the same parser and taxonomy wrote it (never parsed again), else a fresh parse.
    /// </summary>
    public async Task<ParsedJobDescription> ParseStoredAsync(CvTailorDbContext db, UserJobDescription posting, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(posting);
        var current = await taxonomies.GetAsync(db, ct);
        var version = $"{JobDescriptionParser.Version}+{current.Version}";
        var memoKey = string.Join('\n', posting.UserId, JobDescriptionParser.ComputeContentHash(posting.RawContent), posting.CompanyName, posting.RoleTitle, version);
        if (_memo.TryGetValue(memoKey, out var memo))
        {
            return memo;
        }

        var parser = new JobDescriptionParser(current.Taxonomy);
        if (posting.ParserVersion == version && JsonSerializer.Deserialize<ParsedJobDescription>(posting.ParsedData, GenerationJson.Options) is { } stored)
        {
            return Remember(memoKey, parser.Rehydrate(stored));
        }

        return Remember(memoKey, parser.Parse(posting.RawContent, posting.CompanyName, posting.RoleTitle));
    }

    ParsedJobDescription Remember(string key, ParsedJobDescription parsed)
    {
        if (_memo.Count >= MemoLimit)
        {
            _memo.Clear();
        }
        _memo[key] = parsed;
        return parsed;
    }
}

/// <summary>A parse with its cache row and whether the row was already there.</summary>
public sealed record CachedJobDescription(long RowId, ParsedJobDescription Parsed, CurrentTaxonomy Taxonomy, bool Hit);
