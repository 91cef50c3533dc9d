using Course.Core.Playback;
using Course.Web.Catalog;
using Course.Web.Narration;

namespace Course.Web.Components.Pages.Lessons;

/// <summary>
/// A chapter's recorded clips laid on its segments: each published clip goes to its slide (by key) and spoken line
/// (<see cref="SpokenLines"/>); a clip for a slide or line the chapter no longer has, or of no length, is left out.
/// </summary>
public sealed class ChapterClips
{
    private readonly PublishedClip?[][] bySegment;

    private ChapterClips(PublishedClip?[][] bySegment)
    {
        this.bySegment = bySegment;
        HasRecording = bySegment.Any(slide => slide.Any(c => c is not null));
    }

    public static ChapterClips None(ChapterView chapter) =>
        new([.. chapter.Slides.Select(s => new PublishedClip?[s.Segments.Count])]);

    public static ChapterClips Of(ChapterView chapter, IReadOnlyList<PublishedClip> published)
    {
        var bySlide = published.Where(c => ClipTiming.Usable(c.DurationMilliseconds) is not null && IsSameOrigin(c.Url))
            .GroupBy(c => c.SlideKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return new([.. chapter.Slides.Select(slide =>
        {
            var segments = new PublishedClip?[slide.Segments.Count];
            if (bySlide.TryGetValue(slide.Key, out var clips))
            {
                var texts = slide.Segments.Select(s => s.Text).ToList();
                foreach (var clip in clips)
                {
                    if (SpokenLines.Segment(texts, clip.Line) is { } segment)
                    {
                        segments[segment] = clip;
                    }
                }
            }

            return segments;
        })]);
    }

    /// <summary>Whether any line of the chapter has a recorded clip (the player then offers captions).</summary>
    public bool HasRecording { get; }

    public PublishedClip? At(int slide, int segment) =>
        slide >= 0 && slide < bySegment.Length && segment >= 0 && segment < bySegment[slide].Length ? bySegment[slide][segment] : null;

    /// <summary>The clip of the line played after this one (the next segment, or the next slide's first), to preload.</summary>
    public PublishedClip? After(int slide, int segment) =>
        segment + 1 < (slide >= 0 && slide < bySegment.Length ? bySegment[slide].Length : 0) ? At(slide, segment + 1) : At(slide + 1, 0);

    /// <summary>The player's timing of a slide's segments, with each clip's stored duration.</summary>
    public IReadOnlyList<SegmentTiming> Timings(SlideView slide, int slideIndex) =>
        [.. slide.Segments.Select((s, i) => new SegmentTiming(s.ReadingMilliseconds, s.PauseMilliseconds, At(slideIndex, i)?.DurationMilliseconds))];

    // Clips are served by this site (/api/narration/clips/...): anything else is not played in a learner's browser.
    private static bool IsSameOrigin(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal);
}
