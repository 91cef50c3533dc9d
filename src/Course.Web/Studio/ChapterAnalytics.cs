using Course.Core.Analytics;
using Course.Core.Progress;
using Course.Web.Catalog;
using Course.Web.Data;
using Course.Web.Progress;
using Course.Web.Quizzes;
using Microsoft.EntityFrameworkCore;

namespace Course.Web.Studio;

public sealed record SlideFigures(int Number, string FirstLine, int Reached, double MedianSeconds);

public sealed record QuestionFigures(string Key, string Prompt, int Answers, double Facility, double? Discrimination, IReadOnlyList<(string Answer, int Count)> CommonWrong);

public sealed record QuizFigures(string Slug, string Title, int Attempts, double PassRate, int[] Distribution, IReadOnlyList<QuestionFigures> Questions);

public sealed record ChapterFigures(ChapterView Chapter, int Started, int Completed, IReadOnlyList<SlideFigures> Slides, IReadOnlyList<QuizFigures> Quizzes);

/// <summary>What instructors see of a chapter: who started and finished, where learners stop, how questions perform.</summary>
public sealed class ChapterAnalytics(IDbContextFactory<CourseDbContext> contextFactory, QuizCatalog quizzes)
{
    /// <summary>
    /// Every figure is aggregated by the database (counts, averages, one median per slide read from an
    /// index), so the cost grows with slides and questions, not with learners.
    /// </summary>
    public async Task<ChapterFigures> ComputeAsync(ChapterView chapter, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var chapterId = chapter.Chapter.ChapterId;
        var progress = db.SlideProgress.AsNoTracking().Where(s => s.ChapterId == chapterId);
        var started = await db.ChapterProgress.CountAsync(p => p.ChapterId == chapterId, cancellationToken);
        var reached = await progress.GroupBy(s => s.SlideKey)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

        var slides = new List<SlideFigures>();
        foreach (var slide in chapter.Slides)
        {
            var count = reached.GetValueOrDefault(slide.Key);
            slides.Add(new SlideFigures(slide.Number, slide.FirstLine, count, await MedianSecondsAsync(progress.Where(s => s.SlideKey == slide.Key), count, cancellationToken)));
        }

        var final = chapter.FinalQuiz;
        var completed = await CompletedAsync(db, chapter, final, cancellationToken);
        var quizFigures = new List<QuizFigures>();
        foreach (var quiz in chapter.QuizList)
        {
            quizFigures.Add(await QuizAsync(db, chapter, quiz, cancellationToken));
        }

        return new ChapterFigures(chapter, started, completed, slides, quizFigures);
    }

    private static async Task<double> MedianSecondsAsync(IQueryable<SlideProgress> rows, int count, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return 0;
        }

        var middle = await rows.OrderBy(r => r.TimeSpentMilliseconds).Skip((count - 1) / 2).Take(2 - count % 2)
            .Select(r => r.TimeSpentMilliseconds).ToListAsync(cancellationToken);
        return middle.Average() / 1000.0;
    }

    /// <summary>
    /// Learners who have seen every slide of the chapter (and passed its final quiz): a plain count, since
    /// each learner's seen slides are counted as progress is written (and recounted when a chapter is published).
    /// </summary>
    private static async Task<int> CompletedAsync(CourseDbContext db, ChapterView chapter, QuizSummary? final, CancellationToken cancellationToken)
    {
        var chapterId = chapter.Chapter.ChapterId;
        var learners = db.ChapterProgress.AsNoTracking().Where(c => c.ChapterId == chapterId && c.SeenSlides >= chapter.Slides.Count);
        if (final is not null)
        {
            var passed = db.QuizAttemptRecords.Where(a => a.ChapterId == chapterId && a.QuizSlug == final.Slug && a.Passed).Select(a => a.UserId);
            learners = learners.Where(c => passed.Contains(c.UserId));
        }

        return await learners.CountAsync(cancellationToken);
    }

    private async Task<QuizFigures> QuizAsync(CourseDbContext db, ChapterView chapter, QuizSummary quiz, CancellationToken cancellationToken)
    {
        var attempts = db.QuizAttemptRecords.AsNoTracking().Where(a => a.ChapterId == chapter.Chapter.ChapterId && a.QuizSlug == quiz.Slug);
        var scores = await attempts.OrderBy(a => a.Score).Select(a => new { a.Id, a.Score, a.Passed }).ToListAsync(cancellationToken);
        var third = scores.Count / 3;
        var bottom = scores.Take(third).Select(a => a.Id).ToList();
        var top = scores.TakeLast(third).Select(a => a.Id).ToList();
        var answers = from x in db.QuizAnswerRecords.AsNoTracking()
                      join a in attempts on x.AttemptId equals a.Id
                      select x;
        var facility = await answers.GroupBy(x => x.QuestionKey)
            .Select(g => new { g.Key, Count = g.Count(), Mean = g.Average(x => x.Score) })
            .ToDictionaryAsync(g => g.Key, cancellationToken);
        var topMeans = third == 0 ? [] : await answers.Where(x => top.Contains(x.AttemptId)).GroupBy(x => x.QuestionKey)
            .Select(g => new { g.Key, Mean = g.Average(x => x.Score) }).ToDictionaryAsync(g => g.Key, g => g.Mean, cancellationToken);
        var bottomMeans = third == 0 ? [] : await answers.Where(x => bottom.Contains(x.AttemptId)).GroupBy(x => x.QuestionKey)
            .Select(g => new { g.Key, Mean = g.Average(x => x.Score) }).ToDictionaryAsync(g => g.Key, g => g.Mean, cancellationToken);
        var wrong = (await answers.Where(x => x.Score < 0.999 && x.Answer != null)
                .GroupBy(x => new { x.QuestionKey, x.Answer })
                .Select(g => new { g.Key.QuestionKey, g.Key.Answer, Count = g.Count() })
                .ToListAsync(cancellationToken))
            .GroupBy(x => x.QuestionKey)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(x => x.Count).Take(3).Select(x => (x.Answer!, x.Count)).ToList());

        var play = await quizzes.GetAsync(chapter.CourseSlug, chapter.Chapter.Slug, quiz.Slug, cancellationToken);
        var questions = (play?.Definition.Questions ?? []).Select(q => new QuestionFigures(
            q.Id,
            q.Prompt,
            facility.TryGetValue(q.Id, out var f) ? f.Count : 0,
            facility.TryGetValue(q.Id, out var m) ? m.Mean : 0,
            third == 0 ? null : topMeans.GetValueOrDefault(q.Id) - bottomMeans.GetValueOrDefault(q.Id),
            wrong.GetValueOrDefault(q.Id) ?? [])).ToList();
        return new QuizFigures(quiz.Slug, quiz.Title, scores.Count, scores.Count == 0 ? 0 : (double)scores.Count(a => a.Passed) / scores.Count,
            ItemStatistics.Distribution(scores.Select(a => a.Score)), questions);
    }

    public static string SlidesCsv(ChapterFigures figures) => CsvTable.Write(
        ["slide", "first_line", "learners_reached", "median_seconds"],
        figures.Slides.Select(s => new object?[] { s.Number, s.FirstLine, s.Reached, s.MedianSeconds }));

    // Prompts and learners' wrong answers are typed by people: CsvTable defuses them for spreadsheets.
    public static string QuestionsCsv(ChapterFigures figures) => CsvTable.Write(
        ["quiz", "question", "prompt", "answers", "facility", "discrimination", "common_wrong_answers"],
        figures.Quizzes.SelectMany(q => q.Questions.Select(x => new object?[]
        {
            q.Slug, x.Key, x.Prompt, x.Answers, x.Facility, x.Discrimination,
            string.Join(" | ", x.CommonWrong.Select(w => $"{w.Answer} ({w.Count})")),
        })));

    public static string QuizzesCsv(ChapterFigures figures) => CsvTable.Write(
        ["quiz", "title", "attempts", "pass_rate", .. Enumerable.Range(0, 10).Select(i => $"score_{i * 10}_{i * 10 + 10}")],
        figures.Quizzes.Select(q => new object?[] { q.Slug, q.Title, q.Attempts, q.PassRate }.Concat(q.Distribution.Cast<object?>()).ToArray()));
}
