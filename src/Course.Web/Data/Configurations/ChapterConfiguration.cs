using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Course.Web.Data.Configurations;

internal sealed class ChapterConfiguration : IEntityTypeConfiguration<Chapter>
{
    public void Configure(EntityTypeBuilder<Chapter> builder)
    {
        builder.ToTable("Chapters");
        builder.HasIndex(c => new { c.CourseId, c.Slug }).IsUnique();
        builder.HasIndex(c => new { c.CourseId, c.Number });
        builder.Property(c => c.Slug).HasMaxLength(100);
        builder.Property(c => c.Title).HasMaxLength(300);
        builder.Property(c => c.Language).HasMaxLength(35);
        builder.Property(c => c.Description).HasMaxLength(2000);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Property(c => c.ContentRevision).IsConcurrencyToken();
        builder.HasMany(c => c.Slides).WithOne().HasForeignKey(s => s.ChapterId).OnDelete(DeleteBehavior.Cascade);
    }
}
