using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Course.Web.Data.Configurations;

internal sealed class SlideConfiguration : IEntityTypeConfiguration<Slide>
{
    public void Configure(EntityTypeBuilder<Slide> builder)
    {
        builder.ToTable("Slides");
        builder.HasIndex(s => new { s.ChapterId, s.Position }).IsUnique();
        builder.HasIndex(s => new { s.ChapterId, s.Key }).IsUnique();
        builder.Property(s => s.Key).HasMaxLength(32);
        builder.HasMany(s => s.Segments).WithOne().HasForeignKey(s => s.SlideId).OnDelete(DeleteBehavior.Cascade);
    }
}
