using System.Text.Json;
using Course.Core.Progress;
using Course.Core.Quizzes;
using Course.Web.Catalog;
using Course.Web.Data;
using Course.Web.Quizzes;
using Microsoft.EntityFrameworkCore;

namespace Course.Web.Progress;

public sealed record ResumePoint(int Slide, int Segment);

public sealed record QuizScore(string Slug, string Title, double? Best, bool Passed, Guid? LatestAttempt = null);

public sealed record WrongAnswer(string QuizSlug, string QuestionKey, string Prompt, int? Slide);

public sealed record ChapterStanding(
    string CourseSlug, string CourseTitle, ChapterSummary Chapter, double Completion, bool Complete,
    DateTimeOffset LastActivity, ResumePoint Resume, IReadOnlyList<QuizScore> Quizzes, IReadOnlyList<WrongAnswer> ToReview);

/// <summary>Reads and keeps one learner's progress and quiz attempts. Every query is by the learner's own id.</summary>
public sealed class LearnerProgress(IDbContextFactory<CourseDbContext> contextFactory, CatalogReader catalog, QuizCatalog quizzes)
{
    public async Task<ResumePoint?> ResumeAsync(string userId, ChapterView chapter, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.ChapterProgress.AsNoTracking()
            .SingleOrDefaultAsync(p => p.UserId == userId && p.ChapterId == chapter.Chapter.ChapterId, cancellationToken);
        return row is null ? null : ToResume(chapter, row);
    }

    /// <summary>
    /// Every chapter the learner has begun, latest first. A fixed number of queries however many chapters and slides
    /// (docs/performance.md, figure 5): the learner's rows are read once each, the chapters and quizzes come from the cache.
    /// </summary>
    public async Task<IReadOnlyList<ChapterStanding>> DashboardAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // One connection for the three reads: EF otherwise takes one from the pool and returns it per query, and
        // the SQLite pool's lock was the most contended lock under 64 concurrent dashboards (docs/performance.md, figure 5).
        await db.Database.OpenConnectionAsync(cancellationToken);
        var rows = await db.ChapterProgress.AsNoTracking().Where(p => p.UserId == userId)
            .OrderByDescending(p => p.LastActivityAt)
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        var chapters = await catalog.GetChaptersAsync([.. rows.Select(r => r.ChapterId)], cancellationToken);
        var allSlides = (await db.SlideProgress.AsNoTracking().Where(s => s.UserId == userId).ToListAsync(cancellationToken))
            .ToLookup(s => s.ChapterId);
        var allAttempts = (await db.QuizAttemptRecords.AsNoTracking().Where(a => a.UserId == userId)
            .Include(a => a.Answers)
            .OrderBy(a => a.SubmittedAt)
            .ToListAsync(cancellationToken))
            .ToLookup(a => a.ChapterId);
        var standings = new List<ChapterStanding>();
        foreach (var progress in rows)
        {
            if (!chapters.TryGetValue(progress.ChapterId, out var chapter))
            {
                continue; // retired or unpublished since
            }

            var slides = allSlides[progress.ChapterId].ToDictionary(s => s.SlideKey, s => new SlideRecord(s.SlideKey, s.MaxRevealed, s.TimeSpentMilliseconds));
            var attempts = allAttempts[progress.ChapterId].ToList();
            var shapes = Shapes(chapter);
            var final = chapter.FinalQuiz;
            var finalPassed = final is not null && attempts.Any(a => a.QuizSlug == final.Slug && a.Passed);
            var scores = chapter.QuizList.Select(q =>
            {
                var mine = attempts.Where(a => a.QuizSlug == q.Slug).ToList();
                return new QuizScore(q.Slug, q.Title, mine.Count == 0 ? null : mine.Max(a => a.Score), mine.Any(a => a.Passed), mine.LastOrDefault()?.Id);
            }).ToList();
            standings.Add(new ChapterStanding(
                chapter.CourseSlug,
                chapter.CourseTitle,
                chapter.Chapter,
                ProgressRules.Completion(shapes, slides),
                ProgressRules.IsComplete(shapes, slides, final is not null, finalPassed),
                progress.LastActivityAt,
                ToResume(chapter, progress),
                scores,
                await WrongAnswersAsync(chapter, attempts, cancellationToken)));
        }

        return standings;
    }

    /// <summary>
    /// Keeps a signed-in learner's submitted attempt; saving the same attempt twice keeps one, also when two tabs
    /// save it at the same moment: the attempt's id is the row's primary key, so the second insert fails and
    /// finds the first one's row (not a check-then-insert that two callers can both pass).
    /// </summary>
    public async Task SaveAttemptAsync(string userId, int chapterId, QuizAttempt attempt, CancellationToken cancellationToken = default)
    {
        try
        {
            await InsertAttemptAsync(userId, chapterId, attempt, cancellationToken);
        }
        catch (DbUpdateException)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            if (!await db.QuizAttemptRecords.AnyAsync(a => a.Id == attempt.Id, cancellationToken))
            {
                throw; // not the same attempt stored by another page: a real failure
            }
        }
    }

    private async Task InsertAttemptAsync(string userId, int chapterId, QuizAttempt attempt, CancellationToken cancellationToken)
    {
        if (!attempt.IsSubmitted)
        {
            return;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await db.QuizAttemptRecords.AnyAsync(a => a.Id == attempt.Id, cancellationToken))
        {
            return;
        }

        db.QuizAttemptRecords.Add(new QuizAttemptRecord
        {
            Id = attempt.Id,
            UserId = userId,
            ChapterId = chapterId,
            QuizSlug = attempt.Quiz.Slug,
            StartedAt = attempt.StartedAt,
            SubmittedAt = attempt.SubmittedAt!.Value,
            Score = attempt.Score,
            Passed = attempt.Passed,
            Answers = [.. attempt.Questions.Select(q =>
            {
                var outcome = attempt.Outcome(q.Id);
                return new QuizAnswerRecord
                {
                    QuestionKey = q.Id,
                    Score = outcome.Grade?.Score ?? 0,
                    Answer = outcome.LastAnswer is { } answer ? AnswerText.Describe(q, answer) : null,
                };
            })],
        });
        // The attempt is stored: its kept answers in progress go in the same transaction.
        db.QuizDrafts.RemoveRange(await db.QuizDrafts
            .Where(d => d.UserId == userId && d.ChapterId == chapterId && d.QuizSlug == attempt.Quiz.Slug && d.AttemptId == attempt.Id)
            .ToListAsync(cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Everything the platform holds about a learner, for download.</summary>
    public async Task<string> ExportAsync(AppUser user, IList<string> roles, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var export = new
        {
            account = new { user.Email, user.CreatedAt, roles, user.LockoutEnd, user.AccessFailedCount },
            chapters = await db.ChapterProgress.AsNoTracking().Where(p => p.UserId == user.Id)
                .Select(p => new { chapter = db.Chapters.Where(c => c.Id == p.ChapterId).Select(c => c.Course.Slug + "/" + c.Slug).Single(), p.CurrentSlideKey, p.CurrentSegment, p.StartedAt, p.LastActivityAt, p.TimeSpentMilliseconds })
                .ToListAsync(cancellationToken),
            slides = await db.SlideProgress.AsNoTracking().Where(s => s.UserId == user.Id)
                .Select(s => new { s.ChapterId, s.SlideKey, s.FirstReachedAt, s.LastReachedAt, s.MaxRevealed, s.TimeSpentMilliseconds })
                .ToListAsync(cancellationToken),
            quizAttempts = await db.QuizAttemptRecords.AsNoTracking().Where(a => a.UserId == user.Id).Include(a => a.Answers)
                .Select(a => new { a.Id, a.ChapterId, a.QuizSlug, a.StartedAt, a.SubmittedAt, a.Score, a.Passed, answers = a.Answers.Select(x => new { x.QuestionKey, x.Answer, x.Score }) })
                .ToListAsync(cancellationToken),
            // An attempt in progress is kept with its secret and the page's opaque option ids: which quiz, and when.
            quizzesInProgress = await db.QuizDrafts.AsNoTracking().Where(d => d.UserId == user.Id)
                .Select(d => new { d.ChapterId, d.QuizSlug, d.AttemptId, d.UpdatedAt })
                .ToListAsync(cancellationToken),
        };
        return JsonSerializer.Serialize(export, ApiJson.Options);
    }

    private async Task<IReadOnlyList<WrongAnswer>> WrongAnswersAsync(ChapterView chapter, List<QuizAttemptRecord> attempts, CancellationToken cancellationToken)
    {
        var wrong = new List<WrongAnswer>();
        foreach (var latest in attempts.GroupBy(a => a.QuizSlug).Select(g => g.Last()))
        {
            if (await quizzes.GetAsync(chapter, latest.QuizSlug, cancellationToken) is not { } play)
            {
                continue;
            }

            foreach (var answer in latest.Answers.Where(a => a.Score < 0.999))
            {
                if (play.Definition.Questions.FirstOrDefault(q => q.Id == answer.QuestionKey) is { } question)
                {
                    wrong.Add(new WrongAnswer(latest.QuizSlug, question.Id, question.Prompt, chapter.SlideNumberOf(question.TeachingSlideKey)));
                }
            }
        }

        return wrong;
    }

    private static ResumePoint ToResume(ChapterView chapter, ChapterProgress row) =>
        chapter.SlideNumberOf(row.CurrentSlideKey) is { } slide
            ? new ResumePoint(slide, Math.Clamp(row.CurrentSegment, 1, chapter.Slides[slide - 1].Segments.Count))
            : new ResumePoint(1, 1); // the slide was removed by an edit: start again from the top

    public static IReadOnlyList<SlideShape> Shapes(ChapterView chapter) =>
        [.. chapter.Slides.Select(s => new SlideShape(s.Key, s.Segments.Count, s.DurationMilliseconds))];
}
