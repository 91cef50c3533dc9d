using Course.Core.Authoring;

namespace Course.Core.Tests.Authoring;

public class SlideKeyMatcherTests
{
    public static TheoryData<string[], string[], int?[]> Cases => new()
    {
        // unchanged chapter: every slide keeps its key
        { ["a", "b", "c"], ["a", "b", "c"], [0, 1, 2] },
        // a slide inserted in the middle is new; the others keep theirs
        { ["a", "b", "c"], ["a", "x", "b", "c"], [0, null, 1, 2] },
        // a slide deleted: the rest keep theirs
        { ["a", "b", "c"], ["a", "c"], [0, 2] },
        // a slide edited in place stays the same slide
        { ["a", "b", "c"], ["a", "b2", "c"], [0, 1, 2] },
        // two edited, one added in the same place: paired in order, the extra one is new
        { ["a", "b", "c", "d"], ["a", "b2", "c2", "n", "d"], [0, 1, 2, null, 3] },
        // a slide moved to the end keeps its key
        { ["a", "b", "c"], ["b", "c", "a"], [1, 2, 0] },
        // multi-line slides compare whole
        { ["one\ntwo", "three"], ["one\ntwo", "three\nfour"], [0, 1] },
        // everything new
        { [], ["a", "b"], [null, null] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_slides_of_an_edited_chapter(string[] before, string[] after, int?[] expected)
    {
        Assert.Equal(expected, SlideKeyMatcher.Match(before, after));
    }
}
