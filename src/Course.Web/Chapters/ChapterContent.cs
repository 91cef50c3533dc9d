using System.Security.Cryptography;
using System.Text.Json;
using Course.Core.Authoring;
using Course.Core.Scripts;
using Course.Core.Rendering;
using Course.Web.Data;

namespace Course.Web.Chapters;

/// <summary>
/// The conversions between a chapter's three forms: slide rows (what learners get), script text (what
/// instructors edit, drafts and versions) and keyed slides (each slide's text with the key that links
/// progress and quizzes to it; a draft keeps them as JSON in <see cref="ChapterDraft.SlideKeysJson"/>).
/// Pure: <see cref="ChapterStore"/> reads and writes the rows.
/// </summary>
public static class ChapterContent
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The script's slides as new rows, each with a fresh key (publishing then gives continuing slides their old ones).</summary>
    public static List<Slide> ToSlides(ChapterScript script) =>
        [.. script.Slides.Select((slide, s) => new Slide
        {
            Position = s + 1,
            Key = NewSlideKey(),
            Segments = [.. slide.Segments.Select((segment, g) => new Segment
            {
                Position = g + 1,
                Text = segment.Text,
                PauseMilliseconds = segment.PauseMilliseconds,
                BreakMarkup = segment.Pause?.Markup,
                ContinuesLine = segment.ContinuesLine,
            })],
        })];

    /// <summary>The script's slides as new rows, each keeping the key of the slide it continues in <paramref name="previous"/>.</summary>
    public static List<Slide> ToSlides(ChapterScript script, IReadOnlyList<KeyedSlide> previous)
    {
        var keys = KeyedSlides.Follow(previous, KeyedSlides.TextsOf(script), NewSlideKey);
        var slides = ToSlides(script);
        for (var i = 0; i < slides.Count; i++)
        {
            slides[i].Key = keys[i].Key;
        }

        return slides;
    }

    public static ChapterScript ToScript(IEnumerable<Slide> slides, ScriptMetadata? metadata = null) =>
        new(metadata ?? ScriptMetadata.Empty,
            [.. slides.OrderBy(s => s.Position).Select(slide => new ScriptSlide(
                [.. slide.Segments.OrderBy(g => g.Position).Select(g => new ScriptSegment(
                    g.Text,
                    g.BreakMarkup is null ? null : new Pause(g.PauseMilliseconds, g.BreakMarkup),
                    g.ContinuesLine))]))]);

    /// <summary>The rows as script text without front matter: the published text the editor starts from ("" without slides).</summary>
    public static string ToText(IEnumerable<Slide> slides)
    {
        var script = ToScript(slides);
        return script.Slides.Count == 0 ? "" : ScriptWriter.Write(script, includeMetadata: false);
    }

    /// <summary>The rows, in order, as keyed slides.</summary>
    public static IReadOnlyList<KeyedSlide> ToKeyed(IEnumerable<Slide> slides) =>
        [.. slides.OrderBy(s => s.Position).Select(s => new KeyedSlide(s.Key, ScriptWriter.Write(ToScript([s]), includeMetadata: false)))];

    /// <summary>Copies the figures the catalogue shows onto the chapter row.</summary>
    public static void UpdateTotals(Chapter chapter, ChapterScript script)
    {
        chapter.SlideCount = script.Slides.Count;
        chapter.SegmentCount = script.SegmentCount;
        chapter.TotalPauseMilliseconds = script.TotalPauseMilliseconds;
        chapter.EstimatedMilliseconds = ChapterRenderer.Render(script).TotalMilliseconds;
    }

    /// <summary>
    /// A published script's front matter becomes the chapter's title, language and description (what it
    /// leaves out stays); null when applied, else the first problem, and the chapter is left as it was.
    /// </summary>
    public static MetadataFieldProblem? ApplyMetadata(Chapter chapter, ScriptMetadata metadata)
    {
        if (ChapterMetadataRules.Check(new ChapterMetadata(metadata.Title, metadata.Language, null, metadata.Description)) is [var problem, ..])
        {
            return problem;
        }

        chapter.Title = metadata.Title ?? chapter.Title;
        chapter.Language = metadata.Language ?? chapter.Language;
        chapter.Description = metadata.Description ?? chapter.Description;
        return null;
    }

    /// <summary>A short random key: unique within a chapter, stable across edits.</summary>
    public static string NewSlideKey() =>
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    /// <summary>The keyed slides after saving <paramref name="text"/>: followed when it parses, kept as they were when not.</summary>
    public static IReadOnlyList<KeyedSlide> KeyedAfter(IReadOnlyList<KeyedSlide> previous, string text)
    {
        var parsed = ScriptParser.Parse(text);
        return parsed.Succeeded ? KeyedSlides.Follow(previous, KeyedSlides.TextsOf(parsed.Script!), NewSlideKey) : previous;
    }

    /// <summary>A draft's stored keys; null for a draft saved before keys were kept.</summary>
    public static IReadOnlyList<KeyedSlide>? ReadKeys(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<List<KeyedSlide>>(json, Json);

    public static string WriteKeys(IReadOnlyList<KeyedSlide> slides) => JsonSerializer.Serialize(slides, Json);

    /// <summary>Slide number (1-based, in order) → key, as quiz files and packages name slides.</summary>
    public static Dictionary<int, string> KeysByNumber(IReadOnlyList<KeyedSlide> slides) =>
        slides.Select((slide, index) => (slide.Key, Number: index + 1)).ToDictionary(s => s.Number, s => s.Key);

    /// <summary>Key → slide number (1-based, in order).</summary>
    public static Dictionary<string, int> NumbersByKey(IReadOnlyList<KeyedSlide> slides) =>
        slides.Select((slide, index) => (slide.Key, Number: index + 1)).ToDictionary(s => s.Key, s => s.Number);
}
