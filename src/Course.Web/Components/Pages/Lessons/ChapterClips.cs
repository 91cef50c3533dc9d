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
    private readonly bool[][] spoken;

    private ChapterClips(ChapterView chapter, PublishedClip?[][] bySegment)
    {
        this.bySegment = bySegment;
        spoken = [.. chapter.Slides.Select(s => s.Segments.Select(g => !string.IsNullOrWhiteSpace(g.Text)).ToArray())];
        HasRecording = bySegment.Any(slide => slide.Any(c => c is not null));
    }

    public static ChapterClips None(ChapterView chapter) =>
        new(chapter, [.. chapter.Slides.Select(s => new PublishedClip?[s.Segments.Count])]);

    public static ChapterClips Of(ChapterView chapter, IReadOnlyList<PublishedClip> published)
    {
        var bySlide = published.Where(c => ClipTiming.Usable(c.DurationMilliseconds) is not null && IsSameOrigin(c.Url))
            .GroupBy(c => c.SlideKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return new(chapter, [.. chapter.Slides.Select(slide =>
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

    /// <summary>The clip of the next spoken line after this segment (on this slide or the next), to preload; null when it has none.</summary>
    public PublishedClip? After(int slide, int segment)
    {
        for (var (s, g) = (slide, segment + 1); s < bySegment.Length && s <= slide + 1; (s, g) = (s + 1, 0))
        {
            for (; g < bySegment[s].Length; g++)
            {
                if (spoken[s][g])
                {
                    return bySegment[s][g];
                }
            }
        }

        return null;
    }

    /// <summary>The player's timing of a slide's segments, with each clip's stored duration.</summary>
    public IReadOnlyList<SegmentTiming> Timings(SlideView slide, int slideIndex) =>
        [.. slide.Segments.Select((s, i) => new SegmentTiming(s.ReadingMilliseconds, s.PauseMilliseconds, At(slideIndex, i)?.DurationMilliseconds))];

    // Clips are served by this site (/api/narration/clips/...): anything else is not played in a learner's browser.
    private static bool IsSameOrigin(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal);
}
