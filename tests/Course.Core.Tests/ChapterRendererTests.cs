using Course.Core.Rendering;
using Course.Core.Scripts;
using Course.Core.Timing;

namespace Course.Core.Tests;

public class ChapterRendererTests
{
    private static RenderedChapter Render(string script) => ChapterRenderer.Render(ScriptParser.Parse(script).GetScriptOrThrow());

    [Fact]
    public void Chapter_duration_is_reading_time_plus_pauses()
    {
        var chapter = Render("uno dos tres cuatro cinco <break time=\"1.5s\"/>\n\n<break time=\"1s\"/>");

        Assert.Equal([2000 + 1500, 1000], chapter.Slides.Select(s => s.DurationMilliseconds));
        Assert.Equal(2000 + 1500 + 1000, chapter.TotalMilliseconds);
        Assert.Equal(2500, chapter.TotalPauseMilliseconds);
    }

    [Fact]
    public void Each_segment_is_rendered_by_the_markdown_pipeline_with_its_pause_and_line()
    {
        var slide = Render("Es **muy** <break time=\"1s\"/> fácil\n2. Dos <break strength=\"weak\"/>").Slides.Single();

        Assert.Equal(
            [
                new SlideSegment("Es **muy**", "Es <strong>muy</strong>", "Es muy", 1000, 1200, ListKind.None, null, false),
                new SlideSegment("fácil", "fácil", "fácil", 0, 1200, ListKind.None, null, true),
                new SlideSegment("2. Dos", "Dos", "Dos", 500, 1200, ListKind.Ordered, 2, false),
            ],
            slide.Segments);
        Assert.Equal("Es muy", slide.FirstLine);
    }

    [Fact]
    public void Author_html_reaches_the_rendered_chapter_only_as_text()
    {
        var html = Render("Mira \\<img src=x onerror=alert(1)> y [esto](javascript:alert(1))").Slides[0].Segments[0].Html;

        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("javascript:", html);
    }

    [Fact]
    public void A_slower_pace_makes_a_longer_chapter()
    {
        var script = ScriptParser.Parse("uno dos tres cuatro cinco seis siete ocho nueve diez").GetScriptOrThrow();

        Assert.Equal(4000, ChapterRenderer.Render(script).TotalMilliseconds);
        Assert.Equal(8000, ChapterRenderer.Render(script, new ReadingPace(WordsPerMinute: 75)).TotalMilliseconds);
    }
}
