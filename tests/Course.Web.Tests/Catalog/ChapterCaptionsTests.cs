using Course.Core.Rendering;
using Course.Web.Catalog;
using Course.Web.Narration;

namespace Course.Web.Tests.Catalog;

/// <summary>Captions timed by recorded clips where a line has one, by reading pace elsewhere (what the player does).</summary>
public class ChapterCaptionsTests
{
    // Slide 1: "Hola" (2 s reading) + 0.5 s, "Adiós" (1.2 s) + 0.7 s.
    // Slide 2: "Uno <break 1 s/> dos" — one line of two segments (1.2 s + 1 s pause + 1.2 s) — + 0.5 s.
    private static readonly ChapterView Chapter = new("curso", "Curso",
        new ChapterSummary(1, "capitulo", "Capítulo", "es", null, 2, 5, 5000, 5000, ChapterId: 7),
        [
            new SlideView(1, "a", new([Segment("Hola", 2000, 500), Segment("Adiós", 1200, 700)])),
            new SlideView(2, "b", new([Segment("Uno", 1200, 1000), Segment("dos", 1200, 500, continuesLine: true)])),
        ]);

    private static SlideSegment Segment(string text, int reading, int pause, bool continuesLine = false)
    {
        var rendered = SegmentMarkdown.Render(text);
        return new SlideSegment(text, rendered.Html, rendered.PlainText, pause, reading, rendered.List, rendered.ListNumber, continuesLine);
    }

    public static TheoryData<string, PublishedClip[], string[]> Cases => new()
    {
        {
            "no clips: reading pace",
            [],
            ["1-1\n00:00:00.000 --> 00:00:02.000\nHola", "1-2\n00:00:02.500 --> 00:00:03.700\nAdiós", "2-1\n00:00:04.400 --> 00:00:07.800\nUno dos"]
        },
        {
            "a clip on the first line: its length, then the line's pause",
            [new("a", 0, "/api/narration/clips/x.wav", 900, false)],
            ["1-1\n00:00:00.000 --> 00:00:00.900\nHola", "1-2\n00:00:01.400 --> 00:00:02.600\nAdiós", "2-1\n00:00:03.300 --> 00:00:06.700\nUno dos"]
        },
        {
            "a clip on a line split by a break: the clip holds both segments and the inner pause",
            [new("b", 0, "/api/narration/clips/y.wav", 2500, false)],
            ["1-1\n00:00:00.000 --> 00:00:02.000\nHola", "1-2\n00:00:02.500 --> 00:00:03.700\nAdiós", "2-1\n00:00:04.400 --> 00:00:06.900\nUno dos"]
        },
        {
            "clips for a slide or line the chapter no longer has, or of no length, change nothing",
            [new("gone", 0, "/api/narration/clips/z.wav", 900, false), new("a", 7, "/api/narration/clips/z.wav", 900, false), new("a", 1, "/api/narration/clips/z.wav", 0, false)],
            ["1-1\n00:00:00.000 --> 00:00:02.000\nHola", "1-2\n00:00:02.500 --> 00:00:03.700\nAdiós", "2-1\n00:00:04.400 --> 00:00:07.800\nUno dos"]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cues_follow_the_clips(string because, PublishedClip[] clips, string[] cues)
    {
        var vtt = ChapterCaptions.WebVtt(Chapter, clips);

        Assert.True(vtt.StartsWith("WEBVTT\n", StringComparison.Ordinal), because);
        Assert.Equal(cues, vtt.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(c => c.TrimEnd('\n')).ToArray());
    }
}
