using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Course.Web.Data.Configurations;

internal sealed class SegmentConfiguration : IEntityTypeConfiguration<Segment>
{
    public void Configure(EntityTypeBuilder<Segment> builder)
    {
        builder.ToTable("Segments");
        builder.HasIndex(s => new { s.SlideId, s.Position }).IsUnique();
        builder.Property(s => s.Text).HasMaxLength(4000);
        builder.Property(s => s.BreakMarkup).HasMaxLength(200);
    }
}
