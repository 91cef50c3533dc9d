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
        return chapter is null ? null : await GetAsync(chapter, quizSlug, cancellationToken);
    }

    /// <summary>A quiz of a chapter view already read: no query once it is cached.</summary>
    public async Task<QuizPlay?> GetAsync(ChapterView chapter, string quizSlug, CancellationToken cancellationToken = default)
    {
        if (chapter.QuizList.FirstOrDefault(q => q.Slug == quizSlug) is not { } summary)
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
            .Where(q => q.Slug == quizSlug && q.ChapterId == chapter.Chapter.ChapterId)
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
