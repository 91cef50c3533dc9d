namespace Course.Core.Playback;

/// <summary>
/// Which segments of a slide are its spoken lines, the lines a clip is recorded for: every segment with words, in
/// order (a pause on its own line says nothing, so it has no clip). Line <c>n</c> of a slide (from 0), as
/// <c>PublishedClip.Line</c> and <c>ClipPlacer</c> count it, is the segment at index <c>SegmentsOf(...)[n]</c>.
/// </summary>
public static class SpokenLines
{
    public static IReadOnlyList<int> SegmentsOf(IReadOnlyList<string> segmentTexts) =>
        [.. Enumerable.Range(0, segmentTexts.Count).Where(i => !string.IsNullOrWhiteSpace(segmentTexts[i]))];

    /// <summary>The segment a slide's spoken line is, or null when the slide has no such line.</summary>
    public static int? Segment(IReadOnlyList<string> segmentTexts, int line)
    {
        var segments = SegmentsOf(segmentTexts);
        return line >= 0 && line < segments.Count ? segments[line] : null;
    }
}
