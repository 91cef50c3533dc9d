using System.Security.Cryptography;
using Course.Core.Scripts;
using Course.Core.Rendering;
using Course.Web.Data;

namespace Course.Web.Chapters;

/// <summary>Moves a chapter's slides between the script model and the stored rows.</summary>
public static class ChapterContent
{
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

    public static ChapterScript ToScript(IEnumerable<Slide> slides, ScriptMetadata? metadata = null) =>
        new(metadata ?? ScriptMetadata.Empty,
            [.. slides.OrderBy(s => s.Position).Select(slide => new ScriptSlide(
                [.. slide.Segments.OrderBy(g => g.Position).Select(g => new ScriptSegment(
                    g.Text,
                    g.BreakMarkup is null ? null : new Pause(g.PauseMilliseconds, g.BreakMarkup),
                    g.ContinuesLine))]))]);

    /// <summary>Copies the figures the catalogue shows onto the chapter row.</summary>
    public static void UpdateTotals(Chapter chapter, ChapterScript script)
    {
        chapter.SlideCount = script.Slides.Count;
        chapter.SegmentCount = script.SegmentCount;
        chapter.TotalPauseMilliseconds = script.TotalPauseMilliseconds;
        chapter.EstimatedMilliseconds = ChapterRenderer.Render(script).TotalMilliseconds;
    }

    /// <summary>A short random key: unique within a chapter, stable across edits.</summary>
    public static string NewSlideKey() =>
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
