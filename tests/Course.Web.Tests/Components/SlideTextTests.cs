using Bunit;
using Course.Core.Rendering;
using Course.Web.Catalog;
using Course.Web.Components.Shared;

namespace Course.Web.Tests.Components;

public class SlideTextTests : BunitContext
{
    private static SlideSegment Segment(string text, bool continues = false)
    {
        var rendered = SegmentMarkdown.Render(text);
        return new SlideSegment(text, rendered.Html, rendered.PlainText, 500, 1200, rendered.List, rendered.ListNumber, continues);
    }

    [Fact]
    public void Lines_become_paragraphs_and_list_lines_become_one_list()
    {
        var slide = new SlideView(3, "k", new([
            Segment("Bueno, estos modelos necesitan **dos** cosas:"),
            Segment("- Electricidad"),
            Segment("- Datos"),
        ]));

        var cut = Render<SlideText>(p => p.Add(c => c.Slide, slide));

        cut.MarkupMatches("""
            <div class="slide-text">
              <p><span class="segment">Bueno, estos modelos necesitan <strong>dos</strong> cosas:</span></p>
              <ul>
                <li><span class="segment">Electricidad</span></li>
                <li><span class="segment">Datos</span></li>
              </ul>
            </div>
            """);
    }

    [Fact]
    public void Ordered_lists_keep_their_first_number_and_split_lines_stay_together()
    {
        var slide = new SlideView(1, "k", new([
            Segment("3. Tres"),
            Segment("4. Cuatro"),
            Segment("y sigue", continues: true),
        ]));

        var cut = Render<SlideText>(p => p.Add(c => c.Slide, slide));

        cut.MarkupMatches("""
            <div class="slide-text">
              <ol start="3">
                <li><span class="segment">Tres</span></li>
                <li><span class="segment">Cuatro</span> <span class="segment">y sigue</span></li>
              </ol>
            </div>
            """);
    }

    [Fact]
    public void Raw_html_from_an_author_arrives_as_text()
    {
        var slide = new SlideView(1, "k", new([Segment("Mira \\<img src=x onerror=alert(1)> y [esto](javascript:alert(1))")]));

        var cut = Render<SlideText>(p => p.Add(c => c.Slide, slide));

        Assert.Empty(cut.FindAll("img"));
        Assert.Empty(cut.FindAll("a"));
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", cut.Markup);
    }
}
