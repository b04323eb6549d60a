using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CvTailor.Api.Generation.Endpoints;
using CvTailor.Api.Generation.Taxonomy;
using CvTailor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CvTailor.Api.Generation.Caching;

/// <summary>
/// The skills taxonomy in use: the shipped one (or a registered <see cref="BaseSkillTaxonomy"/>) extended by the active
/// rows of <c>generation_skillstaxonomy</c> (operators add skills there without a release). Re-read every <see cref="GenerationOptions.TaxonomyRefresh"/>;
/// <see cref="CurrentTaxonomy.Version"/> changes with the rows, so cached parses made with an older taxonomy are not reused.
/// </summary>
public sealed class TaxonomyProvider(IOptions<GenerationOptions> options, TimeProvider time, BaseSkillTaxonomy? baseTaxonomy = null) : IDisposable
{
    readonly BaseSkillTaxonomy _base = baseTaxonomy ?? new(SkillTaxonomy.Default, SkillTaxonomy.ShippedVersion);
    readonly SemaphoreSlim _gate = new(1, 1);
    CurrentTaxonomy? _current;
    DateTimeOffset _loadedAt;

    public async Task<CurrentTaxonomy> GetAsync(CvTailorDbContext db, CancellationToken ct)
    {
        var current = _current;
        if (current is not null && time.GetUtcNow() - _loadedAt < options.Value.TaxonomyRefresh)
        {
            return current;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (_current is not null && time.GetUtcNow() - _loadedAt < options.Value.TaxonomyRefresh)
            {
                return _current;
            }
            var rows = await db.SkillsTaxonomy.AsNoTracking()
                .Where(s => s.IsActive)
                .OrderBy(s => s.Id)
                .Select(s => new { s.SkillName, s.Category, s.Aliases, s.RelatedSkills })
                .ToListAsync(ct);
            var version = _base.Name;
            var taxonomy = _base.Taxonomy;
            if (rows.Count > 0)
            {
                var extra = rows.Select(r => new SkillDefinition
                {
                    Name = r.SkillName,
                    Category = string.IsNullOrWhiteSpace(r.Category) ? "skill" : r.Category,
                    Aliases = Strings(r.Aliases),
                    Related = Strings(r.RelatedSkills),
                }).ToList();
                taxonomy = _base.Taxonomy.Extend(extra);
                var text = string.Join('\n', rows.Select(r => $"{r.SkillName}\t{r.Category}\t{r.Aliases}\t{r.RelatedSkills}"));
                version = _base.Name + "-db-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
            }
            _current = new CurrentTaxonomy(taxonomy, version);
            _loadedAt = time.GetUtcNow();
            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>The strings of a JSON array column; anything else (imported oddities) counts as empty.</summary>
    static List<string> Strings(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Array
                ? [.. document.RootElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)
                    .Where(s => !string.IsNullOrWhiteSpace(s))]
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}

/// <summary>A taxonomy and the version string that identifies its contents.</summary>
public sealed record CurrentTaxonomy(SkillTaxonomy Taxonomy, string Version);
