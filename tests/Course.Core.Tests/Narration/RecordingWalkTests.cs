using Course.Core.Narration;
using Course.Core.Scripts;

namespace Course.Core.Tests.Narration;

/// <summary>Record mode's walk through a chapter's spoken lines, its keys, and the pause shown after each line.</summary>
public class RecordingWalkTests
{
    private static readonly WalkLine[] Chapter =
    [
        new("a", 0, Recorded: true),
        new("a", 1, Recorded: false),
        new("b", 0, Recorded: true),
        new("b", 2, Recorded: false),
    ];

    [Fact]
    public void Steps_forwards_and_back_within_the_chapter_and_counts_what_is_recorded()
    {
        var walk = new RecordingWalk(Chapter);

        Assert.Equal((0, 4, 2), (walk.Position, walk.Count, walk.RecordedCount));
        Assert.Null(walk.Previous);
        Assert.False(walk.MovePrevious());
        Assert.True(walk.MoveNext());
        Assert.Equal((Chapter[0], Chapter[1], Chapter[2]), (walk.Previous, walk.Current, walk.Next));
        Assert.True(walk.MoveNext());
        Assert.True(walk.MoveNext());
        Assert.False(walk.MoveNext());
        Assert.Equal(Chapter[3], walk.Current);
        Assert.Null(walk.Next);
    }

    [Fact]
    public void Next_unrecorded_skips_recorded_lines_goes_on_from_the_start_and_stays_when_all_others_are_recorded()
    {
        var walk = new RecordingWalk(Chapter);

        Assert.True(walk.MoveToNextUnrecorded());
        Assert.Equal(Chapter[1], walk.Current);
        Assert.True(walk.MoveToNextUnrecorded());
        Assert.Equal(Chapter[3], walk.Current);
        Assert.True(walk.MoveToNextUnrecorded());
        Assert.Equal(Chapter[1], walk.Current);

        var done = new RecordingWalk([new("a", 0, true), new("a", 1, true)], position: 1);
        Assert.False(done.MoveToNextUnrecorded());
        Assert.Equal(1, done.Position);
    }

    [Fact]
    public void After_an_update_the_walk_stays_on_its_line_wherever_it_moved_or_on_its_place_when_it_is_gone()
    {
        var walk = new RecordingWalk(Chapter, position: 2);

        walk.Update([new("new", 0, false), .. Chapter]);
        Assert.Equal((3, Chapter[2]), (walk.Position, walk.Current));

        walk.Update([Chapter[0], Chapter[1]]);
        Assert.Equal((1, Chapter[1]), (walk.Position, walk.Current));

        walk.Update([]);
        Assert.Equal((0, null, 0), (walk.Position, walk.Current, walk.RecordedCount));
        Assert.False(walk.MoveNext());
    }

    [Fact]
    public void A_starting_position_out_of_range_is_clamped_to_the_last_line()
    {
        var walk = new RecordingWalk(Chapter, position: 99);

        Assert.Equal((3, Chapter[3]), (walk.Position, walk.Current));
    }

    [Theory]
    [InlineData("r", false, false, KeyTarget.View, RecordModeAction.RecordOrStop)]
    [InlineData("R", false, false, KeyTarget.Control, RecordModeAction.RecordOrStop)]
    [InlineData("Enter", false, false, KeyTarget.View, RecordModeAction.RecordOrStop)]
    [InlineData("Enter", false, false, KeyTarget.Control, RecordModeAction.None)] // the focused button is pressed instead
    [InlineData(" ", false, false, KeyTarget.View, RecordModeAction.Play)]
    [InlineData(" ", false, false, KeyTarget.Control, RecordModeAction.None)]
    [InlineData("p", false, false, KeyTarget.Control, RecordModeAction.Play)]
    [InlineData("ArrowRight", false, false, KeyTarget.View, RecordModeAction.Next)]
    [InlineData("N", true, false, KeyTarget.View, RecordModeAction.Next)]
    [InlineData("ArrowRight", true, false, KeyTarget.Control, RecordModeAction.NextUnrecorded)]
    [InlineData("ArrowLeft", false, false, KeyTarget.View, RecordModeAction.Previous)]
    [InlineData("b", false, false, KeyTarget.View, RecordModeAction.Previous)]
    [InlineData("r", false, true, KeyTarget.View, RecordModeAction.None)] // Ctrl+R reloads, as ever
    [InlineData("r", false, false, KeyTarget.TextField, RecordModeAction.None)]
    [InlineData("ArrowRight", false, false, KeyTarget.TextField, RecordModeAction.None)]
    [InlineData("Escape", false, false, KeyTarget.TextField, RecordModeAction.Leave)]
    [InlineData("x", false, false, KeyTarget.View, RecordModeAction.None)]
    public void Keys_act_on_the_view_but_not_while_typing_nor_with_the_browsers_modifiers(string key, bool shift, bool modifier, KeyTarget target, RecordModeAction expected) =>
        Assert.Equal(expected, RecordModeKeys.For(key, shift, modifier, target));

    [Fact]
    public void The_pause_after_a_line_is_its_last_segments_and_a_break_inside_the_line_is_not_it()
    {
        var slide = ScriptParser.Parse("Hola, <break time=\"300ms\"/> mundo. <break time=\"1s\"/>\nAdiós.\n").Script!.Slides[0];

        Assert.Equal([1000, 0], ScriptLines.PausesOf(slide));
    }
}
