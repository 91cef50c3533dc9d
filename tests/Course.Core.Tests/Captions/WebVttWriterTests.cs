using System.Text.RegularExpressions;
using Course.Core.Captions;
using Course.Core.Rendering;
using Course.Core.Scripts;

namespace Course.Core.Tests.Captions;

public partial class WebVttWriterTests
{
    private static readonly string Seed = System.Text.Encoding.UTF8.GetString(SeedChapter.Bytes()).TrimStart('\uFEFF');

    private static CaptionSegment Segment(string text, int spoken, int pause, bool continues = false) => new(text, spoken, pause, continues);

    [Fact]
    public void Each_line_is_a_cue_and_the_pauses_lie_between_cues()
    {
        var vtt = WebVttWriter.Write(
        [
            [Segment("Hola.", 1200, 1500), Segment("Bienvenidos", 1000, 500), Segment("al curso.", 1300, 2000, continues: true)],
            [Segment("Segunda diapositiva.", 2000, 0)],
        ]);

        Assert.Equal(
            """
            WEBVTT

            1-1
            00:00:00.000 --> 00:00:01.200
            Hola.

            1-2
            00:00:02.700 --> 00:00:05.500
            Bienvenidos al curso.

            2-1
            00:00:07.500 --> 00:00:09.500
            Segunda diapositiva.

            """.ReplaceLineEndings("\n"), vtt);
    }

    [Theory]
    [InlineData("a < b & c > d", "a &lt; b &amp; c &gt; d")]
    [InlineData("x --> y", "x --&gt; y")]
    [InlineData("una\nlínea", "una línea")]
    public void Cue_text_escapes_what_webvtt_reserves(string text, string expected)
    {
        var vtt = WebVttWriter.Write([[Segment(text, 1000, 0)]]);

        Assert.EndsWith("\n" + expected + "\n", vtt);
        AssertValid(vtt);
    }

    [Fact]
    public void A_pause_on_its_own_has_no_cue_but_keeps_its_time()
    {
        var vtt = WebVttWriter.Write([[Segment("", 0, 3000), Segment("Después.", 1000, 0)]]);

        Assert.Contains("1-2\n00:00:03.000 --> 00:00:04.000\nDespués.", vtt);
        Assert.DoesNotContain("1-1", vtt);
    }

    [Fact]
    public void Hours_are_written_when_a_chapter_runs_that_long() =>
        Assert.Equal("12:03:04.005", WebVttWriter.Timestamp((((12 * 60) + 3) * 60 + 4) * 1000L + 5));

    [Fact]
    public void The_seed_chapter_gives_one_valid_cue_per_line()
    {
        var chapter = ChapterRenderer.Render(ScriptParser.Parse(Seed).Script!);
        var slides = chapter.Slides
            .Select(slide => (IReadOnlyList<CaptionSegment>)[.. slide.Segments.Select(s =>
                new CaptionSegment(s.PlainText, s.ReadingMilliseconds, s.PauseMilliseconds, s.ContinuesLine))])
            .ToList();
        var lines = Seed.Split('\n').Count(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith("<break", StringComparison.Ordinal));

        var vtt = WebVttWriter.Write(slides);

        AssertValid(vtt);
        Assert.Equal(lines, CueTiming().Matches(vtt).Count);
        var total = chapter.TotalMilliseconds;
        Assert.True(LastEnd(vtt) <= total, "the last cue ends within the chapter's length");
    }

    /// <summary>
    /// The WebVTT file grammar (W3C WebVTT §4.1, the parts a caption file of ours uses): the signature line,
    /// then blocks separated by blank lines, each an optional identifier without "-->", a timing line whose
    /// start is before its end and not before the previous cue's start, and one or more non-empty payload
    /// lines without "-->"; text never holds a raw "&lt;" or an "&amp;" that starts no character reference.
    /// </summary>
    private static void AssertValid(string vtt)
    {
        Assert.DoesNotContain('\r', vtt);
        var blocks = vtt.TrimEnd('\n').Split("\n\n");
        Assert.Equal("WEBVTT", blocks[0]);
        long previousStart = -1;
        foreach (var block in blocks.Skip(1))
        {
            var lines = block.Split('\n').ToList();
            if (!lines[0].Contains("-->", StringComparison.Ordinal))
            {
                lines.RemoveAt(0); // the identifier
            }

            var timing = CueTiming().Match(lines[0]);
            Assert.True(timing.Success && timing.Value == lines[0], $"not a timing line: {lines[0]}");
            var start = Milliseconds(timing.Groups["start"].Value);
            var end = Milliseconds(timing.Groups["end"].Value);
            Assert.True(start < end, $"a cue ends before it starts: {lines[0]}");
            Assert.True(start >= previousStart, $"cues out of order at {lines[0]}");
            previousStart = start;
            var payload = lines.Skip(1).ToList();
            Assert.NotEmpty(payload);
            Assert.All(payload, line =>
            {
                Assert.NotEmpty(line);
                Assert.DoesNotContain("-->", line);
                Assert.DoesNotContain('<', line);
                Assert.Matches("^([^&]|&(amp|lt|gt|nbsp|lrm|rlm);)*$", line);
            });
        }
    }

    private static long LastEnd(string vtt) => Milliseconds(CueTiming().Matches(vtt)[^1].Groups["end"].Value);

    private static long Milliseconds(string timestamp)
    {
        var parts = timestamp.Split(':', '.');
        return ((long.Parse(parts[0]) * 60 + long.Parse(parts[1])) * 60 + long.Parse(parts[2])) * 1000 + long.Parse(parts[3]);
    }

    [GeneratedRegex(@"(?<start>\d{2,}:[0-5]\d:[0-5]\d\.\d{3}) --> (?<end>\d{2,}:[0-5]\d:[0-5]\d\.\d{3})")]
    private static partial Regex CueTiming();
}
