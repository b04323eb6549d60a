using CvTailor.Api.Generation.Caching;
using CvTailor.Api.Generation.Endpoints;
using CvTailor.Api.Generation.Taxonomy;
using CvTailor.Data.Generation;
using CvTailor.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace CvTailor.Tests.Api.Generation;

/// <summary>
/// The taxonomy in use starts from the shipped one, or from a registered base (evaluations hold aliases out), and the
/// database's rows extend whichever it is; the version names the base so parses cached under another are not reused.
/// </summary>
public sealed class TaxonomyProviderTests(PostgresDatabaseFixture db) : IClassFixture<PostgresDatabaseFixture>
{
    static readonly IOptions<GenerationOptions> Options = Microsoft.Extensions.Options.Options.Create(new GenerationOptions());

    static readonly SkillTaxonomy Tiny = new(new TaxonomyDocument
    {
        WordVariants = new Dictionary<string, string>(),
        Skills = [new SkillDefinition { Name = "Kafka", Aliases = ["event streaming"] }],
    });

    [Fact]
    public async Task The_base_is_the_shipped_taxonomy_unless_one_is_registered_and_rows_extend_either()
    {
        await using (var context = db.CreateDbContext())
        {
            using var shipped = new TaxonomyProvider(Options, TimeProvider.System);
            var current = await shipped.GetAsync(context, CancellationToken.None);
            Assert.Same(SkillTaxonomy.Default, current.Taxonomy);
            Assert.Equal(SkillTaxonomy.ShippedVersion, current.Version);
            Assert.Matches("^shipped-[0-9a-f]{12}$", current.Version);

            using var tiny = new TaxonomyProvider(Options, TimeProvider.System, new BaseSkillTaxonomy(Tiny, "tiny"));
            current = await tiny.GetAsync(context, CancellationToken.None);
            Assert.Same(Tiny, current.Taxonomy);
            Assert.Equal("tiny", current.Version);

            context.SkillsTaxonomy.Add(new SkillsTaxonomy { SkillName = "Flink", Category = "skill", Aliases = "[\"stream processing\"]" });
            await context.SaveChangesAsync();
        }

        await using (var context = db.CreateDbContext())
        {
            using var shipped = new TaxonomyProvider(Options, TimeProvider.System);
            var current = await shipped.GetAsync(context, CancellationToken.None);
            Assert.StartsWith(SkillTaxonomy.ShippedVersion + "-db-", current.Version, StringComparison.Ordinal);
            Assert.True(current.Taxonomy.TryFind("Flink", out _));
            Assert.True(current.Taxonomy.TryFind("Python", out _));

            using var tiny = new TaxonomyProvider(Options, TimeProvider.System, new BaseSkillTaxonomy(Tiny, "tiny"));
            current = await tiny.GetAsync(context, CancellationToken.None);
            Assert.StartsWith("tiny-db-", current.Version, StringComparison.Ordinal);
            Assert.True(current.Taxonomy.TryFind("Flink", out _));
            Assert.True(current.Taxonomy.TryFind("Kafka", out _));
            Assert.False(current.Taxonomy.TryFind("Python", out _)); // the shipped skills are not mixed back in
        }
    }
}
