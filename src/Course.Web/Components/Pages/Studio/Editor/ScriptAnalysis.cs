using Course.Core.Scripts;
using Course.Core.Timing;
using Course.Web.Catalog;
using Course.Web.Chapters;
using Course.Web.Data;

namespace Course.Web.Components.Pages.Studio.Editor;

/// <summary>Where a slide sits in the script text: its first and last line (1-based) and how long it plays.</summary>
public sealed record SlideSpan(int Number, int FirstLine, int LastLine, int DurationMilliseconds, string FirstWords);

/// <summary>
/// What the editor knows about a script after parsing it: its errors, or its slides with their lines and
/// durations and the chapter rendered exactly as the player will show it (the preview).
/// </summary>
public sealed record ScriptAnalysis(
    IReadOnlyList<ScriptError> Errors,
    IReadOnlyList<SlideSpan> Slides,
    int TotalMilliseconds,
    ChapterView? Preview)
{
    public bool Succeeded => Errors.Count == 0 && Preview is not null;

    /// <param name="brokenSlideText">
    /// For a script with errors: the text shown in place of each slide that has one, so the slides without
    /// errors still preview (null: no preview until the whole script is right).
    /// </param>
    public static ScriptAnalysis Of(string text, string courseSlug, string chapterSlug, string title, string language, string? brokenSlideText = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parsed = ScriptParser.Parse(text);
        var blocks = Blocks(text);
        if (!parsed.Succeeded)
        {
            // Without a script the durations are unknown, but the slides' lines still help to find one's way.
            var lineSpans = blocks.Select((b, i) => new SlideSpan(i + 1, b.First, b.Last, 0, "")).ToList();
            return new ScriptAnalysis(parsed.Errors, lineSpans, 0,
                brokenSlideText is null ? null : PartialPreview(text, blocks, courseSlug, chapterSlug, title, language, brokenSlideText));
        }

        var script = parsed.Script!;
        var slides = ChapterContent.ToSlides(script);
        var views = new List<SlideView>(slides.Count);
        foreach (var slide in slides)
        {
            slide.Key = "preview-" + slide.Position; // stable while editing, never a real slide's key
            views.Add(CatalogReader.Render(slide, null));
        }

        var total = views.Sum(v => v.DurationMilliseconds);
        var chapter = new ChapterSummary(0, chapterSlug, script.Metadata.Title ?? title, script.Metadata.Language ?? language,
            script.Metadata.Description, views.Count, script.SegmentCount, script.TotalPauseMilliseconds, total);
        var spans = views.Select((v, i) => i < blocks.Count
                ? new SlideSpan(v.Number, blocks[i].First, blocks[i].Last, v.DurationMilliseconds, v.FirstLine)
                : new SlideSpan(v.Number, 1, 1, v.DurationMilliseconds, v.FirstLine))
            .ToList();
        return new ScriptAnalysis([], spans, total, new ChapterView(courseSlug, "", chapter, views));
    }

    /// <summary>Each slide parsed on its own: the ones without errors as the player shows them, the others as a notice.</summary>
    private static ChapterView? PartialPreview(
        string text, IReadOnlyList<(int First, int Last)> blocks, string courseSlug, string chapterSlug, string title, string language, string brokenSlideText)
    {
        if (blocks.Count == 0)
        {
            return null;
        }

        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var views = new List<SlideView>(blocks.Count);
        var segments = 0;
        foreach (var (block, index) in blocks.Select((b, i) => (b, i)))
        {
            var alone = ScriptParser.Parse(string.Join('\n', lines[(block.First - 1)..block.Last]));
            var slide = alone is { Succeeded: true, Script.Slides.Count: 1 }
                ? ChapterContent.ToSlides(alone.Script)[0]
                : new Slide { Key = "", Segments = [new Segment { Position = 1, Text = brokenSlideText }] };
            slide.Position = index + 1;
            slide.Key = "preview-" + slide.Position;
            views.Add(CatalogReader.Render(slide, null));
            segments += slide.Segments.Count;
        }

        var total = views.Sum(v => v.DurationMilliseconds);
        var chapter = new ChapterSummary(0, chapterSlug, title, language, null, views.Count, segments, 0, total);
        return new ChapterView(courseSlug, "", chapter, views);
    }

    /// <summary>The 1-based slide a line belongs to: the slide it is in, else the next one after it, else the last.</summary>
    public int SlideAtLine(int line)
    {
        if (Slides.Count == 0)
        {
            return 1;
        }

        foreach (var slide in Slides)
        {
            if (line <= slide.LastLine)
            {
                return slide.Number;
            }
        }

        return Slides[^1].Number;
    }

    /// <summary>
    /// The script's slides as runs of non-blank lines after the front matter, exactly as the parser cuts them
    /// (a line of only spaces or tabs is blank).
    /// </summary>
    public static IReadOnlyList<(int First, int Last)> Blocks(string text)
    {
        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var start = 0;
        if (lines.Length > 0 && lines[0].TrimEnd() == "---")
        {
            var close = Array.FindIndex(lines, 1, l => l.TrimEnd(' ', '\t', '\u00A0') == "---");
            start = close < 0 ? lines.Length : close + 1;
        }

        var blocks = new List<(int, int)>();
        int? first = null;
        for (var i = start; i <= lines.Length; i++)
        {
            var blank = i == lines.Length || lines[i].TrimEnd(' ', '\t', '\u00A0').Length == 0;
            if (!blank && first is null)
            {
                first = i + 1;
            }
            else if (blank && first is not null)
            {
                blocks.Add((first.Value, i));
                first = null;
            }
        }

        return blocks;
    }
}
