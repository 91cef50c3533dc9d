using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Course.Web.Data.Configurations;

internal sealed class ClipPlacementConfiguration : IEntityTypeConfiguration<ClipPlacementRow>
{
    public void Configure(EntityTypeBuilder<ClipPlacementRow> builder)
    {
        builder.ToTable("ClipPlacements");
        builder.HasIndex(p => new { p.ChapterId, p.ChapterVersionId });
        builder.HasIndex(p => p.ClipHash); // serving asks "is this clip in a published version?"
        builder.Property(p => p.SlideKey).HasMaxLength(64);
        builder.Property(p => p.ClipHash).HasMaxLength(64).IsFixedLength();
        builder.HasOne<Chapter>().WithMany().HasForeignKey(p => p.ChapterId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ChapterVersion>().WithMany().HasForeignKey(p => p.ChapterVersionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<NarrationClip>().WithMany().HasForeignKey(p => p.ClipHash).OnDelete(DeleteBehavior.Restrict);
    }
}
