using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Course.Web.Data;

/// <summary>
/// The app's database on SQLite (the default). <see cref="PostgresCourseDbContext"/> is the same model on
/// PostgreSQL: a type of its own so that each provider has its own migrations.
/// </summary>
public class CourseDbContext : IdentityDbContext<AppUser>, IDataProtectionKeyContext
{
    public CourseDbContext(DbContextOptions<CourseDbContext> options)
        : base(options)
    {
    }

    protected CourseDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<CourseEntity> Courses => Set<CourseEntity>();
    public DbSet<Chapter> Chapters => Set<Chapter>();
    public DbSet<Slide> Slides => Set<Slide>();
    public DbSet<Segment> Segments => Set<Segment>();
    public DbSet<Quiz> Quizzes => Set<Quiz>();
    public DbSet<QuizQuestion> QuizQuestions => Set<QuizQuestion>();
    public DbSet<SlideTool> SlideTools => Set<SlideTool>();
    public DbSet<SeedMarker> SeedMarkers => Set<SeedMarker>();
    public DbSet<ChapterProgress> ChapterProgress => Set<ChapterProgress>();
    public DbSet<SlideProgress> SlideProgress => Set<SlideProgress>();
    public DbSet<QuizAttemptRecord> QuizAttemptRecords => Set<QuizAttemptRecord>();
    public DbSet<QuizAnswerRecord> QuizAnswerRecords => Set<QuizAnswerRecord>();
    public DbSet<QuizDraftRecord> QuizDrafts => Set<QuizDraftRecord>();
    public DbSet<ChapterDraft> ChapterDrafts => Set<ChapterDraft>();
    public DbSet<ChapterVersion> ChapterVersions => Set<ChapterVersion>();
    public DbSet<NarrationClip> NarrationClips => Set<NarrationClip>();
    public DbSet<ClipPlacementRow> ClipPlacements => Set<ClipPlacementRow>();

    /// <summary>Data Protection keys, shared by every app instance so cookies and antiforgery tokens work on all.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder); // Identity's tables
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CourseDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Stored as UTC ticks: sortable and comparable on SQLite, which has no date type.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetTicksConverter>();
    }
}

internal sealed class DateTimeOffsetTicksConverter()
    : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long>(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
