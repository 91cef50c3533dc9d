using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Course.Web.Data.Configurations;

internal sealed class ChapterDraftConfiguration : IEntityTypeConfiguration<ChapterDraft>
{
    public void Configure(EntityTypeBuilder<ChapterDraft> builder)
    {
        builder.ToTable("ChapterDrafts");
        builder.HasIndex(d => d.ChapterId).IsUnique(); // one shared draft per chapter
        builder.Property(d => d.SavedBy).HasMaxLength(256);
        builder.HasOne<Chapter>().WithMany().HasForeignKey(d => d.ChapterId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ChapterVersionConfiguration : IEntityTypeConfiguration<ChapterVersion>
{
    public void Configure(EntityTypeBuilder<ChapterVersion> builder)
    {
        builder.ToTable("ChapterVersions");
        builder.HasIndex(v => new { v.ChapterId, v.Number }).IsUnique();
        builder.Property(v => v.PublishedBy).HasMaxLength(256);
        builder.HasOne<Chapter>().WithMany().HasForeignKey(v => v.ChapterId).OnDelete(DeleteBehavior.Cascade);
    }
}
