using Course.Core.Authoring;
using Course.Core.Rendering;
using Course.Core.Scripts;

namespace Course.Core.Tests;

/// <summary>
/// Every number and length a script or Markdown chapter gives is bounded (docs/script-format.md, "Limits"): past a
/// bound it is refused with its code at its line and column, never an exception.
/// </summary>
public class InputBoundsTests
{
    private const string ThirtyDigits = "999999999999999999999999999999";

    public static TheoryData<string, ScriptErrorCode, int, int> ScriptCases => new()
    {
        // The break time of issue 12: more digits than any number type holds.
        { $"Hola <break time=\"{ThirtyDigits}s\"/>", ScriptErrorCode.TimeOverMaximum, 1, 19 },
        { $"Hola <break time=\"{ThirtyDigits}ms\"/>", ScriptErrorCode.TimeOverMaximum, 1, 19 },
        { $"Uno\nHola <break time=\"0.{ThirtyDigits}s\"/>", ScriptErrorCode.TimeFinerThanMillisecond, 2, 19 },
        { $"Hola <break time=\"0.000{new string('0', 40)}1s\"/>", ScriptErrorCode.TimeFinerThanMillisecond, 1, 19 },
        { "Hola <break time=\"10.0001s\"/>", ScriptErrorCode.TimeOverMaximum, 1, 19 },
        { "Hola <break time=\"10000.5ms\"/>", ScriptErrorCode.TimeOverMaximum, 1, 19 },
        { "Hola <break time=\"9999.5ms\"/>", ScriptErrorCode.TimeFinerThanMillisecond, 1, 19 },
        { "Hola <break time=\"1000000000s\"/>", ScriptErrorCode.TimeOverMaximum, 1, 19 },
        { $"Uno\n{new string('a', ScriptParser.MaxLineLength + 1)}", ScriptErrorCode.LineTooLong, 2, ScriptParser.MaxLineLength + 1 },
        { $"---\nslug: {new string('a', MetadataRules.MaxSlugLength + 1)}\n---\nUno", ScriptErrorCode.ValueTooLong, 2, 7 },
        { $"---\nlanguage: es{new string('-', 1)}{new string('a', MetadataRules.MaxSlugLength)}\n---\nUno", ScriptErrorCode.ValueTooLong, 2, 11 },
    };

    [Theory]
    [MemberData(nameof(ScriptCases))]
    public void A_script_value_past_its_bound_is_refused_at_its_line_and_column(string script, ScriptErrorCode code, int line, int column)
    {
        var error = Assert.Single(ScriptParser.Parse(script).Errors);
        Assert.Equal((code, line, column), (error.Code!.Value, error.Line, error.Column));
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000010s", 10_000)]
    [InlineData("10.000000000000000000000000000000000000s", 10_000)]
    [InlineData("0.001000000000000000000000000000000000000s", 1)]
    public void Leading_and_trailing_zeros_are_no_digits_of_the_number(string time, int expectedMilliseconds)
    {
        var result = ScriptParser.Parse($"Hola <break time=\"{time}\"/>");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(expectedMilliseconds, result.Script!.Slides[0].Segments[0].PauseMilliseconds);
    }

    [Fact]
    public void The_thirty_digit_break_says_what_is_wrong_in_English()
    {
        var error = Assert.Single(ScriptParser.Parse($"Hola <break time=\"{ThirtyDigits}s\"/>").Errors);

        Assert.Equal($"1:19: break time '{ThirtyDigits}s' is over the maximum of 10s", error.ToString());
        Assert.Equal([$"{ThirtyDigits}s", "10"], error.Arguments);
    }

    [Fact]
    public void A_script_longer_than_the_limit_is_refused_at_the_first_character_past_it()
    {
        var line = new string('a', 999) + "\n"; // 1,000 characters a line
        var script = string.Concat(Enumerable.Repeat(line, ScriptParser.MaxCharacters / 1000)) + "tail";

        var error = Assert.Single(ScriptParser.Parse(script).Errors);

        Assert.Equal((ScriptErrorCode.TextTooLong, ScriptParser.MaxCharacters / 1000 + 1, 1), (error.Code!.Value, error.Line, error.Column));
    }

    [Fact]
    public void Past_the_limit_of_problems_the_parser_says_there_are_more_and_stops()
    {
        var script = string.Join("\n", Enumerable.Range(1, 500).Select(_ => "<b>"));

        var errors = ScriptParser.Parse(script).Errors;

        Assert.Equal(ScriptParser.MaxErrors + 1, errors.Count);
        Assert.All(errors.Take(ScriptParser.MaxErrors), e => Assert.Equal(ScriptErrorCode.UnknownTag, e.Code));
        Assert.Equal((ScriptErrorCode.TooManyErrors, ScriptParser.MaxErrors + 1), (errors[^1].Code!.Value, errors[^1].Line));
    }

    public static TheoryData<string, ScriptErrorCode, int, int> MarkdownCases => new()
    {
        { $"# Título\n\nHola\n\n[pause {ThirtyDigits}s]", ScriptErrorCode.TimeOverMaximum, 5, 8 },
        { $"Hola <break time=\"{ThirtyDigits}s\"/>", ScriptErrorCode.TimeOverMaximum, 1, 19 },
        { $"Uno\n\n{new string('a', ScriptParser.MaxLineLength + 1)}", ScriptErrorCode.LineTooLong, 3, ScriptParser.MaxLineLength + 1 },
        // A paragraph is one segment: its lines together are over the limit, at the line where it is crossed.
        { string.Join("\n", Enumerable.Repeat(new string('a', 999), 11)), ScriptErrorCode.LineTooLong, 11, 1 },
        { $"---\nslug: {new string('a', MetadataRules.MaxSlugLength + 1)}\n---\nUno", ScriptErrorCode.ValueTooLong, 2, 7 },
    };

    [Theory]
    [MemberData(nameof(MarkdownCases))]
    public void A_Markdown_value_past_its_bound_is_refused_at_its_line_and_column(string markdown, ScriptErrorCode code, int line, int column)
    {
        var error = Assert.Single(MarkdownChapterReader.Read(markdown).Errors);

        Assert.Equal((code, line, column), (error.Code!.Value, error.Line, error.Column));
    }

    [Fact]
    public void A_Markdown_chapter_with_too_many_problems_lists_the_first_ones_and_says_there_are_more()
    {
        var markdown = string.Join("\n\n", Enumerable.Range(1, 500).Select(_ => "Hola <b>"));

        var errors = MarkdownChapterReader.Read(markdown).Errors;

        Assert.Equal(ScriptParser.MaxErrors + 1, errors.Count);
        Assert.Equal(ScriptErrorCode.TooManyErrors, errors[^1].Code);
    }

    [Theory]
    [InlineData("١٢2. Walk: La IA trabaja <break time=\"0.5s\"/>")] // found by the fuzz run: Arabic-Indic digits before ". "
    [InlineData("١. uno")]
    public void Digits_other_than_ASCII_make_no_numbered_item_in_a_script_or_in_Markdown(string line)
    {
        Assert.Equal(ListKind.None, SegmentMarkdown.SplitListMarker(line).List);
        Assert.Equal(ListKind.None, SegmentMarkdown.Render(line).List);
        Assert.True(ScriptParser.Parse(line).Succeeded);
        Assert.True(MarkdownChapterReader.Read(line).Succeeded);
    }

    [Fact]
    public void A_Markdown_chapter_longer_than_the_limit_is_refused()
    {
        var markdown = new string('a', ScriptParser.MaxCharacters + 1);

        var error = Assert.Single(MarkdownChapterReader.Read(markdown).Errors);

        Assert.Equal((ScriptErrorCode.TextTooLong, 1, ScriptParser.MaxCharacters + 1), (error.Code!.Value, error.Line, error.Column));
    }
}
