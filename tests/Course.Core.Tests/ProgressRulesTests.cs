using Course.Core.Progress;

namespace Course.Core.Tests;

public class ProgressRulesTests
{
    private static readonly SlideShape Short = new("a", 3, 8_000);
    private static readonly SlideShape Long = new("b", 2, 90_000);

    public static TheoryData<SlideShape, int, long, bool> Seen => new()
    {
        // slide, max revealed, time spent → seen
        { Short, 3, 0, true },
        { Short, 2, 7_999, false },
        { Short, 2, 8_000, true },
        { Short, 0, 0, false },
        { Long, 1, 29_999, false },
        { Long, 1, 30_000, true },
        { Long, 2, 0, true },
    };

    [Theory]
    [MemberData(nameof(Seen))]
    public void A_slide_is_seen_when_fully_revealed_or_stayed_on_long_enough(SlideShape slide, int revealed, long time, bool expected)
    {
        Assert.Equal(expected, ProgressRules.IsSeen(slide, new SlideRecord(slide.Key, revealed, time)));
    }

    [Fact]
    public void A_slide_never_reached_is_not_seen()
    {
        Assert.False(ProgressRules.IsSeen(Short, null));
    }

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    [InlineData(false, false, true)]
    public void A_chapter_is_complete_when_every_slide_is_seen_and_its_final_quiz_passed(bool hasFinal, bool passed, bool expected)
    {
        var records = new Dictionary<string, SlideRecord> { ["a"] = new("a", 3, 0), ["b"] = new("b", 2, 0) };

        Assert.Equal(expected, ProgressRules.IsComplete([Short, Long], records, hasFinal, passed));
    }

    [Fact]
    public void After_an_edit_only_the_slides_that_exist_count()
    {
        var records = new Dictionary<string, SlideRecord> { ["a"] = new("a", 3, 0), ["gone"] = new("gone", 5, 0) };
        SlideShape[] edited = [Short, new("new", 1, 2_000)];

        Assert.Equal(0.5, ProgressRules.Completion(edited, records));
        Assert.False(ProgressRules.IsComplete(edited, records, hasFinalQuiz: false, finalQuizPassed: false));
    }

    [Theory]
    [InlineData(5, 5_000)]
    [InlineData(120, 120_000)]
    [InlineData(121, 0)]
    [InlineData(-1, 0)]
    public void Time_spent_counts_gaps_up_to_two_minutes(int seconds, long expected)
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(expected, ProgressRules.CountedGap(start, start.AddSeconds(seconds)));
    }
}
