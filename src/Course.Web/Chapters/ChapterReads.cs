using Course.Core.Authoring;
using Course.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Course.Web.Chapters;

/// <summary>
/// A chapter's content as read inside a caller's context (so a caller that also writes reads in its own
/// transaction): its published text, its slides with their keys, and who holds it now for a conflict.
/// </summary>
public static class ChapterReads
{
    public static async Task<string> PublishedTextAsync(CourseDbContext db, int chapterId, CancellationToken cancellationToken) =>
        ChapterContent.ToText(await PublishedRowsAsync(db, chapterId, cancellationToken));

    /// <summary>The published slides with their keys, in order.</summary>
    public static async Task<IReadOnlyList<KeyedSlide>> PublishedSlidesAsync(CourseDbContext db, int chapterId, CancellationToken cancellationToken) =>
        ChapterContent.ToKeyed(await PublishedRowsAsync(db, chapterId, cancellationToken));

    /// <summary>
    /// The slides that quiz files and course packages number: the published ones, or the draft's for a chapter
    /// never published. (Numbering a published chapter by its draft would tie the file to unpublished work.)
    /// </summary>
    public static async Task<IReadOnlyList<KeyedSlide>> NumberedSlidesAsync(CourseDbContext db, int chapterId, CancellationToken cancellationToken)
    {
        var published = await PublishedSlidesAsync(db, chapterId, cancellationToken);
        return published.Count > 0 ? published : await WorkingSlidesAsync(db, chapterId, cancellationToken);
    }

    /// <summary>
    /// The slides the studio works on: the draft's when there is one (computed from the published slides for
    /// a draft saved before keys were kept), else the published ones.
    /// </summary>
    public static async Task<IReadOnlyList<KeyedSlide>> WorkingSlidesAsync(CourseDbContext db, int chapterId, CancellationToken cancellationToken)
    {
        var draft = await db.ChapterDrafts.AsNoTracking().Where(d => d.ChapterId == chapterId)
            .Select(d => new { d.ScriptText, d.SlideKeysJson }).SingleOrDefaultAsync(cancellationToken);
        if (draft is null)
        {
            return await PublishedSlidesAsync(db, chapterId, cancellationToken);
        }

        return ChapterContent.ReadKeys(draft.SlideKeysJson)
            ?? ChapterContent.KeyedAfter(await PublishedSlidesAsync(db, chapterId, cancellationToken), draft.ScriptText);
    }

    public static async Task<DraftView?> DraftViewAsync(CourseDbContext db, int chapterId, CancellationToken cancellationToken)
    {
        var chapter = await db.Chapters.AsNoTracking().Include(c => c.Course).SingleOrDefaultAsync(c => c.Id == chapterId, cancellationToken);
        if (chapter is null)
        {
            return null;
        }

        var published = await PublishedTextAsync(db, chapterId, cancellationToken);
        var draft = await db.ChapterDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.ChapterId == chapterId, cancellationToken);
        return new DraftView(chapter.Id, chapter.Course.Slug, chapter.Slug, chapter.Title, chapter.Language, chapter.Description, chapter.Status,
            draft?.ScriptText ?? published, chapter.ContentRevision, draft is not null, draft?.SavedBy, draft?.SavedAt, published);
    }

    public static async Task<IReadOnlyList<VersionRow>> HistoryAsync(CourseDbContext db, int chapterId, CancellationToken cancellationToken) =>
        await db.ChapterVersions.AsNoTracking()
            .Where(v => v.ChapterId == chapterId)
            .OrderByDescending(v => v.Number)
            .Select(v => new VersionRow(v.Number, v.PublishedBy, v.PublishedAt, v.SlideCount))
            .ToListAsync(cancellationToken);

    public static Task<string?> VersionTextAsync(CourseDbContext db, int chapterId, int number, CancellationToken cancellationToken) =>
        db.ChapterVersions.AsNoTracking()
            .Where(v => v.ChapterId == chapterId && v.Number == number)
            .Select(v => v.ScriptText)
            .SingleOrDefaultAsync(cancellationToken);

    public static async Task<SaveResult> ConflictAsync(CourseDbContext db, int chapterId, CancellationToken cancellationToken)
    {
        var chapter = await db.Chapters.AsNoTracking().SingleOrDefaultAsync(c => c.Id == chapterId, cancellationToken);
        return chapter is null
            ? new SaveResult.NotFound()
            : await ConflictAsync(db, chapter, await db.ChapterDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.ChapterId == chapterId, cancellationToken), cancellationToken);
    }

    /// <summary>What the chapter holds now, and who wrote it: the draft, or without one the published version.</summary>
    public static async Task<SaveResult.Conflict> ConflictAsync(CourseDbContext db, Chapter chapter, ChapterDraft? draft, CancellationToken cancellationToken)
    {
        if (draft is not null)
        {
            return new SaveResult.Conflict(draft.ScriptText, chapter.ContentRevision, draft.SavedBy, draft.SavedAt);
        }

        var latest = await db.ChapterVersions.AsNoTracking().Where(v => v.ChapterId == chapter.Id).OrderByDescending(v => v.Number)
            .Select(v => new { v.PublishedBy, v.PublishedAt }).FirstOrDefaultAsync(cancellationToken);
        return new SaveResult.Conflict(await PublishedTextAsync(db, chapter.Id, cancellationToken), chapter.ContentRevision, latest?.PublishedBy, latest?.PublishedAt ?? default);
    }

    private static Task<List<Slide>> PublishedRowsAsync(CourseDbContext db, int chapterId, CancellationToken cancellationToken) =>
        db.Slides.AsNoTracking().Where(s => s.ChapterId == chapterId)
            .Include(s => s.Segments).OrderBy(s => s.Position).AsSplitQuery().ToListAsync(cancellationToken);
}
