using CvTailor.Data.Accounts;
using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Artifacts;

public sealed class UploadedFileConfiguration : IEntityTypeConfiguration<UploadedFile>
{
    public const string Table = "artifacts_uploadedfile";

    public void Configure(EntityTypeBuilder<UploadedFile> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.File).HasMaxLength(100);
        builder.Property(x => x.OriginalFilename).HasMaxLength(255);
        builder.Property(x => x.MimeType).HasMaxLength(100);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.UserId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "user_id", UserConfiguration.Table))
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.CreatedAt, "artifacts_u_created_7d2779_idx");
        builder.HasIndex(x => x.UserId, DjangoNames.Index(Table, "user_id"));
    }
}
