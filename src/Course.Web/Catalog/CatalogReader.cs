using Course.Core.Rendering;
using Course.Core.Scripts;
using Course.Web.Chapters;
using Course.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Course.Web.Catalog;

/// <summary>
/// Read side of the catalogue: what learners and the public API may see (published chapters only).
/// A rendered chapter is cached under its versions (its own and its view's: quizzes, course title), so an
/// edit is seen at once, on every instance, and costs one render.
/// </summary>
public sealed class CatalogReader(IDbContextFactory<CourseDbContext> contextFactory, IMemoryCache cache) : IChapterSource
{
    public async Task<IReadOnlyList<CourseSummary>> GetCoursesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var courses = await db.Courses.AsNoTracking()
            .Where(c => c.Chapters.Any(ch => ch.Status == ChapterStatus.Published))
            .OrderBy(c => c.Title)
            .Select(c => new
            {
                c.Slug,
                c.Title,
                c.Language,
                c.Description,
                Chapters = c.Chapters.Where(ch => ch.Status == ChapterStatus.Published).OrderBy(ch => ch.Number).ToList(),
            })
            .ToListAsync(cancellationToken);
        return [.. courses.Select(c => new CourseSummary(c.Slug, c.Title, c.Language, c.Description, [.. c.Chapters.Select(Summarise)]))];
    }

    public async Task<CourseSummary?> GetCourseAsync(string courseSlug, CancellationToken cancellationToken = default) =>
        (await GetCoursesAsync(cancellationToken)).FirstOrDefault(c => c.Slug == courseSlug);

    public async Task<ChapterView?> GetChapterAsync(string courseSlug, string chapterSlug, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var header = await PublishedChapters(db, courseSlug, chapterSlug)
            .Select(c => new ChapterHeader(c, c.Course.Slug, c.Course.Title))
            .SingleOrDefaultAsync(cancellationToken);
        return header is null ? null : await ViewAsync(db, header, cancellationToken);
    }

    /// <summary>
    /// The published chapters among <paramref name="chapterIds"/>, by id, with one query for them all once their
    /// views are cached (a learner's dashboard lists every chapter begun: no query per chapter).
    /// </summary>
    public async Task<IReadOnlyDictionary<int, ChapterView>> GetChaptersAsync(IReadOnlyCollection<int> chapterIds, CancellationToken cancellationToken = default)
    {
        var views = new Dictionary<int, ChapterView>();
        if (chapterIds.Count == 0)
        {
            return views;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var headers = await db.Chapters.AsNoTracking()
            .Where(c => chapterIds.Contains(c.Id) && c.Status == ChapterStatus.Published)
            .Select(c => new ChapterHeader(c, c.Course.Slug, c.Course.Title))
            .ToListAsync(cancellationToken);
        foreach (var header in headers)
        {
            views[header.Chapter.Id] = await ViewAsync(db, header, cancellationToken);
        }

        return views;
    }

    private sealed record ChapterHeader(Chapter Chapter, string CourseSlug, string CourseTitle);

    /// <summary>The chapter's rendered view from the cache, or read and rendered once for its versions.</summary>
    private async Task<ChapterView> ViewAsync(CourseDbContext db, ChapterHeader header, CancellationToken cancellationToken)
    {
        var cacheKey = (nameof(ChapterView), header.Chapter.Id, header.Chapter.Version, header.Chapter.ViewVersion);
        if (cache.TryGetValue(cacheKey, out ChapterView? cached) && cached is not null)
        {
            return cached;
        }

        var slides = await db.Slides.AsNoTracking()
            .Where(s => s.ChapterId == header.Chapter.Id)
            .Include(s => s.Segments)
            .OrderBy(s => s.Position)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var tools = await db.SlideTools.AsNoTracking()
            .Where(t => t.ChapterId == header.Chapter.Id && t.Kind == "tokens")
            .ToDictionaryAsync(t => t.SlideKey, t => t.Sample ?? "", cancellationToken);
        var positions = slides.ToDictionary(s => s.Key, s => s.Position);
        var rendered = ChapterRenderer.Render(ChapterContent.ToScript(slides));
        var quizzes = await db.Quizzes.AsNoTracking()
            .Where(q => q.ChapterId == header.Chapter.Id)
            .OrderBy(q => q.Position)
            .Select(q => new { q.Slug, q.Title, q.Kind, q.AfterSlideKey, Count = q.Questions.Count, q.Feedback, q.PassMark })
            .ToListAsync(cancellationToken);
        var view = new ChapterView(
            header.CourseSlug,
            header.CourseTitle,
            Summarise(header.Chapter),
            [.. slides.Select((s, i) => new SlideView(s.Position, s.Key, rendered.Slides[i], tools.GetValueOrDefault(s.Key)))],
            [.. quizzes.Select(q => new QuizSummary(q.Slug, q.Title, q.Kind,
                q.AfterSlideKey is not null && positions.TryGetValue(q.AfterSlideKey, out var after) ? after : null, q.Count, q.Feedback, q.PassMark))]);
        cache.Set(cacheKey, view, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(30) });
        return view;
    }

    public async Task<(ChapterSummary Chapter, ChapterScript Script)?> GetScriptAsync(
        string courseSlug, string chapterSlug, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var chapter = await PublishedChapters(db, courseSlug, chapterSlug)
            .Include(c => c.Slides).ThenInclude(s => s.Segments)
            .AsSplitQuery()
            .SingleOrDefaultAsync(cancellationToken);
        return chapter is null
            ? null
            : (Summarise(chapter), ChapterContent.ToScript(chapter.Slides, new ScriptMetadata(chapter.Title, chapter.Language, chapter.Slug, chapter.Description)));
    }

    private static IQueryable<Chapter> PublishedChapters(CourseDbContext db, string courseSlug, string chapterSlug) =>
        db.Chapters.AsNoTracking().Where(c =>
            c.Course.Slug == courseSlug && c.Slug == chapterSlug && c.Status == ChapterStatus.Published);

    private static ChapterSummary Summarise(Chapter c) =>
        new(c.Number, c.Slug, c.Title, c.Language, c.Description, c.SlideCount, c.SegmentCount, c.TotalPauseMilliseconds, c.EstimatedMilliseconds, c.Id);
}
