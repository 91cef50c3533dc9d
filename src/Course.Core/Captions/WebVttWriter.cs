using System.Globalization;
using System.Text;
using Course.Core.Rendering;

namespace Course.Core.Captions;

/// <summary>
/// One segment of a slide as captions time it: its plain text, how long it is spoken (a recorded clip's
/// length, or reading time at the narration pace), and the pause after it.
/// </summary>
/// <param name="ContinuesLine">True when a break inside a script line split it: it belongs to the line before.</param>
public sealed record CaptionSegment(string PlainText, int SpokenMilliseconds, int PauseMilliseconds, bool ContinuesLine);

/// <summary>
/// Writes a chapter as WebVTT (W3C): one cue per script line, from the moment its first segment is spoken
/// to the end of its last one, with the script's pauses between cues; slides follow each other with no gap.
/// A line with no words (a pause on its own) has no cue but keeps its time. Cue identifiers say slide and
/// line ("12-3"), so a player can find the cue of the line on screen.
/// </summary>
public static class WebVttWriter
{
    public const string MediaType = "text/vtt; charset=utf-8";

    public static string Write(IReadOnlyList<IReadOnlyList<CaptionSegment>> slides)
    {
        var vtt = new StringBuilder("WEBVTT\n");
        long clock = 0;
        for (var s = 0; s < slides.Count; s++)
        {
            var line = 0;
            foreach (var cue in SlideLayout.Lines(slides[s], c => c.ContinuesLine).Select(l => l.Segments))
            {
                line++;
                var start = clock;
                var spoken = cue.Sum(c => (long)c.SpokenMilliseconds) + cue.SkipLast(1).Sum(c => (long)c.PauseMilliseconds);
                clock += spoken + cue[^1].PauseMilliseconds;
                var text = Payload(string.Join(" ", cue.Select(c => c.PlainText.Trim()).Where(t => t.Length > 0)));
                if (text.Length == 0 || spoken <= 0)
                {
                    continue;
                }

                vtt.Append('\n')
                    .Append(CultureInfo.InvariantCulture, $"{s + 1}-{line}\n")
                    .Append(Timestamp(start)).Append(" --> ").Append(Timestamp(start + spoken)).Append('\n')
                    .Append(text).Append('\n');
            }
        }

        return vtt.ToString();
    }

    /// <summary>hh:mm:ss.ttt, hours as many digits as they need.</summary>
    public static string Timestamp(long milliseconds)
    {
        var time = TimeSpan.FromMilliseconds(milliseconds);
        return string.Create(CultureInfo.InvariantCulture, $"{(long)time.TotalHours:00}:{time.Minutes:00}:{time.Seconds:00}.{time.Milliseconds:000}");
    }

    /// <summary>Cue text: the three characters WebVTT reserves escaped, on one line, never an arrow.</summary>
    private static string Payload(string text)
    {
        var flat = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return flat.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
    }
}
