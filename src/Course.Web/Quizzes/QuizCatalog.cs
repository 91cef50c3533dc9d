using Course.Core.Quizzes;
using Course.Web.Catalog;
using Course.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Course.Web.Quizzes;

/// <summary>A published chapter and one of its quizzes, answers included: for grading on the server only.</summary>
public sealed record QuizPlay(ChapterView Chapter, QuizSummary Summary, QuizDefinition Definition);

public sealed class QuizCatalog(IDbContextFactory<CourseDbContext> contextFactory, CatalogReader catalog, IMemoryCache cache)
{
    public async Task<QuizPlay?> GetAsync(string courseSlug, string chapterSlug, string quizSlug, CancellationToken cancellationToken = default)
    {
        var chapter = await catalog.GetChapterAsync(courseSlug, chapterSlug, cancellationToken);
        var summary = chapter?.QuizList.FirstOrDefault(q => q.Slug == quizSlug);
        if (chapter is null || summary is null)
        {
            return null;
        }

        // The chapter view is cached per version, so its identity is a fine key for its quizzes too.
        var key = (nameof(QuizPlay), chapter, quizSlug);
        if (cache.TryGetValue(key, out QuizPlay? cached) && cached is not null)
        {
            return cached;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var quiz = await db.Quizzes.AsNoTracking()
            .Where(q => q.Slug == quizSlug && db.Chapters.Any(c => c.Id == q.ChapterId && c.Slug == chapterSlug && c.Course.Slug == courseSlug))
            .Include(q => q.Questions)
            .SingleAsync(cancellationToken);
        var definition = new QuizDefinition(
            quiz.Slug,
            quiz.Title,
            quiz.Kind,
            quiz.AfterSlideKey,
            quiz.Feedback,
            quiz.PassMark,
            [.. quiz.Questions.OrderBy(q => q.Position).Select(q =>
                new Question(q.Key, q.Prompt, q.Explanation, q.TeachingSlideKey, QuizJson.Read(q.BodyJson)))]);
        var play = new QuizPlay(chapter, summary, definition);
        cache.Set(key, play, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(30) });
        return play;
    }
}
