using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Course.Web.Data.Configurations;

internal sealed class ChapterProgressConfiguration : IEntityTypeConfiguration<ChapterProgress>
{
    public void Configure(EntityTypeBuilder<ChapterProgress> builder)
    {
        builder.ToTable("ChapterProgress");
        builder.HasIndex(p => new { p.UserId, p.ChapterId }).IsUnique();
        builder.HasIndex(p => p.ChapterId);
        builder.Property(p => p.CurrentSlideKey).HasMaxLength(32);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Chapter>().WithMany().HasForeignKey(p => p.ChapterId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SlideProgressConfiguration : IEntityTypeConfiguration<SlideProgress>
{
    public void Configure(EntityTypeBuilder<SlideProgress> builder)
    {
        builder.ToTable("SlideProgress");
        builder.HasIndex(p => new { p.UserId, p.ChapterId, p.SlideKey }).IsUnique();
        // Analytics read time spent per slide in order (medians) straight from this index.
        builder.HasIndex(p => new { p.ChapterId, p.SlideKey, p.TimeSpentMilliseconds });
        builder.Property(p => p.SlideKey).HasMaxLength(32);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Chapter>().WithMany().HasForeignKey(p => p.ChapterId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QuizAttemptRecordConfiguration : IEntityTypeConfiguration<QuizAttemptRecord>
{
    public void Configure(EntityTypeBuilder<QuizAttemptRecord> builder)
    {
        builder.ToTable("QuizAttempts");
        builder.HasIndex(a => new { a.UserId, a.ChapterId, a.QuizSlug });
        builder.HasIndex(a => new { a.ChapterId, a.QuizSlug });
        builder.Property(a => a.QuizSlug).HasMaxLength(100);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Chapter>().WithMany().HasForeignKey(a => a.ChapterId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Answers).WithOne().HasForeignKey(a => a.AttemptId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QuizAnswerRecordConfiguration : IEntityTypeConfiguration<QuizAnswerRecord>
{
    public void Configure(EntityTypeBuilder<QuizAnswerRecord> builder)
    {
        builder.ToTable("QuizAnswers");
        builder.HasIndex(a => new { a.AttemptId, a.QuestionKey }).IsUnique();
        builder.Property(a => a.QuestionKey).HasMaxLength(64);
        builder.Property(a => a.Answer).HasMaxLength(1000);
    }
}

internal sealed class QuizDraftRecordConfiguration : IEntityTypeConfiguration<QuizDraftRecord>
{
    public void Configure(EntityTypeBuilder<QuizDraftRecord> builder)
    {
        builder.ToTable("QuizDrafts");
        builder.HasIndex(d => new { d.UserId, d.ChapterId, d.QuizSlug }).IsUnique();
        builder.Property(d => d.QuizSlug).HasMaxLength(100);
        builder.Property(d => d.State).HasMaxLength(Quizzes.QuizDrafts.MaxStateCharacters);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Chapter>().WithMany().HasForeignKey(d => d.ChapterId).OnDelete(DeleteBehavior.Cascade);
    }
}
