using Course.Core.Captions;
using Course.Core.Playback;
using Course.Web.Narration;

namespace Course.Web.Catalog;

/// <summary>
/// A published chapter's captions, timed as the player reveals it: a line with a recorded clip lasts the clip (its
/// later segments are spoken inside it, so their reading time and the pauses between them are in the recording),
/// every other segment its reading time at the narration pace; each line's pause follows it.
/// </summary>
public static class ChapterCaptions
{
    public static string WebVtt(ChapterView chapter, IReadOnlyList<PublishedClip> clips)
    {
        var clipLengths = new Dictionary<(string Slide, int Line), int>();
        foreach (var clip in clips)
        {
            if (ClipTiming.Usable(clip.DurationMilliseconds) is { } length)
            {
                clipLengths[(clip.SlideKey, clip.Line)] = length;
            }
        }

        return WebVttWriter.Write([.. chapter.Slides.Select(slide => Segments(slide, clipLengths))]);
    }

    private static IReadOnlyList<CaptionSegment> Segments(SlideView slide, Dictionary<(string Slide, int Line), int> clipLengths)
    {
        var segments = slide.Segments.Select(s => new CaptionSegment(s.PlainText, s.ReadingMilliseconds, s.PauseMilliseconds, s.ContinuesLine)).ToArray();
        var lines = SpokenLines.Of([.. slide.Segments.Select(s => s.ContinuesLine)]);
        for (var line = 0; line < lines.Count; line++)
        {
            if (!clipLengths.TryGetValue((slide.Key, line), out var length))
            {
                continue;
            }

            var (first, count) = lines[line];
            for (var i = first; i < first + count; i++)
            {
                var last = i == first + count - 1;
                segments[i] = segments[i] with
                {
                    SpokenMilliseconds = i == first ? length : 0,
                    PauseMilliseconds = last ? segments[i].PauseMilliseconds : 0,
                };
            }
        }

        return segments;
    }
}
