using System.Globalization;
using System.Text;
using Course.Core.Authoring;
using Course.Core.Scripts;

namespace Course.Core.Tests.Authoring;

public class ScriptEditsTests
{
    /// <summary>
    /// Runs one edit written as words, e.g. "move-slide 2 -1", "pause 0 1 1500", "pause 0 1 strong",
    /// "unpause 0 1", "text 0 1 Hola", "insert-segment 0 1 Nuevo", "insert-slide 1 Nueva".
    /// </summary>
    private static ChapterScript Apply(ChapterScript script, string edit)
    {
        var words = edit.Split(' ', 4);
        int N(int i) => int.Parse(words[i], CultureInfo.InvariantCulture);
        return words[0] switch
        {
            "move-slide" => ScriptEdits.MoveSlide(script, N(1), N(2)),
            "insert-slide" => ScriptEdits.InsertSlide(script, N(1), new ScriptSlide([new ScriptSegment(string.Join(' ', words[2..]))])),
            "delete-slide" => ScriptEdits.DeleteSlide(script, N(1)),
            "split" => ScriptEdits.SplitSlide(script, N(1), N(2)),
            "merge" => ScriptEdits.MergeWithNext(script, N(1)),
            "move-segment" => ScriptEdits.MoveSegment(script, N(1), N(2), N(3)),
            "move-to-slide" => ScriptEdits.MoveSegmentToSlide(script, N(1), N(2)),
            "insert-segment" => ScriptEdits.InsertSegment(script, N(1), N(2), new ScriptSegment(words[3])),
            "delete-segment" => ScriptEdits.DeleteSegment(script, N(1), N(2)),
            "pause" => ScriptEdits.SetPause(script, N(1), N(2), BreakStrengths.TryParse(words[3], out var strength)
                ? Pause.FromStrength(strength)
                : Pause.FromMilliseconds(int.Parse(words[3], CultureInfo.InvariantCulture))),
            "unpause" => ScriptEdits.SetPause(script, N(1), N(2), null),
            "text" => ScriptEdits.SetSegmentText(script, N(1), N(2), words.Length > 3 ? words[3] : ""),
            _ => throw new ArgumentException(edit),
        };
    }

    private static ChapterScript Parse(string text) => ScriptParser.Parse(text).GetScriptOrThrow();

    private static string Write(ChapterScript script, string original) =>
        ScriptWriter.Write(script, includeMetadata: original.StartsWith("---", StringComparison.Ordinal));

    /// <summary>Slides as lines of "text|markup|continues" so two scripts compare by value.</summary>
    private static string Shape(ChapterScript script) => string.Join("\n\n", script.Slides.Select(slide =>
        string.Join("\n", slide.Segments.Select(s => $"{s.Text}|{s.Pause?.Markup}|{s.ContinuesLine}"))));

    public static TheoryData<string, string, string> Edits => new()
    {
        // script, edit → the script written after it
        { "a\n\nb\n\nc", "move-slide 2 -1", "a\n\nc\n\nb" },
        { "a\n\nb\n\nc", "move-slide 0 1", "b\n\na\n\nc" },
        { "a\n\nb\n\nc", "move-slide 0 2", "b\n\nc\n\na" },
        { "a\n\nb", "insert-slide 1 Nueva diapositiva", "a\n\nNueva diapositiva\n\nb" },
        { "a\n\nb", "insert-slide 0 Primera", "Primera\n\na\n\nb" },
        { "a\n\nb", "insert-slide 2 Última", "a\n\nb\n\nÚltima" },
        { "a\n\nb\n\nc", "delete-slide 1", "a\n\nc" },
        { "a\n\nb\n\nc", "delete-slide 2", "a\n\nb" },
        { "a <break time=\"1s\"/>\nb\nc", "split 0 1", "a <break time=\"1s\"/>\n\nb\nc" },
        { "a\nb\nc", "split 0 2", "a\nb\n\nc" },
        // split inside a line: the line is cut there
        { "a <break time=\"1s\"/> b <break/> c", "split 0 1", "a <break time=\"1s\"/>\n\nb <break/> c" },
        { "a\n\nb\nc\n\nd", "merge 0", "a\nb\nc\n\nd" },
        { "a\n\nb\nc\n\nd", "merge 1", "a\n\nb\nc\nd" },
        { "a <break time=\"1s\"/>\nb <break strength='weak' />", "move-segment 0 1 -1", "b <break strength='weak' />\na <break time=\"1s\"/>" },
        { "a\nb\nc", "move-segment 0 0 2", "b\nc\na" },
        // across slides: the last line goes to the start of the next slide, the first to the end of the previous
        { "a <break time=\"1s\"/>\nb <break/>\n\nc", "move-to-slide 0 1", "a <break time=\"1s\"/>\n\nb <break/>\nc" },
        { "a\n\nb\nc", "move-to-slide 1 -1", "a\nb\n\nc" },
        // a segment inside a line leaves it as a line of its own; the rest of the line stays a line
        { "a <break time=\"1s\"/> b\n\nc", "move-to-slide 0 1", "a <break time=\"1s\"/>\n\nb\nc" },
        { "a\n\nb <break time=\"1s\"/> c", "move-to-slide 1 -1", "a\nb <break time=\"1s\"/>\n\nc" },
        { "a\nb\nc", "move-segment 0 2 -2", "c\na\nb" },
        // the line layout stays with the positions
        { "a <break time=\"1s\"/> b <break/>\nc", "move-segment 0 2 -1", "a <break time=\"1s\"/> c\nb <break/>" },
        { "a <break time=\"1s\"/> b <break/>\nc", "move-segment 0 0 1", "b <break/> a <break time=\"1s\"/>\nc" },
        // …unless a segment with no pause would come before one continuing the line
        { "a <break/> b", "move-segment 0 0 1", "b\na <break/>" },
        { "a\nb", "insert-segment 0 1 Nuevo", "a\nNuevo\nb" },
        { "a\nb", "insert-segment 0 0 Nuevo", "Nuevo\na\nb" },
        { "a\nb", "insert-segment 0 2 Nuevo", "a\nb\nNuevo" },
        // a new segment inside a line starts its own and cuts the line
        { "a <break/> b", "insert-segment 0 1 Nuevo", "a <break/>\nNuevo\nb" },
        { "a\nb\nc", "delete-segment 0 1", "a\nc" },
        { "a <break/> b <break/> c", "delete-segment 0 1", "a <break/> c" },
        // deleting the first segment of a line, the next one starts it
        { "z <break/>\na <break/> b", "delete-segment 0 1", "z <break/>\nb" },
        { "a <break/> b", "delete-segment 0 0", "b" },
        { "a <break time=\"1.0s\"/>\nb", "pause 0 1 1500", "a <break time=\"1.0s\"/>\nb <break time=\"1.5s\"/>" },
        { "a <break time=\"1.0s\"/>\nb", "pause 0 0 250", "a <break time=\"0.25s\"/>\nb" },
        { "a <break time=\"1.0s\"/>\nb", "pause 0 0 0", "a <break time=\"0.0s\"/>\nb" },
        { "a <break time=\"1.0s\"/>\nb", "pause 0 0 10000", "a <break time=\"10.0s\"/>\nb" },
        { "a <break time=\"1.0s\"/>\nb", "pause 0 0 strong", "a <break strength=\"strong\"/>\nb" },
        { "a <break time=\"1.0s\"/>\nb", "pause 0 1 x-weak", "a <break time=\"1.0s\"/>\nb <break strength=\"x-weak\"/>" },
        { "a <break/>\nb", "pause 0 0 none", "a <break strength=\"none\"/>\nb" },
        { "a <break/>\nb", "unpause 0 0", "a\nb" },
        { "a\nb", "unpause 0 0", "a\nb" },
        // removing the pause in the middle of a line cuts the line there
        { "a <break/> b <break time='2s'/> c", "unpause 0 0", "a\nb <break time='2s'/> c" },
        { "a <break time=\"1s\"/>\nb", "text 0 0 Hola, **mundo**", "Hola, **mundo** <break time=\"1s\"/>\nb" },
        { "a <break time=\"1s\"/>\nb", "text 0 1   - Sangrado y espacio final   ", "a <break time=\"1s\"/>\n  - Sangrado y espacio final" },
        { "a <break/> b", "text 0 1   dos  ", "a <break/> dos" },
        { "a <break/>", "text 0 0 3 \\< 4 y \\<b>", "3 \\< 4 y \\<b> <break/>" },
        { "a <break/>\nb", "text 0 0", "<break/>\nb" },
        // a continuation left with no text becomes a silent line of its own
        { "a <break/> b <break time=\"2s\"/>", "text 0 1", "a <break/>\n<break time=\"2s\"/>" },
        // the front matter is kept
        { "---\ntitle: T\nlanguage: es\n---\n\na\n\nb", "move-slide 1 -1", "---\ntitle: T\nlanguage: es\n---\n\nb\n\na" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void Each_edit_gives_the_expected_script_and_that_script_parses_back_to_it(string script, string edit, string expected)
    {
        var edited = Apply(Parse(script), edit);
        var written = Write(edited, script);

        Assert.Equal(expected, written);
        Assert.Equal(Shape(edited), Shape(Parse(written)));
        Assert.Equal(Parse(script).Metadata, edited.Metadata);
    }

    public static TheoryData<string, string, Type> Refused => new()
    {
        { "a\n\nb", "move-slide 0 -1", typeof(ArgumentOutOfRangeException) },
        { "a\n\nb", "move-slide 1 1", typeof(ArgumentOutOfRangeException) },
        { "a\n\nb", "move-slide 2 -1", typeof(ArgumentOutOfRangeException) },
        { "a\n\nb", "move-slide -1 1", typeof(ArgumentOutOfRangeException) },
        { "a\n\nb", "insert-slide 3 x", typeof(ArgumentOutOfRangeException) },
        { "a\n\nb", "insert-slide -1 x", typeof(ArgumentOutOfRangeException) },
        { "a", "delete-slide 0", typeof(InvalidOperationException) },
        { "a\n\nb", "delete-slide 2", typeof(ArgumentOutOfRangeException) },
        { "a\nb", "split 0 0", typeof(ArgumentOutOfRangeException) },
        { "a\nb", "split 0 2", typeof(ArgumentOutOfRangeException) },
        { "a\n\nb", "merge 1", typeof(ArgumentOutOfRangeException) },
        { "a\nb", "move-segment 0 0 -1", typeof(ArgumentOutOfRangeException) },
        { "a\nb", "move-segment 0 1 1", typeof(ArgumentOutOfRangeException) },
        { "a\nb", "move-segment 1 0 1", typeof(ArgumentOutOfRangeException) },
        { "a\nb\n\nc", "move-to-slide 1 1", typeof(ArgumentOutOfRangeException) },
        { "a\nb\n\nc", "move-to-slide 0 -1", typeof(ArgumentOutOfRangeException) },
        { "a\n\nb", "move-to-slide 0 1", typeof(InvalidOperationException) },
        { "a\nb", "insert-segment 0 3 x", typeof(ArgumentOutOfRangeException) },
        { "a\nb", "insert-segment 0 1 <b>", typeof(ArgumentException) },
        { "a", "delete-segment 0 0", typeof(InvalidOperationException) },
        { "a\nb", "delete-segment 0 2", typeof(ArgumentOutOfRangeException) },
        { "a\nb", "pause 0 0 10001", typeof(ArgumentOutOfRangeException) },
        { "a\nb", "pause 0 0 -1", typeof(ArgumentOutOfRangeException) },
        { "<break/>\nb", "unpause 0 0", typeof(InvalidOperationException) },
        { "a\nb", "text 0 0", typeof(ArgumentException) },
        { "a\nb", "text 0 0 uno <break/> dos", typeof(ArgumentException) },
        { "a\nb", "text 0 0 <b>negrita</b>", typeof(ArgumentException) },
        { "a\nb", "text 0 2 x", typeof(ArgumentOutOfRangeException) },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Impossible_edits_are_refused(string script, string edit, Type exception)
    {
        var thrown = Record.Exception(() => Apply(Parse(script), edit));

        Assert.NotNull(thrown);
        Assert.IsType(exception, thrown);
    }

    [Fact]
    public void Text_with_a_line_break_and_pauses_that_are_not_breaks_are_refused()
    {
        var script = Parse("a <break/>\nb");

        Assert.Throws<ArgumentException>(() => ScriptEdits.SetSegmentText(script, 0, 1, "uno\ndos"));
        Assert.Throws<ArgumentException>(() => ScriptEdits.SetPause(script, 0, 1, new Pause(500, "<pause/>")));
        Assert.Throws<ArgumentException>(() => ScriptEdits.SetPause(script, 0, 1, new Pause(500, "<break time=\"1s\"/>")));
        Assert.Throws<ArgumentException>(() => ScriptEdits.InsertSlide(script, 0, new ScriptSlide([])));
        Assert.Throws<ArgumentNullException>(() => ScriptEdits.MoveSlide(null!, 0, 1));
    }

    public static TheoryData<string, bool, SegmentTextProblem> Texts => new()
    {
        // text, whether the segment has a pause → the problem
        { "Hola", false, SegmentTextProblem.None },
        { "  - sangrado", false, SegmentTextProblem.None },
        { "---", false, SegmentTextProblem.None },
        { "a < b y <https://example.com>", false, SegmentTextProblem.None },
        { "\\<b> escapado", false, SegmentTextProblem.None },
        { "", true, SegmentTextProblem.None },
        { "", false, SegmentTextProblem.Empty },
        { "  \t", false, SegmentTextProblem.Empty },
        { "uno\ndos", false, SegmentTextProblem.LineBreak },
        { "uno\r", true, SegmentTextProblem.LineBreak },
        { "uno <break/> dos", false, SegmentTextProblem.ContainsBreak },
        { "uno <break time=\"1s\"/>", true, SegmentTextProblem.ContainsBreak },
        { "<b>negrita</b>", false, SegmentTextProblem.Invalid },
        { "uno <break time=\"abc\"/>", false, SegmentTextProblem.Invalid },
        { "campana \u0007", false, SegmentTextProblem.Invalid },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Segment_text_is_checked_before_it_is_set(string text, bool hasPause, SegmentTextProblem expected)
    {
        var check = ScriptEdits.CheckSegmentText(text, hasPause);

        Assert.Equal(expected, check.Problem);
        Assert.Equal(expected == SegmentTextProblem.Invalid, check.Detail is not null);
    }

    [Fact]
    public void Invalid_text_says_what_the_parser_found()
    {
        Assert.Equal("unknown tag <b>: only <break .../> is allowed (write \\< to show a literal '<')",
            ScriptEdits.CheckSegmentText("<b>negrita</b>", false).Detail);
    }

    private const string Handwritten =
        "Uno <break time='2s' />\nDos<break/>\nTres <break time=\"1.0s\"/> cuatro <break time=\"500ms\"/>\n" +
        "<break strength=\"x-strong\"/>\n\nCinco <break time=\".25s\"/>\nSeis";

    [Theory]
    [InlineData("pause 0 0 1500", "<break time='2s' />")]
    [InlineData("delete-segment 0 4", "<break strength=\"x-strong\"/>")]
    [InlineData("move-segment 0 1 1", null)]
    [InlineData("text 1 1 Siete", null)]
    [InlineData("move-slide 1 -1", null)]
    [InlineData("split 0 2", null)]
    [InlineData("merge 0", null)]
    [InlineData("insert-segment 1 0 Nuevo", null)]
    [InlineData("insert-slide 1 Nueva", null)]
    public void Segments_an_edit_does_not_touch_keep_their_break_as_written(string edit, string? replaced)
    {
        var before = Parse(Handwritten);
        var after = Apply(before, edit);

        static List<string> Markups(ChapterScript script) =>
            [.. script.Slides.SelectMany(s => s.Segments).Select(s => s.Pause?.Markup).OfType<string>().Order(StringComparer.Ordinal)];
        var expected = Markups(before);
        if (replaced is not null)
        {
            expected.Remove(replaced);
        }

        Assert.Equal(6, Markups(before).Count);
        Assert.All(expected, markup => Assert.Contains(markup, Markups(after)));
        Assert.All(expected, markup => Assert.Contains(markup, ScriptWriter.Write(after), StringComparison.Ordinal));
        Assert.Equal(Handwritten.Replace("Dos<break/>", "Dos <break/>", StringComparison.Ordinal), ScriptWriter.Write(before));
    }

    [Fact]
    public void An_edit_that_changes_nothing_returns_the_same_script()
    {
        var script = Parse(Handwritten);

        Assert.Same(script, ScriptEdits.SetPause(script, 0, 0, new Pause(2000, "<break time='2s' />")));
        Assert.Same(script, ScriptEdits.SetSegmentText(script, 0, 0, "Uno"));
        Assert.Same(script, ScriptEdits.SetSegmentText(script, 0, 0, "Uno  "));
        Assert.Same(script, ScriptEdits.SetPause(script, 1, 1, null));
    }

    [Fact]
    public void The_seed_chapter_survives_every_move_and_move_back_byte_for_byte()
    {
        var seed = Encoding.UTF8.GetString(SeedChapter.Bytes());
        var script = ScriptParser.Parse(SeedChapter.Bytes()).GetScriptOrThrow();
        Assert.Equal(seed, ScriptWriter.Write(script));

        for (var s = 0; s < script.Slides.Count - 1; s++)
        {
            var moved = ScriptEdits.MoveSlide(script, s, 1);
            Assert.NotEqual(seed, ScriptWriter.Write(moved));
            Assert.Equal(seed, ScriptWriter.Write(ScriptEdits.MoveSlide(moved, s + 1, -1)));

            var merged = ScriptEdits.MergeWithNext(script, s);
            Assert.Equal(seed, ScriptWriter.Write(ScriptEdits.SplitSlide(merged, s, script.Slides[s].Segments.Count)));
        }

        for (var s = 0; s < script.Slides.Count; s++)
        {
            for (var g = 0; g < script.Slides[s].Segments.Count - 1; g++)
            {
                var moved = ScriptEdits.MoveSegment(script, s, g, 1);
                Assert.Equal(seed, ScriptWriter.Write(ScriptEdits.MoveSegment(moved, s, g + 1, -1)));

                var split = ScriptEdits.SplitSlide(script, s, g + 1);
                Assert.Equal(seed, ScriptWriter.Write(ScriptEdits.MergeWithNext(split, s)));
            }
        }
    }

    [Fact]
    public void Lines_group_a_slides_segments()
    {
        var slide = Parse("a <break/> b <break/> c\nd\ne <break/> f").Slides[0];

        Assert.Equal(new[] { (0, 3), (3, 1), (4, 2) }, ScriptEdits.Lines(slide));
    }
}
