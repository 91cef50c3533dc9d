using Course.Core.Authoring;
using Course.Core.Narration;
using Course.Core.Scripts;
using Course.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Course.Web.Chapters;

/// <summary>A clip on a line: the slide's key, the line (from 0), the text it was recorded for, the clip's hash.</summary>
public sealed record ClipOnLine(string SlideKey, int Line, string RecordedText, string ClipHash);

/// <summary>A draft's line and its clip, if any: what the editor shows beside the line.</summary>
public sealed record DraftLineClip(string SlideKey, int Line, string Text, string? RecordedText, string? ClipHash, string? Extension, int DurationMilliseconds, int PauseMilliseconds = 0)
{
    public bool HasClip => ClipHash is not null;

    /// <summary>The line's text changed since it was recorded (the clip plays, flagged until re-recorded or kept).</summary>
    public bool TextChanged => RecordedText is not null && !string.Equals(Text, RecordedText, StringComparison.Ordinal);

    /// <summary>The line as the studio shows it: its Markdown rendered to plain words, never the author's HTML.</summary>
    public string Words => Course.Core.Rendering.SegmentMarkdown.Render(Text).PlainText;
}

/// <summary>
/// The clip placements of a chapter's draft and versions, read inside a caller's context, and where they go
/// after an edit (pure). <see cref="ChapterStore"/> alone writes them.
/// </summary>
public static class DraftClips
{
    /// <summary>
    /// The draft's clips: its own rows when it has a draft, else the latest version's (the draft starts from
    /// the published chapter, clips and all).
    /// </summary>
    public static async Task<IReadOnlyList<ClipOnLine>> WorkingAsync(CourseDbContext db, int chapterId, bool hasDraft, CancellationToken cancellationToken)
    {
        if (hasDraft)
        {
            return await db.ClipPlacements.AsNoTracking().Where(p => p.ChapterId == chapterId && p.ChapterVersionId == null)
                .OrderBy(p => p.Id).Select(p => new ClipOnLine(p.SlideKey, p.Line, p.RecordedText, p.ClipHash)).ToListAsync(cancellationToken);
        }

        var latest = await LatestVersionIdAsync(db, chapterId, cancellationToken);
        return latest is null ? [] : await OfVersionAsync(db, latest.Value, cancellationToken);
    }

    public static async Task<IReadOnlyList<ClipOnLine>> OfVersionAsync(CourseDbContext db, int versionId, CancellationToken cancellationToken) =>
        await db.ClipPlacements.AsNoTracking().Where(p => p.ChapterVersionId == versionId)
            .OrderBy(p => p.Id).Select(p => new ClipOnLine(p.SlideKey, p.Line, p.RecordedText, p.ClipHash)).ToListAsync(cancellationToken);

    public static Task<int?> LatestVersionIdAsync(CourseDbContext db, int chapterId, CancellationToken cancellationToken) =>
        db.ChapterVersions.AsNoTracking().Where(v => v.ChapterId == chapterId).OrderByDescending(v => v.Number)
            .Select(v => (int?)v.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Every line of the draft's slides, in order, with its clip when it has one.</summary>
    public static async Task<IReadOnlyList<DraftLineClip>> LinesAsync(CourseDbContext db, int chapterId, CancellationToken cancellationToken)
    {
        var hasDraft = await db.ChapterDrafts.AnyAsync(d => d.ChapterId == chapterId, cancellationToken);
        var clips = await WorkingAsync(db, chapterId, hasDraft, cancellationToken);
        var hashes = clips.Select(c => c.ClipHash).Distinct().ToList();
        var stored = await db.NarrationClips.AsNoTracking().Where(c => hashes.Contains(c.Hash))
            .Select(c => new { c.Hash, c.Extension, c.DurationMilliseconds }).ToDictionaryAsync(c => c.Hash, cancellationToken);
        var onLine = clips.ToDictionary(c => (c.SlideKey, c.Line));
        var keyed = await ChapterReads.WorkingSlidesAsync(db, chapterId, cancellationToken);
        var pauses = keyed.DistinctBy(s => s.Key).ToDictionary(s => s.Key, s => ScriptParser.Parse(s.Text).Script?.Slides is [var only, ..] ? ScriptLines.PausesOf(only) : []);
        int PauseOf(string key, int line) => pauses.TryGetValue(key, out var p) && line < p.Count ? p[line] : 0;
        return [.. ScriptLines.Of(keyed).SelectMany(slide => slide.Lines.Select((text, line) =>
            onLine.TryGetValue((slide.SlideKey, line), out var clip) && stored.TryGetValue(clip.ClipHash, out var audio)
                ? new DraftLineClip(slide.SlideKey, line, text, clip.RecordedText, clip.ClipHash, audio.Extension, audio.DurationMilliseconds, PauseOf(slide.SlideKey, line))
                : new DraftLineClip(slide.SlideKey, line, text, null, null, null, 0, PauseOf(slide.SlideKey, line))))];
    }

    /// <summary>The clips after the slides went from <paramref name="before"/> to <paramref name="after"/>; a clip whose line was deleted is dropped.</summary>
    public static IReadOnlyList<ClipOnLine> Follow(IReadOnlyList<ClipOnLine> clips, IReadOnlyList<KeyedSlide> before, IReadOnlyList<KeyedSlide> after)
    {
        if (clips.Count == 0)
        {
            return [];
        }

        var byId = clips.Select((c, i) => (Id: i.ToString(System.Globalization.CultureInfo.InvariantCulture), Clip: c)).ToDictionary(c => c.Id, c => c.Clip);
        var placement = ClipPlacer.Place(ScriptLines.Of(before), ScriptLines.Of(after),
            [.. byId.Select(c => new LineClip(c.Key, c.Value.SlideKey, c.Value.Line, c.Value.RecordedText))]);
        return [.. placement.Placed.Select(p => new ClipOnLine(p.SlideKey, p.Line, p.RecordedText, byId[p.ClipId].ClipHash))];
    }

    /// <summary>The text of a slide's line, or null when the slide or line is not there.</summary>
    public static string? LineText(IReadOnlyList<KeyedSlide> slides, string slideKey, int line) =>
        ScriptLines.Of(slides).FirstOrDefault(s => s.SlideKey == slideKey)?.Lines is { } lines && line >= 0 && line < lines.Count
            ? lines[line]
            : null;

    /// <summary>Numbered clips on keyed slides (slide n is the n-th keyed slide).</summary>
    /// <exception cref="ArgumentException">A clip names a slide or line the slides do not have.</exception>
    public static IReadOnlyList<ClipOnLine> OnSlides(IReadOnlyList<KeyedSlide> slides, IReadOnlyList<NumberedClip> clips)
    {
        var keys = ChapterContent.KeysByNumber(slides);
        return [.. clips.Select(c => keys.TryGetValue(c.Slide, out var key) && LineText(slides, key, c.Line) is not null
            ? new ClipOnLine(key, c.Line, c.RecordedText, c.ClipHash)
            : throw new ArgumentException($"slide {c.Slide}, line {c.Line}: no such line for a clip", nameof(clips)))];
    }
}
