using System.Diagnostics;
using Course.Web.Catalog;
using Course.Web.Data;
using Course.Web.Studio;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Benchmarks;

/// <summary>
/// Generates a chapter's worth of data for many learners (slides reached with drop-off, time on each slide,
/// final-quiz attempts with every answer) and times the instructor analytics over it.
/// </summary>
public static class AnalyticsLoad
{
    /// <param name="everyoneFinishes">The worst case: every learner reaches the last slide.</param>
    public static async Task<int> RunAsync(int learners, bool everyoneFinishes = false)
    {
        using var app = new AppUnderLoad();
        _ = app.Server;
        var users = await app.CreateLearnersAsync(learners);
        using var scope = app.Services.CreateScope();
        var chapter = (await scope.ServiceProvider.GetRequiredService<CatalogReader>().GetChapterAsync("ai-engineering", "foundation-models"))!;
        var final = chapter.FinalQuiz!;
        var random = new Random(42);
        var generate = Stopwatch.StartNew();
        var factory = app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>();
        foreach (var batch in users.Chunk(500))
        {
            await using var db = await factory.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var user in batch)
            {
                // Drop-off: most learners stop somewhere along the chapter, fewer the further it goes.
                var reached = everyoneFinishes
                    ? chapter.Slides.Count
                    : Math.Max(1, chapter.Slides.Count - (int)(random.NextDouble() * random.NextDouble() * chapter.Slides.Count));
                var now = DateTimeOffset.UtcNow;
                db.ChapterProgress.Add(new ChapterProgress { UserId = user, ChapterId = chapter.Chapter.ChapterId, CurrentSlideKey = chapter.Slides[reached - 1].Key, CurrentSegment = 1, StartedAt = now, LastActivityAt = now, SeenSlides = reached });
                for (var s = 0; s < reached; s++)
                {
                    db.SlideProgress.Add(new SlideProgress
                    {
                        UserId = user, ChapterId = chapter.Chapter.ChapterId, SlideKey = chapter.Slides[s].Key,
                        FirstReachedAt = now, LastReachedAt = now, MaxRevealed = chapter.Slides[s].Segments.Count,
                        TimeSpentMilliseconds = random.Next(2_000, 40_000),
                        SegmentCount = chapter.Slides[s].Segments.Count, NeededMilliseconds = 10_000, Seen = true,
                    });
                }

                if (reached == chapter.Slides.Count)
                {
                    var answers = Enumerable.Range(0, final.QuestionCount).Select(q => new QuizAnswerRecord
                    {
                        QuestionKey = $"q{q}", Score = random.NextDouble() < 0.7 ? 1 : 0, Answer = random.Next(3).ToString(),
                    }).ToList();
                    var score = answers.Average(a => a.Score);
                    db.QuizAttemptRecords.Add(new QuizAttemptRecord
                    {
                        Id = Guid.NewGuid(), UserId = user, ChapterId = chapter.Chapter.ChapterId, QuizSlug = final.Slug,
                        StartedAt = now, SubmittedAt = now, Score = score, Passed = score >= 0.7, Answers = answers,
                    });
                }
            }

            await db.SaveChangesAsync();
        }

        Console.WriteLine($"generated {learners:N0} learners' progress in {generate.Elapsed.TotalSeconds:N1} s");
        var analytics = scope.ServiceProvider.GetRequiredService<ChapterAnalytics>();
        await analytics.ComputeAsync(chapter); // warm up: JIT and SQLite's page cache
        var runs = new List<double>();
        ChapterFigures figures = null!;
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            figures = await analytics.ComputeAsync(chapter);
            runs.Add(clock.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine($"analytics for {figures.Started:N0} learners, {figures.Slides.Sum(s => s.Reached):N0} slide records, {figures.Quizzes.Sum(q => q.Attempts):N0} attempts:");
        Console.WriteLine($"median {runs.Order().ElementAt(2):N0} ms (runs: {string.Join(", ", runs.Select(r => r.ToString("N0")))} ms)");
        return 0;
    }
}
