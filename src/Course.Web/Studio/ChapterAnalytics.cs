using System.Globalization;
using System.Text;
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
    public async Task<ChapterFigures> ComputeAsync(ChapterView chapter, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var chapterId = chapter.Chapter.ChapterId;
        var rows = await db.SlideProgress.AsNoTracking().Where(s => s.ChapterId == chapterId)
            .Select(s => new { s.UserId, s.SlideKey, s.MaxRevealed, s.TimeSpentMilliseconds })
            .ToListAsync(cancellationToken);
        var started = await db.ChapterProgress.CountAsync(p => p.ChapterId == chapterId, cancellationToken);
        var attempts = await db.QuizAttemptRecords.AsNoTracking().Where(a => a.ChapterId == chapterId)
            .Include(a => a.Answers)
            .ToListAsync(cancellationToken);

        var shapes = LearnerProgress.Shapes(chapter);
        var bySlide = rows.GroupBy(r => r.SlideKey).ToDictionary(g => g.Key, g => g.ToList());
        var slides = chapter.Slides.Select(s =>
        {
            var here = bySlide.GetValueOrDefault(s.Key) ?? [];
            return new SlideFigures(s.Number, s.FirstLine, here.Count, ItemStatistics.Median([.. here.Select(r => r.TimeSpentMilliseconds)]) / 1000.0);
        }).ToList();

        var final = chapter.FinalQuiz;
        var passedFinal = final is null ? [] : attempts.Where(a => a.QuizSlug == final.Slug && a.Passed).Select(a => a.UserId).ToHashSet();
        var completed = rows.GroupBy(r => r.UserId).Count(learner =>
            ProgressRules.IsComplete(shapes, learner.ToDictionary(r => r.SlideKey, r => new SlideRecord(r.SlideKey, r.MaxRevealed, r.TimeSpentMilliseconds)),
                final is not null, passedFinal.Contains(learner.Key)));

        var quizFigures = new List<QuizFigures>();
        foreach (var quiz in chapter.QuizList)
        {
            var mine = attempts.Where(a => a.QuizSlug == quiz.Slug).ToList();
            var scores = mine.Select(a => new AttemptScores(a.Score, a.Answers.ToDictionary(x => x.QuestionKey, x => x.Score))).ToList();
            var play = await quizzes.GetAsync(chapter.CourseSlug, chapter.Chapter.Slug, quiz.Slug, cancellationToken);
            var questions = (play?.Definition.Questions ?? []).Select(q =>
            {
                var answers = mine.SelectMany(a => a.Answers).Where(x => x.QuestionKey == q.Id).ToList();
                var wrong = answers.Where(x => x.Score < 0.999 && x.Answer is not null)
                    .GroupBy(x => x.Answer!).OrderByDescending(g => g.Count()).Take(3)
                    .Select(g => (g.Key, g.Count())).ToList();
                return new QuestionFigures(q.Id, q.Prompt, answers.Count, ItemStatistics.Facility(scores, q.Id), ItemStatistics.Discrimination(scores, q.Id), wrong);
            }).ToList();
            quizFigures.Add(new QuizFigures(quiz.Slug, quiz.Title, mine.Count, mine.Count == 0 ? 0 : (double)mine.Count(a => a.Passed) / mine.Count,
                ItemStatistics.Distribution(mine.Select(a => a.Score)), questions));
        }

        return new ChapterFigures(chapter, started, completed, slides, quizFigures);
    }

    public static string SlidesCsv(ChapterFigures figures) => Csv(
        ["slide", "first_line", "learners_reached", "median_seconds"],
        figures.Slides.Select(s => new object[] { s.Number, s.FirstLine, s.Reached, s.MedianSeconds }));

    public static string QuestionsCsv(ChapterFigures figures) => Csv(
        ["quiz", "question", "prompt", "answers", "facility", "discrimination", "common_wrong_answers"],
        figures.Quizzes.SelectMany(q => q.Questions.Select(x => new object[]
        {
            q.Slug, x.Key, x.Prompt, x.Answers, x.Facility, x.Discrimination?.ToString("0.###", CultureInfo.InvariantCulture) ?? "",
            string.Join(" | ", x.CommonWrong.Select(w => $"{w.Answer} ({w.Count})")),
        })));

    public static string QuizzesCsv(ChapterFigures figures) => Csv(
        ["quiz", "title", "attempts", "pass_rate", .. Enumerable.Range(0, 10).Select(i => $"score_{i * 10}_{i * 10 + 10}")],
        figures.Quizzes.Select(q => new object[] { q.Slug, q.Title, q.Attempts, q.PassRate }.Concat(q.Distribution.Cast<object>()).ToArray()));

    private static string Csv(string[] header, IEnumerable<object[]> rows)
    {
        var builder = new StringBuilder();
        builder.AppendJoin(',', header).Append("\r\n");
        foreach (var row in rows)
        {
            builder.AppendJoin(',', row.Select(Field)).Append("\r\n");
        }

        return builder.ToString();
    }

    // RFC 4180 quoting; a leading =, +, - or @ is defused so spreadsheets do not run it as a formula.
    private static string Field(object value)
    {
        var text = value switch
        {
            double d => d.ToString("0.###", CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };
        if (text.Length > 0 && text[0] is '=' or '+' or '@' && value is string)
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }
}
