using Course.Core.Authoring;
using Course.Core.Rendering;
using Course.Core.Scripts;

namespace Course.Core.Narration;

/// <summary>
/// A slide's spoken lines as clips count them: the slide's written lines (<see cref="SlideLayout.Lines"/>: a
/// segment continuing a line joins it), from 0, including a line that is only a pause, so line <c>n</c> is
/// the WebVTT cue <c>{slide}-{n + 1}</c>. A line's text is its segments' texts, each trimmed, joined by a space.
/// </summary>
public static class ScriptLines
{
    public static IReadOnlyList<string> Of(ScriptSlide slide) =>
        [.. SlideLayout.Lines(slide.Segments, s => s.ContinuesLine)
            .Select(line => string.Join(' ', line.Segments.Select(s => s.Text.Trim()).Where(t => t.Length > 0)))];

    /// <summary>The pause written after each of a slide's lines (its last segment's), in the order of <see cref="Of(ScriptSlide)"/>.</summary>
    public static IReadOnlyList<int> PausesOf(ScriptSlide slide) =>
        [.. SlideLayout.Lines(slide.Segments, s => s.ContinuesLine).Select(line => line.Segments[^1].PauseMilliseconds)];

    /// <summary>Each keyed slide's lines (a slide's text that no longer parses has none).</summary>
    public static IReadOnlyList<SlideLines> Of(IReadOnlyList<KeyedSlide> slides) =>
        [.. slides.Select(slide => new SlideLines(slide.Key,
            ScriptParser.Parse(slide.Text).Script?.Slides is [var only, ..] ? Of(only) : []))];
}
