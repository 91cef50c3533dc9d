using Course.Core.Scripts;
using Course.Web.Chapters;
using Course.Web.Data;
using Course.Web.Quizzes;
using Microsoft.EntityFrameworkCore;

namespace Course.Web.Seed;

/// <summary>
/// Seeds the first course and its chapter from the script shipped in Seed/. Safe to rerun: a course
/// or chapter that already exists is left exactly as it is, even if an instructor has changed it.
/// </summary>
public sealed class CourseSeeder(
    IDbContextFactory<CourseDbContext> contextFactory,
    ChapterImporter importer,
    QuizImporter quizImporter,
    TimeProvider clock,
    ILogger<CourseSeeder> logger)
{
    public const string CourseSlug = "ai-engineering";
    public const string CourseTitle = "Ingeniería de IA";
    public const string ChapterSlug = "foundation-models";
    public const string ChapterTitle = "Desarrollo de software con Foundation Models";

    public static string SeedScriptPath =>
        Path.Combine(AppContext.BaseDirectory, "Seed", "chapter-01-foundation-models.es.txt");

    public static string SeedQuizzesPath =>
        Path.Combine(AppContext.BaseDirectory, "Seed", "chapter-01-foundation-models.quizzes.es.json");

    private const string QuizzesMarker = CourseSlug + "/" + ChapterSlug + "/quizzes";

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        await SeedChapterAsync(cancellationToken);
        await SeedQuizzesAsync(cancellationToken);
    }

    /// <summary>The question bank goes in once; if an instructor later removes quizzes, they stay removed.</summary>
    private async Task SeedQuizzesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await db.SeedMarkers.AnyAsync(m => m.Name == QuizzesMarker, cancellationToken))
        {
            return;
        }

        var chapterId = await db.Chapters.Where(c => c.Course.Slug == CourseSlug && c.Slug == ChapterSlug)
            .Select(c => (int?)c.Id).SingleOrDefaultAsync(cancellationToken);
        if (chapterId is null)
        {
            return;
        }

        if (!await db.Quizzes.AnyAsync(q => q.ChapterId == chapterId, cancellationToken))
        {
            var bank = QuizBankFile.Read(await File.ReadAllTextAsync(SeedQuizzesPath, cancellationToken));
            var problems = await quizImporter.ImportAsync(chapterId.Value, bank, cancellationToken);
            if (problems.Count > 0)
            {
                throw new InvalidOperationException("The seed quizzes could not be imported: " + string.Join("; ", problems));
            }

            logger.LogInformation("Seeded {Count} quizzes for {Chapter}", bank.Quizzes.Count, ChapterSlug);
        }

        db.SeedMarkers.Add(new SeedMarker { Name = QuizzesMarker, AppliedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task SeedChapterAsync(CancellationToken cancellationToken)
    {
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Courses.AnyAsync(c => c.Slug == CourseSlug, cancellationToken))
            {
                db.Courses.Add(new CourseEntity
                {
                    Slug = CourseSlug,
                    Title = CourseTitle,
                    Language = "es",
                    Description = "Cómo construir aplicaciones con modelos fundacionales: tokens, tipos de modelos y cómo llevarlos a producción.",
                    CreatedAt = clock.GetUtcNow(),
                });
                await db.SaveChangesAsync(cancellationToken);
            }

            if (await db.Chapters.AnyAsync(c => c.Course.Slug == CourseSlug && c.Slug == ChapterSlug, cancellationToken))
            {
                return;
            }
        }

        var script = ScriptParser.Parse(await File.ReadAllBytesAsync(SeedScriptPath, cancellationToken)).GetScriptOrThrow();
        var result = await importer.ImportAsync(
            new ChapterImportRequest(CourseSlug, script, ChapterTitle, "es", ChapterSlug, Publish: true),
            cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The seed chapter could not be imported: " + string.Join("; ", result.Errors));
        }

        logger.LogInformation("Seeded course {Course} with chapter {Chapter} ({Slides} slides)", CourseSlug, ChapterSlug, script.Slides.Count);
    }
}
