using Course.Core.Scripts;
using Course.Core.Timing;

namespace Course.Core.Rendering;

/// <summary>
/// A chapter as learners are shown it: every segment's text rendered to safe HTML, with its reading time and pause.
/// Built by <see cref="ChapterRenderer"/> from a parsed script; the player and the studio's preview both show this.
/// </summary>
public sealed record RenderedChapter(ScriptMetadata Metadata, IReadOnlyList<RenderedSlide> Slides)
{
    public int SegmentCount => Slides.Sum(s => s.Segments.Count);

    public int TotalPauseMilliseconds => Slides.Sum(s => s.Segments.Sum(g => g.PauseMilliseconds));

    /// <summary>How long the chapter plays at normal speed: its slides' durations.</summary>
    public int TotalMilliseconds => Slides.Sum(s => s.DurationMilliseconds);
}

/// <summary>A rendered slide: its segments, in order.</summary>
public sealed record RenderedSlide(IReadOnlyList<SlideSegment> Segments)
{
    /// <summary>What an outline shows for the slide: its first words that are not silence.</summary>
    public string FirstLine => Segments.Select(s => s.PlainText).FirstOrDefault(t => t.Length > 0) ?? "";

    /// <summary>
    /// How long the slide plays at normal speed: each segment's reading time and then its pause. The one place a
    /// duration is added up; a chapter's, the studio's timeline and the progress rules all start from it.
    /// </summary>
    public int DurationMilliseconds => Segments.Sum(s => s.ReadingMilliseconds + s.PauseMilliseconds);
}

/// <summary>
/// One segment of a rendered slide. <see cref="Html"/> comes from <see cref="SegmentMarkdown"/> (never the author's
/// raw HTML); <see cref="Text"/> is the script's text, for the studio and the API.
/// </summary>
public sealed record SlideSegment(
    string Text,
    string Html,
    string PlainText,
    int PauseMilliseconds,
    int ReadingMilliseconds,
    ListKind List,
    int? ListNumber,
    bool ContinuesLine);

/// <summary>Renders a parsed script for showing: the one path from script text to what a browser receives.</summary>
public static class ChapterRenderer
{
    public static RenderedChapter Render(ChapterScript script, ReadingPace? pace = null)
    {
        ArgumentNullException.ThrowIfNull(script);
        return new RenderedChapter(script.Metadata, [.. script.Slides.Select(s => Render(s, pace))]);
    }

    public static RenderedSlide Render(ScriptSlide slide, ReadingPace? pace = null)
    {
        ArgumentNullException.ThrowIfNull(slide);
        var reading = pace ?? ReadingPace.Default;
        return new RenderedSlide([.. slide.Segments.Select(segment =>
        {
            var rendered = SegmentMarkdown.Render(segment.Text);
            return new SlideSegment(segment.Text, rendered.Html, rendered.PlainText, segment.PauseMilliseconds,
                reading.ReadingMilliseconds(rendered.PlainText), rendered.List, rendered.ListNumber, segment.ContinuesLine);
        })]);
    }
}
