using CvTailor.Data.Accounts;
using CvTailor.Data.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CvTailor.Data.Framework;

public sealed class AdminLogEntryConfiguration : IEntityTypeConfiguration<AdminLogEntry>
{
    public const string Table = "django_admin_log";

    public void Configure(EntityTypeBuilder<AdminLogEntry> builder)
    {
        builder.ToTable(Table, t => t.HasCheckConstraint("django_admin_log_action_flag_check", "action_flag >= 0"));
        builder.HasKey(x => x.Id).HasName(DjangoNames.PrimaryKey(Table));
        builder.Property(x => x.ObjectRepr).HasMaxLength(200);
        builder.HasOne<DjangoContentType>().WithMany().HasForeignKey(x => x.ContentTypeId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "content_type_id", DjangoContentTypeConfiguration.Table))
            .OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<User>().WithMany().HasForeignKey(x => x.UserId)
            .HasConstraintName(DjangoNames.ForeignKey(Table, "user_id", UserConfiguration.Table))
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.ContentTypeId, DjangoNames.Index(Table, "content_type_id"));
        builder.HasIndex(x => x.UserId, DjangoNames.Index(Table, "user_id"));
    }
}
