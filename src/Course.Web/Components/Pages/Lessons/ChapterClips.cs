using Course.Core.Playback;
using Course.Web.Catalog;
using Course.Web.Narration;

namespace Course.Web.Components.Pages.Lessons;

/// <summary>
/// A chapter's recorded clips laid on its segments: each published clip goes to its slide (by key) and line
/// (<see cref="SpokenLines"/>), on the line's first segment; the line's later segments are spoken inside it. A clip
/// for a slide or line the chapter no longer has, of no length, or not on this site, is left out.
/// </summary>
public sealed class ChapterClips
{
    private readonly PublishedClip?[][] bySegment;
    private readonly bool[][] inClip;
    private readonly bool[][] spoken;

    private ChapterClips(ChapterView chapter, IReadOnlyDictionary<string, List<PublishedClip>> bySlide)
    {
        bySegment = new PublishedClip?[chapter.Slides.Count][];
        inClip = new bool[chapter.Slides.Count][];
        spoken = new bool[chapter.Slides.Count][];
        for (var s = 0; s < chapter.Slides.Count; s++)
        {
            var segments = chapter.Slides[s].Segments;
            bySegment[s] = new PublishedClip?[segments.Count];
            inClip[s] = new bool[segments.Count];
            spoken[s] = [.. segments.Select(g => !string.IsNullOrWhiteSpace(g.Text))];
            if (!bySlide.TryGetValue(chapter.Slides[s].Key, out var clips))
            {
                continue;
            }

            var lines = SpokenLines.Of([.. segments.Select(g => g.ContinuesLine)]);
            foreach (var clip in clips.Where(c => c.Line >= 0 && c.Line < lines.Count))
            {
                var (first, count) = lines[clip.Line];
                bySegment[s][first] = clip;
                for (var i = first + 1; i < first + count; i++)
                {
                    inClip[s][i] = true;
                }
            }
        }

        HasRecording = bySegment.Any(slide => slide.Any(c => c is not null));
    }

    public static ChapterClips None(ChapterView chapter) => new(chapter, new Dictionary<string, List<PublishedClip>>());

    public static ChapterClips Of(ChapterView chapter, IReadOnlyList<PublishedClip> published) =>
        new(chapter, published.Where(c => ClipTiming.Usable(c.DurationMilliseconds) is not null && IsSameOrigin(c.Url))
            .GroupBy(c => c.SlideKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal));

    /// <summary>Whether any line of the chapter has a recorded clip (the player then offers captions).</summary>
    public bool HasRecording { get; }

    public PublishedClip? At(int slide, int segment) => Has(slide, segment) ? bySegment[slide][segment] : null;

    /// <summary>The segment is spoken inside its line's clip, played on the line's first segment.</summary>
    public bool IsInClip(int slide, int segment) => Has(slide, segment) && inClip[slide][segment];

    /// <summary>The clip of the next spoken line after this segment (on this slide or the next), to preload; null when it has none.</summary>
    public PublishedClip? After(int slide, int segment)
    {
        for (var (s, g) = (slide, segment + 1); s < bySegment.Length && s <= slide + 1; (s, g) = (s + 1, 0))
        {
            for (; g < bySegment[s].Length; g++)
            {
                if (spoken[s][g] && !inClip[s][g])
                {
                    return bySegment[s][g];
                }
            }
        }

        return null;
    }

    /// <summary>The player's timing of a slide's segments, with each clip's stored duration.</summary>
    public IReadOnlyList<SegmentTiming> Timings(SlideView slide, int slideIndex) =>
        [.. slide.Segments.Select((s, i) => new SegmentTiming(s.ReadingMilliseconds, s.PauseMilliseconds, At(slideIndex, i)?.DurationMilliseconds, IsInClip(slideIndex, i)))];

    private bool Has(int slide, int segment) =>
        slide >= 0 && slide < bySegment.Length && segment >= 0 && segment < bySegment[slide].Length;

    // Clips are served by this site (/api/narration/clips/...): anything else is not played in a learner's browser.
    private static bool IsSameOrigin(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal);
}
