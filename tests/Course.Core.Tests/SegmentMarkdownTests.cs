using Course.Core.Rendering;

namespace Course.Core.Tests;

public class SegmentMarkdownTests
{
    public static TheoryData<string, string> Html => new()
    {
        // segment text → the HTML a learner's browser receives
        { "Hola mundo", "Hola mundo" },
        { "Es **muy** *importante*", "Es <strong>muy</strong> <em>importante</em>" },
        { "Usa `tokens`", "Usa <code>tokens</code>" },
        { "Ver [docs](https://example.com/a?b=1)", "Ver <a href=\"https://example.com/a?b=1\" rel=\"noopener noreferrer nofollow\">docs</a>" },
        { "Escríbeme a <mailto:ana@example.com>", "Escríbeme a <a href=\"mailto:ana@example.com\" rel=\"noopener noreferrer nofollow\">mailto:ana@example.com</a>" },
        { "# No es un título", "# No es un título" },
        { "> ni una cita", "&gt; ni una cita" },
        { "Raw <script>alert(1)</script>", "Raw &lt;script&gt;alert(1)&lt;/script&gt;" },
        { "<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;" },
        { "[clic](javascript:alert(1))", "clic" },
        { "[clic](JaVaScRiPt:alert(1))", "clic" },
        { "[clic]( javascript:alert(1))", "clic" },
        { "[clic](data:text/html;base64,PHNjcmlwdD4=)", "clic" },
        { "<javascript:alert(1)>", "javascript:alert(1)" },
        { "![gato](http://example.com/gato.png)", "gato" },
        { "![gato](https://example.com/gato.png)", "<img src=\"https://example.com/gato.png\" alt=\"gato\" />" },
        { "\"adivinar\" & ¾", "&quot;adivinar&quot; &amp; ¾" },
        { "Escribe \\<break/>", "Escribe &lt;break/&gt;" },
    };

    [Theory]
    [MemberData(nameof(Html))]
    public void Renders_inline_markdown_safely(string text, string expectedHtml)
    {
        Assert.Equal(expectedHtml, SegmentMarkdown.Render(text).Html);
    }

    [Theory]
    [InlineData("- Una cantidad enorme", ListKind.Bullet, null, "Una cantidad enorme")]
    [InlineData("* otra", ListKind.Bullet, null, "otra")]
    [InlineData("1. Pueden dividir palabras", ListKind.Ordered, 1, "Pueden dividir palabras")]
    [InlineData("12) doce", ListKind.Ordered, 12, "doce")]
    [InlineData("-sin espacio", ListKind.None, null, "-sin espacio")]
    [InlineData("2018 fue el año", ListKind.None, null, "2018 fue el año")]
    public void List_markers_are_recognised(string text, ListKind list, int? number, string plain)
    {
        var rendered = SegmentMarkdown.Render(text);

        Assert.Equal((list, number, plain), (rendered.List, rendered.ListNumber, rendered.PlainText));
    }

    [Fact]
    public void Plain_text_drops_markup_for_speech()
    {
        Assert.Equal("Es muy importante, ver docs", SegmentMarkdown.Render("Es **muy** _importante_, ver [docs](https://x.org)").PlainText);
    }
}
