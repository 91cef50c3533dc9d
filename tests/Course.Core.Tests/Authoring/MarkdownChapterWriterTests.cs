using System.Text;
using Course.Core.Authoring;
using Course.Core.Scripts;

namespace Course.Core.Tests.Authoring;

public class MarkdownChapterWriterTests
{
    public static TheoryData<string, string> Markdown => new()
    {
        // narration script → the Markdown written for it
        { "Hola", "Hola\n" },
        { "Uno <break time=\"1s\"/>\nDos\n\nTres", "Uno <break time=\"1s\"/>\n\nDos\n\n---\n\nTres\n" },
        { "Dos cosas: <break/>\n- una <break time='2s' />\n- otra\nFin", "Dos cosas: <break/>\n\n- una <break time='2s' />\n- otra\n\nFin\n" },
        { "- una\n1. primero\n2) segundo\n* tercero", "- una\n1. primero\n2) segundo\n* tercero\n" },
        { "Uno <break strength=\"weak\"/> dos <break time=\"500ms\"/> tres\n<break time=\"3s\"/>", "Uno <break strength=\"weak\"/> dos <break time=\"500ms\"/> tres\n\n<break time=\"3s\"/>\n" },
        { "> cita\n\\# no es un título\n#hashtag\n===\n- - -\n[pause]\n[pause 1s] y más", "> cita\n\n\\# no es un título\n\n#hashtag\n\n===\n\n- - -\n\n[pause]\n\n[pause 1s] y más\n" },
        { "---\ntitle: Tokens: lo básico\n---\n\nHola", "# Tokens: lo básico\n\nHola\n" },
        { "---\ntitle: T\nlanguage: es\nslug: t\ndescription: Qué es un token\n---\n\nHola", "---\nlanguage: es\nslug: t\ndescription: Qué es un token\n---\n\n# T\n\nHola\n" },
        { "---\nlanguage: es\n---\n\nHola", "---\nlanguage: es\n---\n\nHola\n" },
    };

    [Theory]
    [MemberData(nameof(Markdown))]
    public void Script_is_written_as_Markdown_and_read_back_unchanged(string script, string expectedMarkdown)
    {
        var chapter = ScriptParser.Parse(script).GetScriptOrThrow();

        var markdown = MarkdownChapterWriter.Write(chapter);

        Assert.Equal(expectedMarkdown, markdown);
        Assert.Equal(script, ScriptWriter.Write(MarkdownChapterReader.Read(markdown).GetScriptOrThrow()));
    }

    [Theory]
    [InlineData("# Uno", "The line '# Uno' cannot be written as Markdown: it would read as a heading.")]
    [InlineData("Hola\n###### <break/>", "The line '###### <break/>' cannot be written as Markdown: it would read as a heading.")]
    [InlineData("---\ntitle: T\n---\n\n---", "The line '---' cannot be written as Markdown: it would read as a slide break.")]
    [InlineData("***", "The line '***' cannot be written as Markdown: it would read as a slide break.")]
    [InlineData("```cs <break/>", "The line '```cs <break/>' cannot be written as Markdown: it would open a code block.")]
    [InlineData("[pause 1s]", "The line '[pause 1s]' cannot be written as Markdown: it would read as a pause.")]
    [InlineData("  sangrado", "The line '  sangrado' cannot be written as Markdown: it starts with whitespace, which Markdown drops.")]
    public void Lines_that_Markdown_would_read_as_something_else_are_refused(string script, string expected)
    {
        var chapter = ScriptParser.Parse(script).GetScriptOrThrow();

        var error = Assert.Throws<ArgumentException>(() => MarkdownChapterWriter.Write(chapter));

        Assert.Equal(expected + " (Parameter 'script')", error.Message);
    }

    [Theory]
    [InlineData(" Tokens")]
    [InlineData("Tokens ")]
    [InlineData("")]
    [InlineData("Dos\nlíneas")]
    public void A_title_that_is_not_one_trimmed_line_is_refused(string title)
    {
        var chapter = new ChapterScript(new ScriptMetadata(title), [new ScriptSlide([new ScriptSegment("Hola")])]);

        Assert.Throws<ArgumentException>(() => MarkdownChapterWriter.Write(chapter));
    }

    [Theory]
    [InlineData("Hola ")]
    [InlineData("")]
    public void Segments_a_parser_never_makes_are_refused_rather_than_changed(string text)
    {
        var chapter = new ChapterScript(ScriptMetadata.Empty, [new ScriptSlide([new ScriptSegment(text)])]);

        Assert.Throws<ArgumentException>(() => MarkdownChapterWriter.Write(chapter));
    }

    [Fact]
    public void Seed_chapter_goes_to_Markdown_and_back_unchanged()
    {
        var bytes = SeedChapter.Bytes();
        var seed = ScriptParser.Parse(bytes).GetScriptOrThrow();

        var markdown = MarkdownChapterWriter.Write(seed);
        var read = MarkdownChapterReader.Read(Encoding.UTF8.GetBytes(markdown)).GetScriptOrThrow();

        Assert.Equal(72, markdown.Split('\n').Count(line => line == "---"));
        Assert.Equal(Segments(seed), Segments(read));
        Assert.Equal(seed.Metadata, read.Metadata);
        Assert.Equal(bytes, Encoding.UTF8.GetBytes(ScriptWriter.Write(read)));
    }

    [Fact]
    public void Seed_chapter_with_metadata_keeps_it_through_Markdown()
    {
        var seed = ScriptParser.Parse(SeedChapter.Bytes()).GetScriptOrThrow() with
        {
            Metadata = new ScriptMetadata("Desarrollo de software con Foundation Models", "es", "foundation-models", "Qué son y cómo se usan"),
        };

        var read = MarkdownChapterReader.Read(MarkdownChapterWriter.Write(seed)).GetScriptOrThrow();

        Assert.Equal(seed.Metadata, read.Metadata);
        Assert.Equal(Segments(seed), Segments(read));
    }

    /// <summary>Every segment with its slide, so two chapters compare by value (the records hold lists).</summary>
    internal static (int Slide, ScriptSegment Segment)[] Segments(ChapterScript script) =>
        [.. script.Slides.SelectMany((slide, s) => slide.Segments.Select(segment => (s, segment)))];
}
