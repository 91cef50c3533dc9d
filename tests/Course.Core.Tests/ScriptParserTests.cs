using System.Text;
using Course.Core.Scripts;

namespace Course.Core.Tests;

public class ScriptParserTests
{
    [Fact]
    public void Seed_chapter_has_the_slides_segments_and_pauses_of_the_file()
    {
        var script = ScriptParser.Parse(SeedChapter.Bytes()).GetScriptOrThrow();

        Assert.Equal(73, script.Slides.Count);
        Assert.Equal(211, script.SegmentCount);
        Assert.Equal(172_000, script.TotalPauseMilliseconds);
        Assert.True(script.Metadata.IsEmpty);

        var first = script.Slides[0].Segments.Single();
        Assert.Equal("¡Hola! Hoy vamos a hablar sobre cómo desarrollar software con Foundation Models", first.Text);
        Assert.Equal(new Pause(1500, "<break time=\"1.5s\"/>"), first.Pause);
    }

    [Fact]
    public void Seed_chapter_is_written_back_byte_for_byte()
    {
        var bytes = SeedChapter.Bytes();

        var written = ScriptWriter.Write(ScriptParser.Parse(bytes).GetScriptOrThrow());

        Assert.Equal(bytes, Encoding.UTF8.GetBytes(written));
    }

    [Theory]
    [InlineData("Hola <break time=\"1.5s\"/>", 1500)]
    [InlineData("Hola <break time=\"1.0s\"/>", 1000)]
    [InlineData("Hola <break time=\"500ms\"/>", 500)]
    [InlineData("Hola <break time=\".25s\"/>", 250)]
    [InlineData("Hola <break time=\"10s\"/>", 10_000)]
    [InlineData("Hola <break time=\"0ms\"/>", 0)]
    [InlineData("Hola <break time='2s' />", 2000)]
    [InlineData("Hola <break/>", 750)]
    [InlineData("Hola <break strength=\"none\"/>", 0)]
    [InlineData("Hola <break strength=\"x-weak\"/>", 250)]
    [InlineData("Hola <break strength=\"weak\"/>", 500)]
    [InlineData("Hola <break strength=\"medium\"/>", 750)]
    [InlineData("Hola <break strength=\"strong\"/>", 1000)]
    [InlineData("Hola <break strength=\"x-strong\"/>", 1250)]
    public void Break_becomes_the_segment_pause(string line, int expectedMilliseconds)
    {
        var segment = ScriptParser.Parse(line).GetScriptOrThrow().Slides.Single().Segments.Single();

        Assert.Equal("Hola", segment.Text);
        Assert.Equal(expectedMilliseconds, segment.PauseMilliseconds);
    }

    [Fact]
    public void Break_inside_a_line_splits_it_into_segments_of_the_same_line()
    {
        var slide = ScriptParser.Parse("Uno <break time=\"1s\"/> dos <break time=\"2s\"/> tres\nCuatro").GetScriptOrThrow().Slides.Single();

        Assert.Equal(
            [
                new ScriptSegment("Uno", new Pause(1000, "<break time=\"1s\"/>")),
                new ScriptSegment("dos", new Pause(2000, "<break time=\"2s\"/>"), ContinuesLine: true),
                new ScriptSegment("tres", null, ContinuesLine: true),
                new ScriptSegment("Cuatro"),
            ],
            slide.Segments);
    }

    [Fact]
    public void A_line_that_is_only_a_break_is_a_silent_segment()
    {
        var slide = ScriptParser.Parse("Uno\n<break time=\"3s\"/>\nDos").GetScriptOrThrow().Slides.Single();

        Assert.Equal(new ScriptSegment("", new Pause(3000, "<break time=\"3s\"/>")), slide.Segments[1]);
    }

    [Theory]
    [InlineData("a < b y 3<4 <break time=\"1s\"/>", "a < b y 3<4")]
    [InlineData("Escribe \\<break/> para una pausa", "Escribe \\<break/> para una pausa")]
    [InlineData("Mira <https://example.com> <break/>", "Mira <https://example.com>")]
    [InlineData("  sangrado <break/>", "  sangrado")]
    [InlineData("tab\tinterior", "tab\tinterior")]
    public void Text_that_is_not_a_tag_is_kept_as_written(string line, string expectedText)
    {
        var segment = ScriptParser.Parse(line).GetScriptOrThrow().Slides.Single().Segments[0];

        Assert.Equal(expectedText, segment.Text);
    }

    [Fact]
    public void Front_matter_gives_the_chapter_metadata()
    {
        var script = ScriptParser.Parse(
            "---\ntitle: Tokens: lo básico\nlanguage: es-ES\nslug: tokens\ndescription: Qué es un token\n---\n\nHola <break/>")
            .GetScriptOrThrow();

        Assert.Equal(new ScriptMetadata("Tokens: lo básico", "es-ES", "tokens", "Qué es un token"), script.Metadata);
        Assert.Single(script.Slides);
    }

    public static TheoryData<string, string> Normalisations => new()
    {
        // input → what the writer gives back
        { "Uno\r\nDos\r\n\r\nTres", "Uno\nDos\n\nTres" },
        { "Uno\rDos", "Uno\nDos" },
        { "\uFEFFUno", "Uno" },
        { "Uno   \nDos\t \n", "Uno\nDos" },
        { "Uno\n\n\n\n\nDos", "Uno\n\nDos" },
        { "Uno\n   \t\nDos", "Uno\n\nDos" },
        { "\n\n\nUno\n\n\n", "Uno" },
        { "Uno<break time=\"1s\"/>", "Uno <break time=\"1s\"/>" },
        { "Uno    <break time=\"1s\"/>    dos", "Uno <break time=\"1s\"/> dos" },
        { "   <break time=\"1s\"/>", "<break time=\"1s\"/>" },
        { "---\nslug: a\ntitle: T\n---\nUno", "---\ntitle: T\nslug: a\n---\n\nUno" },
    };

    [Theory]
    [MemberData(nameof(Normalisations))]
    public void Writer_normalises_layout_and_keeps_every_character_of_text(string input, string expected)
    {
        var written = ScriptWriter.Write(ScriptParser.Parse(input).GetScriptOrThrow());

        Assert.Equal(expected, written);
        Assert.Equal(written, ScriptWriter.Write(ScriptParser.Parse(written).GetScriptOrThrow()));
    }

    public static TheoryData<string, string[]> Errors => new()
    {
        { "", ["1:1: the chapter is empty: write at least one line of narration"] },
        { "\n\n  \n", ["1:1: the chapter is empty: write at least one line of narration"] },
        { "---\ntitle: T\n---\n", ["4:1: the chapter is empty: write at least one line of narration"] },
        { "Hola <break time=\"1.5s\">", ["1:24: <break> must be self-closing: end it with '/>'"] },
        { "Hola <break time=\"1.5s\"", ["1:6: unclosed tag <break: end it with '/>'"] },
        { "Hola\nque <b>tal</b>", ["2:5: unknown tag <b>: only <break .../> is allowed (write \\< to show a literal '<')", "2:11: unknown tag </b>: only <break .../> is allowed (write \\< to show a literal '<')"] },
        { "<pause time=\"1s\"/>", ["1:1: unknown tag <pause time=\"1s\"/>: only <break .../> is allowed (write \\< to show a literal '<')"] },
        { "Hola <break time=\"abc\"/>", ["1:19: break time 'abc' is not a number with a unit: write e.g. 1.5s or 500ms"] },
        { "Hola <break time=\"1.5\"/>", ["1:19: break time '1.5' is not a number with a unit: write e.g. 1.5s or 500ms"] },
        { "Hola <break time=\"-1s\"/>", ["1:19: break time '-1s' is negative: a pause cannot be shorter than zero"] },
        { "Hola <break time=\"12s\"/>", ["1:19: break time '12s' is over the maximum of 10s"] },
        { "Hola <break time=\"10001ms\"/>", ["1:19: break time '10001ms' is over the maximum of 10s"] },
        { "Hola <break time=\"0.0005s\"/>", ["1:19: break time '0.0005s' is finer than a millisecond"] },
        { "Hola <break strength=\"loud\"/>", ["1:23: unknown break strength 'loud' (use none, x-weak, weak, medium, strong, x-strong)"] },
        { "Hola <break pitch=\"high\"/>", ["1:13: unknown attribute 'pitch' on <break/>: use time or strength"] },
        { "Hola <break time=1s/>", ["1:13: malformed attribute in <break/>: write time=\"1.5s\" or strength=\"medium\""] },
        { "Hola <break time=\"1s\" strength=\"weak\"/>", ["1:12: a break takes time or strength, not both"] },
        { "Hola <break time=\"1s\" time=\"2s\"/>", ["1:23: attribute 'time' is given twice"] },
        { "Hola <break time=\"1s\"/> <break time=\"1s\"/>", ["1:25: two breaks with no text between them: combine them into one break"] },
        { "Uno\nDos\u0007", ["2:4: control character U+0007 is not text; is this a binary file?"] },
        { "---\ntitle: T\nUno", ["1:1: the front matter opened with '---' is never closed: add a line '---' after it"] },
        { "---\nauthor: Ana\nlanguage: español\nnope\n---\nUno", ["2:1: unknown front matter key 'author' (known keys: title, language, slug, description)", "3:11: 'español' is not a language tag such as es, en or es-ES", "4:1: expected 'key: value' in the front matter (or '---' to close it)"] },
        { "¿Qué? <break time=\"x\"/>", ["1:20: break time 'x' is not a number with a unit: write e.g. 1.5s or 500ms"] },
        { "🙂 <break time=\"x\"/>", ["1:16: break time 'x' is not a number with a unit: write e.g. 1.5s or 500ms"] },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Bad_input_is_rejected_with_every_problem_at_its_line_and_column(string input, string[] expected)
    {
        var result = ScriptParser.Parse(input);

        Assert.False(result.Succeeded);
        Assert.Null(result.Script);
        Assert.Equal(expected, result.Errors.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("language", "español", ScriptErrorCode.NotALanguageTag, "español")]
    [InlineData("slug", "No Vale", ScriptErrorCode.NotASlug, "No Vale")]
    [InlineData("title", "301", ScriptErrorCode.TitleTooLong, "300")]
    [InlineData("description", "301", ScriptErrorCode.DescriptionTooLong, "300")]
    public void A_bad_front_matter_value_has_a_code_and_its_values_so_pages_can_say_it_in_their_language(
        string key, string value, ScriptErrorCode code, string argument)
    {
        value = value == "301" ? new string('a', 301) : value;

        var error = Assert.Single(ScriptParser.Parse($"---\n{key}: {value}\n---\nUno").Errors);

        Assert.Equal((2, code), (error.Line, error.Code));
        Assert.Equal([argument], error.Arguments);
    }

    [Theory]
    [InlineData("language", "es-ES")]
    [InlineData("slug", "ingenieria-de-ia")]
    [InlineData("title", "Modelos fundacionales")]
    public void A_good_front_matter_value_has_no_problem(string key, string value) =>
        Assert.Null(MetadataRules.Check(key, value));

    [Theory]
    [InlineData(new byte[] { (byte)'H', (byte)'o', (byte)'l', (byte)'a', (byte)'\n', (byte)'c', 0xE9, (byte)'t' }, "2:2: the file is not UTF-8 text (byte 0xE9 cannot start a character here); save it as UTF-8")]
    [InlineData(new byte[] { 0xFF, 0xFE, (byte)'H', 0 }, "1:1: the file is UTF-16 text; save it as UTF-8")]
    [InlineData(new byte[] { (byte)'H', 0, (byte)'i' }, "1:2: the file contains a NUL byte: it is not a text file")]
    public void Bytes_that_are_not_UTF8_text_are_rejected(byte[] input, string expected)
    {
        var result = ScriptParser.Parse(input);

        Assert.Equal([expected], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_UTF8_byte_order_mark_is_accepted_and_dropped()
    {
        var result = ScriptParser.Parse([0xEF, 0xBB, 0xBF, .. "Hola"u8]);

        Assert.Equal("Hola", result.GetScriptOrThrow().Slides.Single().Segments.Single().Text);
    }
}
