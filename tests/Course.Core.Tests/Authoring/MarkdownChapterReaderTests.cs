using System.Text;
using Course.Core.Authoring;
using Course.Core.Rendering;
using Course.Core.Scripts;

namespace Course.Core.Tests.Authoring;

public class MarkdownChapterReaderTests
{
    public static TheoryData<string, string> Chapters => new()
    {
        // Markdown → the chapter it gives, written as a narration script (one line per segment line, a blank line between slides)
        { "## Uno\n\nHola <break time=\"1s\"/>\n\n## Dos\n\nAdiós", "Uno\nHola <break time=\"1s\"/>\n\nDos\nAdiós" },
        { "Hola <break time=\"1s\"/>\n\n---\n\nAdiós", "Hola <break time=\"1s\"/>\n\nAdiós" },
        { "Uno\n\n***\n\nDos\n\n___\n\nTres\n\n-----\n\nCuatro", "Uno\n\nDos\n\nTres\n\nCuatro" },
        { "---\n\n---\nUno\n\n---\n\n---\n\nDos\n\n---", "Uno\n\nDos" },
        { "Antes del primer título\n\n## Uno\n\nHola", "Antes del primer título\n\nUno\nHola" },
        { "## Uno <break time=\"1s\"/>\n\nHola", "Uno <break time=\"1s\"/>\nHola" },
        { "## Solo un título\n\n## Otro", "Solo un título\n\nOtro" },
        { "### Uno\n\nHola\n\n### Dos\n\nAdiós", "Uno\nHola\n\nDos\nAdiós" },
        { "## Uno\n\n### Dentro\n\nHola\n\n#### Más dentro", "Uno\nDentro\nHola\nMás dentro" },
        { "# Uno\n\nHola\n\n# Dos\n\nAdiós", "Uno\nHola\n\nDos\nAdiós" },
        { "Hola\n\n# Uno\n\nAdiós", "Hola\n\nUno\nAdiós" },
        { "# Tokens\n\n## Uno\n\nHola", "---\ntitle: Tokens\n---\n\nUno\nHola" },
        { "\n\n# Tokens\n\nHola\n\nAdiós", "---\ntitle: Tokens\n---\n\nHola\nAdiós" },
        { "---\nlanguage: es\nslug: tokens\n---\n# Tokens\n\nHola", "---\ntitle: Tokens\nlanguage: es\nslug: tokens\n---\n\nHola" },
        { "---\ntitle: Tokens\nlanguage: es\n---\n\n## Uno\n\nHola", "---\ntitle: Tokens\nlanguage: es\n---\n\nUno\nHola" },
        { "Una línea\nque sigue\n   y sigue", "Una línea que sigue y sigue" },
        { "Hola  \nmundo\t", "Hola mundo" },
        { "Uno\n\n\n\nDos", "Uno\nDos" },
        { "Dos cosas: <break/>\n- una <break/>\n- otra\n\n1. primero\n2) segundo\n* tercero\n+ cuarto", "Dos cosas: <break/>\n- una <break/>\n- otra\n1. primero\n2) segundo\n* tercero\n+ cuarto" },
        { "- una\n  que sigue\n- otra", "- una que sigue\n- otra" },
        { "- una\nperezosa", "- una perezosa" },
        { "- una\n\n  aparte", "- una\naparte" },
        { "- una\n  - dentro\n    3. más dentro", "- una\n- dentro\n3. más dentro" },
        { "-   espacios tras el guion", "-   espacios tras el guion" },
        { "- - -", "- - -" },
        { "-\n\n--", "-\n--" },
        { "Hola\n<break time=\"1s\"/>", "Hola <break time=\"1s\"/>" },
        { "Hola\n\n<break time=\"3s\"/>\n\nAdiós", "Hola\n<break time=\"3s\"/>\nAdiós" },
        { "Uno <break time=\"1s\"/> dos\ntres", "Uno <break time=\"1s\"/> dos tres" },
        { "Uno <break time=\"1s\"/>\ndos", "Uno <break time=\"1s\"/> dos" },
        { "Hola\n[pause 1.5s]", "Hola <break time=\"1.5s\"/>" },
        { "Hola\n  [pause 500ms]  ", "Hola <break time=\"500ms\"/>" },
        { "Hola\n[pause strong]", "Hola <break strength=\"strong\"/>" },
        { "- una\n[pause 1s]\n- otra", "- una <break time=\"1s\"/>\n- otra" },
        { "Hola\n[pause 1s]\ny sigue", "Hola <break time=\"1s\"/> y sigue" },
        { "Hola\n\n[pause 3s]", "Hola\n<break time=\"3s\"/>" },
        { "## Uno\n[pause 2s]\n\nHola", "Uno\n<break time=\"2s\"/>\nHola" },
        { "Escribe [pause 1s] así", "Escribe [pause 1s] así" },
        { "[pause]\n\n[Pause 1s]", "[pause]\n[Pause 1s]" },
        { "**negrita**, *cursiva*, `código`, [enlace](https://example.com) y ![gato](https://example.com/g.png)", "**negrita**, *cursiva*, `código`, [enlace](https://example.com) y ![gato](https://example.com/g.png)" },
        { "Escribe \\<break/> y a < b", "Escribe \\<break/> y a < b" },
        { "> una cita\n\n| a | b |\n| - | - |", "> una cita\n| a | b | | - | - |" },
        { "\\# no es un título\n\n#no es un título", "\\# no es un título\n#no es un título" },
        { "    sangrado cuatro espacios", "sangrado cuatro espacios" },
        { "Hola\n\n===", "Hola\n===" },
        { "## C# ##\n\nHola", "C# ##\nHola" },
        { "\uFEFF## Uno\r\n\r\nHola\r\nmundo\r\n", "Uno\nHola mundo" },
        { "Uno\rDos", "Uno Dos" },
    };

    [Theory]
    [MemberData(nameof(Chapters))]
    public void Markdown_gives_the_chapter_shown_as_a_script(string markdown, string expectedScript)
    {
        var script = MarkdownChapterReader.Read(markdown).GetScriptOrThrow();

        Assert.Equal(expectedScript, ScriptWriter.Write(script));
    }

    [Fact]
    public void Example_in_the_documentation_reads_as_documented()
    {
        const string markdown = """
            ---
            language: es
            ---

            # Tokens

            ## ¿Qué es un token? <break time="1s"/>

            Un token no es exactamente una palabra:
            puede ser un carácter o parte de una palabra
            [pause 0.5s]

            - GPT-4 usa unos 100 000 tokens <break time="0.5s"/>
            - Mixtral, 32 000
            [pause strong]

            ---

            La regla práctica: <break time="0.5s"/> 100 tokens son unas 75 palabras
            """;
        const string script = """
            ---
            title: Tokens
            language: es
            ---

            ¿Qué es un token? <break time="1s"/>
            Un token no es exactamente una palabra: puede ser un carácter o parte de una palabra <break time="0.5s"/>
            - GPT-4 usa unos 100 000 tokens <break time="0.5s"/>
            - Mixtral, 32 000 <break strength="strong"/>

            La regla práctica: <break time="0.5s"/> 100 tokens son unas 75 palabras
            """;

        Assert.Equal(script.ReplaceLineEndings("\n"), ScriptWriter.Write(MarkdownChapterReader.Read(markdown).GetScriptOrThrow()));
    }

    [Fact]
    public void Segments_keep_their_pauses_and_which_line_they_continue()
    {
        var slide = MarkdownChapterReader.Read("## Uno\n\nA <break time=\"1s\"/> b\nc\n[pause 2s]\n\n- d\n[pause strong]").GetScriptOrThrow().Slides.Single();

        Assert.Equal(
            [
                new ScriptSegment("Uno"),
                new ScriptSegment("A", new Pause(1000, "<break time=\"1s\"/>")),
                new ScriptSegment("b c", new Pause(2000, "<break time=\"2s\"/>"), ContinuesLine: true),
                new ScriptSegment("- d", new Pause(1000, "<break strength=\"strong\"/>")),
            ],
            slide.Segments);
    }

    [Fact]
    public void Seed_chapter_written_as_Markdown_by_hand_style_reads_as_the_seed()
    {
        // Blank lines between lines of a slide and '---' between slides: the seed's own words, slide for slide.
        var seed = ScriptParser.Parse(SeedChapter.Bytes()).GetScriptOrThrow();
        var source = Encoding.UTF8.GetString(SeedChapter.Bytes());
        var markdown = string.Join("\n\n---\n\n", source.Split("\n\n").Select(slide =>
            string.Join('\n', slide.Split('\n').Select((line, i) => i > 0 && SegmentMarkdown.SplitListMarker(line).List == ListKind.None ? "\n" + line : line))));

        var read = MarkdownChapterReader.Read(markdown).GetScriptOrThrow();

        Assert.Equal(ScriptWriter.Write(seed), ScriptWriter.Write(read));
    }

    private const string UnknownTag = "only <break .../> is allowed (write \\< to show a literal '<')";

    public static TheoryData<string, string[]> Errors => new()
    {
        // Markdown → every error, at its line and column in the Markdown file
        { "", ["1:1: the chapter is empty: write at least one line of narration"] },
        { "\n  \n\n", ["1:1: the chapter is empty: write at least one line of narration"] },
        { "---\n\n***\n", ["1:1: the front matter opened with '---' is never closed: add a line '---' after it"] },
        { "---\ntitle: T\n---\n\n---\n", ["4:1: the chapter is empty: write at least one line of narration"] },
        { "# Solo el título", ["1:1: the chapter is empty: write at least one line of narration"] },
        { "---\ntitle: T\nHola", ["1:1: the front matter opened with '---' is never closed: add a line '---' after it"] },
        { "---\nauthor: Ana\nlanguage: español\n---\nHola", ["2:1: unknown front matter key 'author' (known keys: title, language, slug, description)", "3:11: 'español' is not a language tag such as es, en or es-ES"] },
        { "---\ntitle: A\n---\n\n# B\n\nHola", ["5:1: the chapter title is given twice, in the front matter and in this heading: keep one"] },
        { "# " + new string('a', 301) + "\n\nHola", ["1:3: the title is longer than 300 characters"] },
        { "Hola <break time=\"abc\"/>", ["1:19: break time 'abc' is not a number with a unit: write e.g. 1.5s or 500ms"] },
        { "🙂 <break time=\"x\"/>", ["1:16: break time 'x' is not a number with a unit: write e.g. 1.5s or 500ms"] },
        { "Hola\n  mundo <break time=\"12s\"/>", ["2:22: break time '12s' is over the maximum of 10s"] },
        { "- uno\n  dos <break time=\"-1s\"/>", ["2:20: break time '-1s' is negative: a pause cannot be shorter than zero"] },
        { "## Uno <break strength=\"loud\"/>", ["1:25: unknown break strength 'loud' (use none, x-weak, weak, medium, strong, x-strong)"] },
        { "   ### Uno\n\n## Dos <break time=\"1s\">", ["3:24: <break> must be self-closing: end it with '/>'"] },
        { "Hola <break time=\"1s\"", ["1:6: unclosed tag <break: end it with '/>'"] },
        { "Hola <break pitch=\"high\"/>", ["1:13: unknown attribute 'pitch' on <break/>: use time or strength"] },
        { "Hola <break time=\"1s\" strength=\"weak\"/>", ["1:12: a break takes time or strength, not both"] },
        { "Hola <break time=\"1s\"/>\n<break time=\"2s\"/>", ["2:1: two breaks with no text between them: combine them into one break"] },
        { "Hola\n[pause 12s]", ["2:8: break time '12s' is over the maximum of 10s"] },
        { "Hola\n[pause 1,5s]", ["2:8: break time '1,5s' is not a number with a unit: write e.g. 1.5s or 500ms"] },
        { "Hola\n  [pause 1.5]", ["2:10: break time '1.5' is not a number with a unit: write e.g. 1.5s or 500ms"] },
        { "Hola\n[pause loud]", ["2:8: unknown break strength 'loud' (use none, x-weak, weak, medium, strong, x-strong)"] },
        { "Hola <break time=\"1s\"/>\n[pause 2s]", ["2:8: two breaks with no text between them: combine them into one break"] },
        { "Hola\n\nque <b>tal</b>", [$"3:5: unknown tag <b>: {UnknownTag}", $"3:11: unknown tag </b>: {UnknownTag}"] },
        { "<div>\nHola\n</div>", [$"1:1: unknown tag <div>: {UnknownTag}", $"3:1: unknown tag </div>: {UnknownTag}"] },
        { "<!-- nota -->\n\nHola", [$"1:1: unknown tag <!-- nota -->: {UnknownTag}"] },
        { "Hola\u0007", ["1:5: control character U+0007 is not text; is this a binary file?"] },
        { "## Uno\n\n##\n\nHola", ["3:1: the heading is empty: write its text after the '#' (or use '---' to start a slide without a heading)"] },
        { "#\n\nHola", ["1:1: the heading is empty: write its text after the '#' (or use '---' to start a slide without a heading)"] },
        { "Hola\n\n```cs\nvar x = 1;\n<b>\n```\n\nAdiós", ["3:1: fenced code blocks are not supported: a segment is one line of text (use `inline code`)"] },
        { "Hola\n\n  ~~~~\n~~~\n<b>\n~~~~~\nAdiós", ["3:3: fenced code blocks are not supported: a segment is one line of text (use `inline code`)"] },
        { "Hola\n\n```\n<b>", ["3:1: fenced code blocks are not supported: a segment is one line of text (use `inline code`)"] },
        { "Título\n===\n\nHola", ["2:1: '===' under a line of text makes it a heading (setext), which is not supported: write '# Title' or '## Title'"] },
        { "Título\n---\n\nHola", ["2:1: '---' right under a line of text: leave a blank line before it to start a new slide (in Markdown, '---' under text makes the text a heading)"] },
        { "- item\n ***\n\nHola", ["2:2: '***' right under a line of text: leave a blank line before it to start a new slide (in Markdown, '---' under text makes the text a heading)"] },
        {
            "---\ntitle: T\nslug: No Vale\n---\n\n## Uno <break time=\"x\"/>\n\n```\n```\n\nDos\n[pause 11s]",
            [
                "3:7: 'No Vale' is not a slug: use lowercase letters, digits and single hyphens",
                "6:21: break time 'x' is not a number with a unit: write e.g. 1.5s or 500ms",
                "8:1: fenced code blocks are not supported: a segment is one line of text (use `inline code`)",
                "12:8: break time '11s' is over the maximum of 10s",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Bad_Markdown_is_rejected_with_every_problem_at_its_line_and_column(string markdown, string[] expected)
    {
        var result = MarkdownChapterReader.Read(markdown);

        Assert.False(result.Succeeded);
        Assert.Null(result.Script);
        Assert.Equal(expected, result.Errors.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData(new byte[] { (byte)'H', (byte)'o', (byte)'l', (byte)'a', (byte)'\n', (byte)'c', 0xE9, (byte)'t' }, "2:2: the file is not UTF-8 text (byte 0xE9 cannot start a character here); save it as UTF-8")]
    [InlineData(new byte[] { 0xFF, 0xFE, (byte)'#', 0 }, "1:1: the file is UTF-16 text; save it as UTF-8")]
    [InlineData(new byte[] { (byte)'#', 0, (byte)'i' }, "1:2: the file contains a NUL byte: it is not a text file")]
    public void Bytes_that_are_not_UTF8_text_are_rejected_as_a_script_would_be(byte[] input, string expected)
    {
        var result = MarkdownChapterReader.Read(input);

        Assert.Equal([expected], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void UTF8_bytes_with_a_byte_order_mark_are_read()
    {
        var result = MarkdownChapterReader.Read([0xEF, 0xBB, 0xBF, .. "## Señal\n\nHola"u8]);

        Assert.Equal("Señal\nHola", ScriptWriter.Write(result.GetScriptOrThrow()));
    }
}
