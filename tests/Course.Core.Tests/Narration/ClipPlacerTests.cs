using Course.Core.Narration;

namespace Course.Core.Tests.Narration;

/// <summary>Edits to a chapter's lines → where each recorded clip ends up. Slides are "key: line | line | …".</summary>
public class ClipPlacerTests
{
    public static TheoryData<string, string, string, string> Edits => new()
    {
        // what                                before                         after                                   placed clips (clip@key:line state)
        { "nothing changed",                  "s1: A | B | C",               "s1: A | B | C",                        "a@s1:0 b@s1:1 c@s1:2" },
        { "a line inserted before",           "s1: A | B | C",               "s1: X | A | B | C",                    "a@s1:1 b@s1:2 c@s1:3" },
        { "a line edited in place",           "s1: A | B | C",               "s1: A | B2 | C",                       "a@s1:0 b@s1:1~ c@s1:2" },
        { "a line deleted",                   "s1: A | B | C",               "s1: A | C",                            "a@s1:0 c@s1:1 -b" },
        { "lines swapped",                    "s1: A | B | C",               "s1: C | A | B",                        "c@s1:0 a@s1:1 b@s1:2" },
        { "a line moved to another slide",    "s1: A | B ; s2: D",           "s1: A ; s2: D | B",                    "a@s1:0 d@s2:0 b@s2:1" },
        { "slides reordered",                 "s1: A ; s2: D",               "s2: D ; s1: A",                        "d@s2:0 a@s1:0" },
        { "a slide deleted",                  "s1: A ; s2: D",               "s1: A",                                "a@s1:0 -d" },
        { "edited line next to an unrecorded one", "s1: A | B | C",          "s1: A | B | C2",                       "a@s1:0 b@s1:1 c@s1:2~" },
        { "two edits in one gap pair in order", "s1: A | B | C | D",         "s1: A | B2 | C2 | D",                  "a@s1:0 b@s1:1~ c@s1:2~ d@s1:3" },
        { "duplicate texts keep their order", "s1: Sí | Sí",                 "s1: Sí | Sí",                          "a@s1:0 b@s1:1" },
        { "an edit back to the recorded text is current again", "s1: A | B2", "s1: A | B",                           "a@s1:0 b@s1:1" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void Clips_follow_their_lines(string what, string before, string after, string expected)
    {
        var old = Parse(before);
        // Every line of the old text has a clip named after its text's first letter, recorded for "B" even where the line says "B2".
        var clips = old.SelectMany(s => s.Lines.Select((text, i) => new LineClip(Name(text, s, i), s.SlideKey, i, text.TrimEnd('2'))))
            .Where(c => !(what.Contains("unrecorded") && c.RecordedText == "B"))
            .ToList();

        var placement = ClipPlacer.Place(old, Parse(after), clips);

        var placed = placement.Placed.Select(p => $"{p.ClipId}@{p.SlideKey}:{p.Line}{(p.State == ClipState.TextChanged ? "~" : "")}");
        var unplaced = placement.Unplaced.Select(c => $"-{c.ClipId}");
        var actual = string.Join(' ', placed.Concat(unplaced));
        Assert.Equal(Without(expected, what), actual);
    }

    [Fact]
    public void A_clip_is_never_placed_on_a_line_that_already_has_one()
    {
        var before = Parse("s1: A | A2");
        var clips = new[] { new LineClip("x", "s1", 0, "A"), new LineClip("y", "s1", 1, "A2") };

        var placement = ClipPlacer.Place(before, Parse("s1: A"), clips);

        Assert.Equal(["x"], placement.Placed.Select(p => p.ClipId));
        Assert.Equal(["y"], placement.Unplaced.Select(c => c.ClipId));
    }

    // The unrecorded-line case names no clip for B; duplicate "Sí" lines get a and b.
    private static string Without(string expected, string what) =>
        what.Contains("unrecorded") ? expected.Replace("b@s1:1 ", "") : expected;

    private static string Name(string text, SlideLines slide, int line) =>
        text == "Sí" ? (line == 0 ? "a" : "b") : text[..1].ToLowerInvariant();

    private static List<SlideLines> Parse(string slides) =>
        [.. slides.Split(';').Select(s => s.Split(':')).Select(p => new SlideLines(p[0].Trim(), [.. p[1].Split('|').Select(l => l.Trim())]))];
}
