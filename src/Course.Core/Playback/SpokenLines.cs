using Course.Core.Rendering;

namespace Course.Core.Playback;

/// <summary>
/// A slide's lines as recorded clips count them (<c>Course.Core.Narration.ScriptLines</c>): its written lines
/// (<see cref="SlideLayout.Lines"/>: a segment that continues a line joins it), from 0, a line that is only a pause
/// included. One clip holds its whole line: it plays on the line's first segment, and the line's later segments are
/// spoken inside it (<see cref="SegmentTiming.InClip"/>).
/// </summary>
public static class SpokenLines
{
    /// <summary>Each written line's first segment and how many segments it has, from each segment's "continues the line".</summary>
    public static IReadOnlyList<(int First, int Count)> Of(IReadOnlyList<bool> continuesLine) =>
        [.. SlideLayout.Lines(continuesLine, c => c).Select(l => (l.FirstIndex, l.Segments.Count))];
}
