using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Course.Web.Data.Configurations;

internal sealed class QuizConfiguration : IEntityTypeConfiguration<Quiz>
{
    public void Configure(EntityTypeBuilder<Quiz> builder)
    {
        builder.ToTable("Quizzes");
        builder.HasIndex(q => new { q.ChapterId, q.Slug }).IsUnique();
        builder.Property(q => q.Slug).HasMaxLength(100);
        builder.Property(q => q.Title).HasMaxLength(300);
        builder.Property(q => q.AfterSlideKey).HasMaxLength(32);
        builder.Property(q => q.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(q => q.Feedback).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Chapter>().WithMany().HasForeignKey(q => q.ChapterId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(q => q.Questions).WithOne().HasForeignKey(q => q.QuizId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QuizQuestionConfiguration : IEntityTypeConfiguration<QuizQuestion>
{
    public void Configure(EntityTypeBuilder<QuizQuestion> builder)
    {
        builder.ToTable("QuizQuestions");
        builder.HasIndex(q => new { q.QuizId, q.Key }).IsUnique();
        builder.Property(q => q.Key).HasMaxLength(64);
        builder.Property(q => q.Prompt).HasMaxLength(2000);
        builder.Property(q => q.Explanation).HasMaxLength(4000);
        builder.Property(q => q.TeachingSlideKey).HasMaxLength(32);
        builder.Property(q => q.BodyJson).HasMaxLength(20_000);
    }
}

internal sealed class SlideToolConfiguration : IEntityTypeConfiguration<SlideTool>
{
    public void Configure(EntityTypeBuilder<SlideTool> builder)
    {
        builder.ToTable("SlideTools");
        builder.HasIndex(t => new { t.ChapterId, t.SlideKey });
        builder.Property(t => t.SlideKey).HasMaxLength(32);
        builder.Property(t => t.Kind).HasMaxLength(32);
        builder.Property(t => t.Sample).HasMaxLength(4000);
        builder.HasOne<Chapter>().WithMany().HasForeignKey(t => t.ChapterId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SeedMarkerConfiguration : IEntityTypeConfiguration<SeedMarker>
{
    public void Configure(EntityTypeBuilder<SeedMarker> builder)
    {
        builder.ToTable("SeedMarkers");
        builder.HasKey(m => m.Name);
        builder.Property(m => m.Name).HasMaxLength(200);
    }
}
