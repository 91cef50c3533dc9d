using Course.Core.Captions;

namespace Course.Web.Catalog;

/// <summary>A published chapter's captions: each segment spoken for its reading time at the narration pace, as the player reveals it.</summary>
public static class ChapterCaptions
{
    public static string WebVtt(ChapterView chapter) => WebVttWriter.Write(
        [.. chapter.Slides.Select(slide => (IReadOnlyList<CaptionSegment>)
            [.. slide.Segments.Select(s => new CaptionSegment(s.PlainText, s.ReadingMilliseconds, s.PauseMilliseconds, s.ContinuesLine))])]);
}
