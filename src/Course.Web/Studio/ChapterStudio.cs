using Course.Core.Authoring;
using Course.Web.Catalog;
using Course.Web.Chapters;
using Course.Web.Data;
using Course.Web.Progress;
using Microsoft.EntityFrameworkCore;

namespace Course.Web.Studio;

/// <summary>
/// The studio's chapters: listing, details and order here; their content (create, drafts, publish, history,
/// restore, retire) is <see cref="ChapterStore"/>'s, reached through the same calls so the editor needs one
/// service. A publish also brings learners' progress up to the new slides.
/// One short-lived context per operation.
/// </summary>
public sealed class ChapterStudio(
    IDbContextFactory<CourseDbContext> contextFactory,
    ChapterStore store,
    CatalogChanges changes,
    ProgressRecorder progress,
    CatalogReader catalog,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<StudioCourseRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var courses = await db.Courses.AsNoTracking().OrderBy(c => c.Title).ToListAsync(cancellationToken);
        var chapters = await db.Chapters.AsNoTracking()
            .OrderBy(c => c.Number)
            .Select(c => new
            {
                c.CourseId,
                Row = new StudioChapterRow(c.Id, c.Number, c.Slug, c.Title, c.Language, c.Status,
                    db.ChapterDrafts.Any(d => d.ChapterId == c.Id),
                    db.ChapterVersions.Count(v => v.ChapterId == c.Id),
                    c.UpdatedAt),
            })
            .ToListAsync(cancellationToken);
        return [.. courses.Select(c => new StudioCourseRow(c.Id, c.Slug, c.Title, c.Language, c.Description,
            [.. chapters.Where(x => x.CourseId == c.Id).Select(x => x.Row)]))];
    }

    /// <summary>A new, unpublished chapter at the end of the course, with a one-slide script to start from.</summary>
    public Task<int> CreateChapterAsync(int courseId, string title, string language, string author, string? initialScript = null, CancellationToken cancellationToken = default) =>
        store.CreateAsync(courseId, title, language, author, initialScript, cancellationToken);

    public Task<DraftView?> GetDraftAsync(int chapterId, CancellationToken cancellationToken = default) =>
        store.GetDraftAsync(chapterId, cancellationToken);

    /// <inheritdoc cref="ChapterStore.SaveDraftAsync"/>
    public Task<SaveResult> SaveDraftAsync(int chapterId, string text, int expectedRevision, string author, CancellationToken cancellationToken = default) =>
        store.SaveDraftAsync(chapterId, text, expectedRevision, author, cancellationToken);

    /// <summary>Publishes (see <see cref="ChapterStore.PublishAsync"/>), then recomputes learners' progress against the new slides.</summary>
    public async Task<PublishResult> PublishAsync(int chapterId, int expectedRevision, string author, CancellationToken cancellationToken = default)
    {
        var result = await store.PublishAsync(chapterId, expectedRevision, author, cancellationToken);
        if (result is PublishResult.Published)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var where = await db.Chapters.AsNoTracking().Where(c => c.Id == chapterId)
                .Select(c => new { Course = c.Course.Slug, c.Slug }).SingleAsync(cancellationToken);
            if (await catalog.GetChapterAsync(where.Course, where.Slug, cancellationToken) is { } view)
            {
                await progress.RecomputeAsync(view, cancellationToken);
            }
        }

        return result;
    }

    public Task<IReadOnlyList<VersionRow>> HistoryAsync(int chapterId, CancellationToken cancellationToken = default) =>
        store.HistoryAsync(chapterId, cancellationToken);

    public Task<string?> VersionTextAsync(int chapterId, int number, CancellationToken cancellationToken = default) =>
        store.VersionTextAsync(chapterId, number, cancellationToken);

    /// <inheritdoc cref="ChapterStore.RestoreAsync"/>
    public Task<SaveResult> RestoreAsync(int chapterId, int number, int expectedRevision, string author, CancellationToken cancellationToken = default) =>
        store.RestoreAsync(chapterId, number, expectedRevision, author, cancellationToken);

    /// <summary>Title, language and description; the slug stays, so links keep working.</summary>
    /// <exception cref="ArgumentException">A field breaks <see cref="ChapterMetadataRules"/> (the studio's form checks them first).</exception>
    public async Task<bool> UpdateDetailsAsync(int chapterId, string title, string language, string? description, CancellationToken cancellationToken = default)
    {
        var problems = ChapterMetadataRules.Check(new ChapterMetadata(title, language, null, description), MetadataFields.Title | MetadataFields.Language);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(title));
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var chapter = await db.Chapters.SingleOrDefaultAsync(c => c.Id == chapterId, cancellationToken);
        if (chapter is null)
        {
            return false;
        }

        chapter.Title = title;
        chapter.Language = language;
        chapter.Description = string.IsNullOrWhiteSpace(description) ? null : description;
        chapter.UpdatedAt = clock.GetUtcNow();
        chapter.Version = Guid.NewGuid();
        await db.SaveChangesAsync(cancellationToken);
        await changes.ChapterChangedAsync(cancellationToken);
        return true;
    }

    /// <summary>Moves a chapter one place up (-1) or down (+1) in its course.</summary>
    public async Task MoveAsync(int chapterId, int direction, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var chapter = await db.Chapters.SingleOrDefaultAsync(c => c.Id == chapterId, cancellationToken);
        if (chapter is null)
        {
            return;
        }

        var siblings = await db.Chapters.Where(c => c.CourseId == chapter.CourseId).OrderBy(c => c.Number).ToListAsync(cancellationToken);
        var index = siblings.IndexOf(chapter);
        var other = index + Math.Sign(direction);
        if (other < 0 || other >= siblings.Count)
        {
            return;
        }

        (siblings[index], siblings[other]) = (siblings[other], siblings[index]);
        for (var i = 0; i < siblings.Count; i++)
        {
            if (siblings[i].Number != i + 1)
            {
                siblings[i].Number = i + 1;
                siblings[i].ViewVersion = Guid.NewGuid(); // the rendered chapter shows its number
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await changes.ChapterChangedAsync(cancellationToken);
    }

    /// <inheritdoc cref="ChapterStore.DeleteOrRetireAsync"/>
    public Task<ChapterStatus?> DeleteOrRetireAsync(int chapterId, CancellationToken cancellationToken = default) =>
        store.DeleteOrRetireAsync(chapterId, cancellationToken);
}
