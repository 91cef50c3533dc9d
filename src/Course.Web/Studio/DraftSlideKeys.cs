using System.Text.Json;
using Course.Core.Authoring;
using Course.Core.Scripts;
using Course.Web.Chapters;
using Course.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Course.Web.Studio;

/// <summary>
/// Slide keys for drafts: every save that parses carries the keys forward (<see cref="KeyedSlides"/>), so
/// quizzes can name draft slides (a new chapter's included) and publishing keeps the keys the draft gave.
/// Stored as JSON beside the draft text (<see cref="ChapterDraft.SlideKeysJson"/>).
/// </summary>
public static class DraftSlideKeys
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<KeyedSlide>? Read(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<List<KeyedSlide>>(json, Json);

    public static string Write(IReadOnlyList<KeyedSlide> slides) => JsonSerializer.Serialize(slides, Json);

    /// <summary>Slide number (1-based, in order) → key, as quiz files and packages name slides.</summary>
    public static Dictionary<int, string> KeysByNumber(IReadOnlyList<KeyedSlide> slides) =>
        slides.Select((slide, index) => (slide.Key, Number: index + 1)).ToDictionary(s => s.Number, s => s.Key);

    /// <summary>Key → slide number (1-based, in order).</summary>
    public static Dictionary<string, int> NumbersByKey(IReadOnlyList<KeyedSlide> slides) =>
        slides.Select((slide, index) => (slide.Key, Number: index + 1)).ToDictionary(s => s.Key, s => s.Number);

    /// <summary>The keyed slides after saving <paramref name="text"/>: followed when it parses, kept as they were when not.</summary>
    public static IReadOnlyList<KeyedSlide> After(IReadOnlyList<KeyedSlide> previous, string text)
    {
        var parsed = ScriptParser.Parse(text);
        return parsed.Succeeded ? KeyedSlides.Follow(previous, KeyedSlides.TextsOf(parsed.Script!), ChapterContent.NewSlideKey) : previous;
    }

    /// <summary>The published slides with their keys, in order.</summary>
    public static async Task<IReadOnlyList<KeyedSlide>> PublishedAsync(CourseDbContext db, int chapterId, CancellationToken cancellationToken)
    {
        var slides = await db.Slides.AsNoTracking().Where(s => s.ChapterId == chapterId)
            .Include(s => s.Segments).OrderBy(s => s.Position).AsSplitQuery().ToListAsync(cancellationToken);
        return [.. slides.Select(s => new KeyedSlide(s.Key, ScriptWriter.Write(ChapterContent.ToScript([s]), includeMetadata: false)))];
    }

    /// <summary>
    /// The slides that quiz files and course packages number: the published ones, or the draft's for a chapter
    /// never published. (Numbering a published chapter by its draft would tie the file to unpublished work.)
    /// </summary>
    public static async Task<IReadOnlyList<KeyedSlide>> NumberedAsync(CourseDbContext db, int chapterId, CancellationToken cancellationToken)
    {
        var published = await PublishedAsync(db, chapterId, cancellationToken);
        return published.Count > 0 ? published : await WorkingAsync(db, chapterId, cancellationToken);
    }

    /// <summary>
    /// The slides the studio works on: the draft's when there is one (computed from the published slides for
    /// a draft saved before keys were kept), else the published ones.
    /// </summary>
    public static async Task<IReadOnlyList<KeyedSlide>> WorkingAsync(CourseDbContext db, int chapterId, CancellationToken cancellationToken)
    {
        var draft = await db.ChapterDrafts.AsNoTracking().Where(d => d.ChapterId == chapterId)
            .Select(d => new { d.ScriptText, d.SlideKeysJson }).SingleOrDefaultAsync(cancellationToken);
        if (draft is null)
        {
            return await PublishedAsync(db, chapterId, cancellationToken);
        }

        return Read(draft.SlideKeysJson) ?? After(await PublishedAsync(db, chapterId, cancellationToken), draft.ScriptText);
    }
}
