using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Course.Web.Data.Configurations;

internal sealed class NarrationClipConfiguration : IEntityTypeConfiguration<NarrationClip>
{
    public void Configure(EntityTypeBuilder<NarrationClip> builder)
    {
        builder.ToTable("NarrationClips");
        builder.HasKey(c => c.Hash);
        builder.Property(c => c.Hash).HasMaxLength(64).IsFixedLength();
        builder.Property(c => c.Extension).HasMaxLength(8);
        builder.Property(c => c.MediaType).HasMaxLength(64);
    }
}
