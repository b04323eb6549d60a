using CvTailor.Data.Accounts;
using CvTailor.Data.Artifacts;
using CvTailor.Data.Export;
using CvTailor.Data.Framework;
using CvTailor.Data.Generation;
using CvTailor.Data.Llm;
using CvTailor.Data.Queue;
using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Data;

/// <summary>The one EF Core model shared by the Api, the Embeddings worker and the migrator.</summary>
/// <remarks>
/// Tables and columns keep the original Django app's PostgreSQL names (see docs/data-model.md): tables, keys,
/// foreign keys and indexes are named explicitly in each configuration, and columns are the snake_case of the
/// property names, applied in the model itself. So the model does not depend on the options: a context built
/// without <see cref="CvTailorDbContextOptions"/> maps the same names (only the migrations history table's
/// column names follow the options, and every migration path uses them).
/// </remarks>
public sealed class CvTailorDbContext(DbContextOptions<CvTailorDbContext> options) : DbContext(options)
{
    // Accounts (and the auth tables of Django, simplejwt and allauth the importer carries)
    public DbSet<User> Users => Set<User>();
    public DbSet<UserGroup> UserGroups => Set<UserGroup>();
    public DbSet<UserPermission> UserPermissions => Set<UserPermission>();
    public DbSet<OutstandingToken> OutstandingTokens => Set<OutstandingToken>();
    public DbSet<BlacklistedToken> BlacklistedTokens => Set<BlacklistedToken>();
    public DbSet<EmailAddress> EmailAddresses => Set<EmailAddress>();
    public DbSet<EmailConfirmation> EmailConfirmations => Set<EmailConfirmation>();
    public DbSet<SocialApp> SocialApps => Set<SocialApp>();
    public DbSet<SocialAccount> SocialAccounts => Set<SocialAccount>();
    public DbSet<SocialToken> SocialTokens => Set<SocialToken>();

    // Django framework tables
    public DbSet<DjangoContentType> ContentTypes => Set<DjangoContentType>();
    public DbSet<AuthPermission> AuthPermissions => Set<AuthPermission>();
    public DbSet<AuthGroup> AuthGroups => Set<AuthGroup>();
    public DbSet<AuthGroupPermission> AuthGroupPermissions => Set<AuthGroupPermission>();
    public DbSet<AdminLogEntry> AdminLogEntries => Set<AdminLogEntry>();
    public DbSet<DjangoSession> Sessions => Set<DjangoSession>();

    // Artifacts
    public DbSet<Artifact> Artifacts => Set<Artifact>();
    public DbSet<EvidenceLink> EvidenceLinks => Set<EvidenceLink>();
    public DbSet<ArtifactProcessingJob> ArtifactProcessingJobs => Set<ArtifactProcessingJob>();
    public DbSet<UploadedFile> UploadedFiles => Set<UploadedFile>();

    // Generation
    public DbSet<JobDescription> JobDescriptions => Set<JobDescription>();
    public DbSet<GeneratedDocument> GeneratedDocuments => Set<GeneratedDocument>();
    public DbSet<GenerationFeedback> GenerationFeedback => Set<GenerationFeedback>();
    public DbSet<CvTemplate> CvTemplates => Set<CvTemplate>();
    public DbSet<SkillsTaxonomy> SkillsTaxonomy => Set<SkillsTaxonomy>();
    public DbSet<UserJobDescription> UserJobDescriptions => Set<UserJobDescription>();

    // Export
    public DbSet<ExportTemplate> ExportTemplates => Set<ExportTemplate>();
    public DbSet<ExportJob> ExportJobs => Set<ExportJob>();
    public DbSet<ExportAnalytics> ExportAnalytics => Set<ExportAnalytics>();

    // LLM services
    public DbSet<ModelPerformanceMetric> ModelPerformanceMetrics => Set<ModelPerformanceMetric>();
    public DbSet<EnhancedArtifact> EnhancedArtifacts => Set<EnhancedArtifact>();
    public DbSet<ArtifactChunk> ArtifactChunks => Set<ArtifactChunk>();
    public DbSet<JobDescriptionEmbedding> JobEmbeddings => Set<JobDescriptionEmbedding>();
    public DbSet<ModelCostTracking> ModelCostTracking => Set<ModelCostTracking>();
    public DbSet<CircuitBreakerState> CircuitBreakerStates => Set<CircuitBreakerState>();

    // New tables
    public DbSet<EmbeddingJob> EmbeddingJobs => Set<EmbeddingJob>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampUpdatedAt();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampUpdatedAt();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>Django's <c>auto_now</c>: every save of a changed row moves <c>updated_at</c>.</summary>
    void StampUpdatedAt()
    {
        var now = DateTime.UtcNow;
        foreach (var entry in ChangeTracker.Entries<IAutoUpdatedAt>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.UpdatedAt = now;
            }
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("vector");
        // Django's AutoField/BigAutoField on PostgreSQL; BY DEFAULT lets the importer insert the original ids.
        modelBuilder.UseIdentityByDefaultColumns();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CvTailorDbContext).Assembly);

        SnakeCaseColumns.Apply(modelBuilder);

        // Every index is named in its configuration (Django's names). Pin them as database names so that the
        // snake_case naming convention (CvTailorDbContextOptions) cannot rename them to ix_…: with or without that
        // convention the model, and so the migration snapshot, is the same.
        foreach (var index in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetDeclaredIndexes()))
        {
            if (index.Name is not null)
            {
                index.SetDatabaseName(index.Name);
            }
        }
    }
}
