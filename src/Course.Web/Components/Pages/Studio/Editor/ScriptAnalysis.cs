using Course.Core.Rendering;
using Course.Core.Scripts;
using Course.Web.Catalog;

namespace Course.Web.Components.Pages.Studio.Editor;

/// <summary>Where a slide sits in the script text: its first and last line (1-based) and how long it plays.</summary>
public sealed record SlideSpan(int Number, int FirstLine, int LastLine, int DurationMilliseconds, string FirstWords);

/// <summary>
/// What the editor knows about a script after parsing it: its errors, or its slides with their lines and
/// durations and the chapter rendered exactly as the player will show it (the preview). All of it comes from one
/// parse (<see cref="Parsed"/>), which the slides view is handed too.
/// </summary>
public sealed record ScriptAnalysis(
    IReadOnlyList<ScriptError> Errors,
    IReadOnlyList<SlideSpan> Slides,
    int TotalMilliseconds,
    ChapterView? Preview)
{
    public bool Succeeded => Errors.Count == 0 && Preview is not null;

    /// <summary>The text analysed and its parse; null before there is any.</summary>
    public ParsedScript? Parsed { get; init; }

    /// <inheritdoc cref="Of(ParsedScript, string, string, string, string, string?)"/>
    public static ScriptAnalysis Of(string text, string courseSlug, string chapterSlug, string title, string language, string? brokenSlideText = null) =>
        Of(ParsedScript.Of(text ?? throw new ArgumentNullException(nameof(text))), courseSlug, chapterSlug, title, language, brokenSlideText);

    /// <param name="brokenSlideText">
    /// For a script with errors: the text shown in place of each slide that has one, so the slides without
    /// errors still preview (null: no preview until the whole script is right).
    /// </param>
    public static ScriptAnalysis Of(ParsedScript parsed, string courseSlug, string chapterSlug, string title, string language, string? brokenSlideText = null)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var result = parsed.Result;
        if (result.Script is not { } script)
        {
            // Without a script the durations are unknown, but the slides' lines still help to find one's way.
            var lineSpans = result.Slides.Select((s, i) => new SlideSpan(i + 1, s.Lines.First, s.Lines.Last, 0, "")).ToList();
            return new ScriptAnalysis(result.Errors, lineSpans, 0,
                brokenSlideText is null ? null : PartialPreview(result, courseSlug, chapterSlug, title, language, brokenSlideText))
            { Parsed = parsed };
        }

        var rendered = ChapterRenderer.Render(script);
        var spans = rendered.Slides.Select((slide, i) => new SlideSpan(
                i + 1, result.Slides[i].Lines.First, result.Slides[i].Lines.Last, slide.DurationMilliseconds, slide.FirstLine))
            .ToList();
        var preview = PreviewOf(rendered, courseSlug, chapterSlug, script.Metadata.Title ?? title, script.Metadata.Language ?? language);
        return new ScriptAnalysis([], spans, rendered.TotalMilliseconds, preview) { Parsed = parsed };
    }

    /// <summary>The slides without errors as the player shows them, each of the others as a notice.</summary>
    private static ChapterView? PartialPreview(
        ScriptParseResult result, string courseSlug, string chapterSlug, string title, string language, string brokenSlideText)
    {
        if (result.Slides.Count == 0)
        {
            return null;
        }

        var notice = new ScriptSlide([new ScriptSegment(brokenSlideText)]);
        var rendered = new RenderedChapter(ScriptMetadata.Empty, [.. result.Slides.Select(s => ChapterRenderer.Render(s.Slide ?? notice))]);
        return PreviewOf(rendered, courseSlug, chapterSlug, title, language);
    }

    /// <summary>A rendered chapter as the player takes it; slide keys are stable while editing and never a real slide's.</summary>
    private static ChapterView PreviewOf(RenderedChapter rendered, string courseSlug, string chapterSlug, string title, string language)
    {
        var chapter = new ChapterSummary(0, chapterSlug, title, language, rendered.Metadata.Description, rendered.Slides.Count,
            rendered.SegmentCount, rendered.TotalPauseMilliseconds, rendered.TotalMilliseconds);
        return new ChapterView(courseSlug, "", chapter, [.. rendered.Slides.Select((s, i) => new SlideView(i + 1, $"preview-{i + 1}", s))]);
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
}
