using Course.Core.Narration;
using Course.Web.Chapters;
using Course.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Course.Web.Narration;

/// <summary>
/// The clips of a chapter's latest published version (none for a chapter that is not published now), each
/// flagged when its line's published text differs from what was recorded.
/// </summary>
public sealed class PublishedClipReader(IDbContextFactory<CourseDbContext> contextFactory) : IPublishedClips
{
    public async Task<IReadOnlyList<PublishedClip>> ForChapterAsync(int chapterId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Chapters.AnyAsync(c => c.Id == chapterId && c.Status == ChapterStatus.Published, cancellationToken)
            || await DraftClips.LatestVersionIdAsync(db, chapterId, cancellationToken) is not { } version)
        {
            return [];
        }

        var clips = await (from p in db.ClipPlacements.AsNoTracking()
                           where p.ChapterVersionId == version
                           join c in db.NarrationClips on p.ClipHash equals c.Hash
                           select new { p.SlideKey, p.Line, p.RecordedText, c.Hash, c.Extension, c.DurationMilliseconds })
            .ToListAsync(cancellationToken);
        if (clips.Count == 0)
        {
            return [];
        }

        var lines = ScriptLines.Of(await ChapterReads.PublishedSlidesAsync(db, chapterId, cancellationToken)).ToDictionary(s => s.SlideKey, s => s.Lines);
        return [.. clips
            .Where(c => lines.TryGetValue(c.SlideKey, out var slide) && c.Line < slide.Count)
            .Select(c => new PublishedClip(c.SlideKey, c.Line, ClipLibrary.UrlOf(c.Hash, c.Extension), c.DurationMilliseconds,
                TextChanged: !string.Equals(lines[c.SlideKey][c.Line], c.RecordedText, StringComparison.Ordinal)))];
    }

    /// <summary>True when the clip is on a line of the latest version of a chapter learners can read now.</summary>
    public static Task<bool> IsPublishedAsync(CourseDbContext db, string hash, CancellationToken cancellationToken) =>
        (from p in db.ClipPlacements
         where p.ClipHash == hash
         join v in db.ChapterVersions on p.ChapterVersionId equals v.Id
         join c in db.Chapters on v.ChapterId equals c.Id
         where c.Status == ChapterStatus.Published
               && v.Number == db.ChapterVersions.Where(x => x.ChapterId == c.Id).Max(x => x.Number)
         select p.Id).AnyAsync(cancellationToken);
}
