using Course.Core.Scripts;

namespace Course.Core.Tests;

/// <summary>Where the parser says a script's front matter and slides are: what the editor's analysis, slides view and preview rely on.</summary>
public class ScriptParserSpanTests
{
    /// <summary>Slides as "first-last" (with "!" when the slide has an error), front matter as "fm first-last".</summary>
    private static string Layout(ScriptParseResult result) =>
        string.Join(" ", (result.FrontMatter is { } fm ? [$"fm {fm.First}-{fm.Last}"] : Array.Empty<string>())
            .Concat(result.Slides.Select(s => $"{s.Lines.First}-{s.Lines.Last}{(s.Slide is null ? "!" : "")}")));

    public static TheoryData<string, string> Scripts => new()
    {
        { "Uno", "1-1" },
        { "Uno\n", "1-1" },
        { "Uno\nDos\n\nTres", "1-2 4-4" },
        { "Uno\nDos\n\nTres\n", "1-2 4-4" },
        { "\n\nUno\n\n\n\nDos\n\n", "3-3 7-7" },
        { "Uno\n  \t\nDos", "1-1 3-3" },                        // a line of spaces and tabs is blank
        { "Uno\r\nDos\r\n\r\nTres\r\n", "1-2 4-4" },             // CRLF
        { "Uno\rDos\r\rTres", "1-2 4-4" },                       // old Mac line ends
        { "\uFEFFUno\n\nDos", "1-1 3-3" },                       // a BOM is not a line
        { "---\ntitle: Hola\n---\nUno\n\nDos", "fm 1-3 4-4 6-6" },
        { "---\ntitle: Hola\n---\n\nUno\nDos", "fm 1-3 5-6" },
        { "---  \r\ntitle: Hola\r\n---\r\nUno", "fm 1-3 4-4" },
        { "Uno\n---\nDos", "1-3" },                               // a fence after the first line is narration
        { "Uno <break time=\"1s\"/> dos\nTres\n\nCuatro <break/>", "1-2 4-4" },
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public void A_valid_script_has_its_front_matter_and_slides_at_these_lines(string text, string expected)
    {
        var result = ScriptParser.Parse(text);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(expected, Layout(result));
        Assert.Equal(result.Script!.Slides, result.Slides.Select(s => s.Slide!));
    }

    public static TheoryData<string, string> ScriptsWithErrors => new()
    {
        { "Bien\n\nMal <b>\nsigue\n\nBien", "1-1 3-4! 6-6" },
        { "Mal <break time=\"x\"/>\n\nBien\n", "1-1! 3-3" },
        { "Bien\r\n\r\nMal <break>\r\n", "1-1 3-3!" },
        { "---\ntitle: Hola\nfoo: bar\n---\nBien\n\nMal <i>", "fm 1-4 5-5 7-7!" },  // a front matter error is no slide's
        { "---\ntitle: Hola\nUno\n\nDos", "fm 1-5" },                               // never closed: all front matter
        { "\n\n", "" },                                                             // empty
        { "Bien\n\nMal \u0001", "1-1 3-3!" },                                       // control character
    };

    [Theory]
    [MemberData(nameof(ScriptsWithErrors))]
    public void A_script_with_errors_still_has_its_slides_lines_and_the_slides_without_errors(string text, string expected)
    {
        var result = ScriptParser.Parse(text);

        Assert.False(result.Succeeded);
        Assert.Equal(expected, Layout(result));
    }

    [Fact]
    public void A_slide_without_errors_in_a_script_with_errors_is_the_slide_it_would_be_alone()
    {
        var result = ScriptParser.Parse("Uno <break time=\"1s\"/> dos\n\nMal <b>\n\n- tres <break strength=\"weak\"/>");

        Assert.Equal(
            [ScriptParser.Parse("Uno <break time=\"1s\"/> dos").Script!.Slides[0].Segments, null, ScriptParser.Parse("- tres <break strength=\"weak\"/>").Script!.Slides[0].Segments],
            result.Slides.Select(s => s.Slide?.Segments));
    }

    [Fact]
    public void Past_the_error_limit_the_slides_lines_are_still_found_but_none_is_offered_as_right()
    {
        var bad = string.Join("\n", Enumerable.Repeat("<b>", ScriptParser.MaxErrors + 5));
        var result = ScriptParser.Parse(bad + "\n\nBien");

        Assert.Equal($"1-{ScriptParser.MaxErrors + 5}! {ScriptParser.MaxErrors + 7}-{ScriptParser.MaxErrors + 7}!", Layout(result));
    }

    [Fact]
    public void A_text_too_long_to_read_has_no_slides()
    {
        var result = ScriptParser.Parse(new string('a', ScriptParser.MaxCharacters + 1));

        Assert.Equal("", Layout(result));
    }
}
