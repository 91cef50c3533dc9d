using Course.Core.Playback;

namespace Course.Core.Tests;

public class PauseTimelineTests
{
    private static readonly SegmentTiming[] Slide = [new(2000, 1500), new(1200, 500), new(0, 3000)];

    public static TheoryData<double, int[]> Appearances => new()
    {
        // speed → when segments 1, 2, 3 appear and when the slide ends (ms)
        { 1.0, [0, 3500, 5200, 8200] },
        { 2.0, [0, 1750, 2600, 4100] },
        { 0.75, [0, 4667, 6934, 10934] }, // each duration rounds to the millisecond
    };

    [Theory]
    [MemberData(nameof(Appearances))]
    public void Each_segment_appears_after_the_previous_ones_reading_time_and_pause(double speed, int[] expected)
    {
        var times = PauseTimeline.Appearances(Slide, speed);

        Assert.Equal(expected, times.Select(t => (int)t.TotalMilliseconds));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(2.5)]
    public void Speeds_outside_the_range_are_refused(double speed)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PauseTimeline.Appearances(Slide, speed));
    }

    [Theory]
    [InlineData(0.1, 0.75)]
    [InlineData(1.25, 1.25)]
    [InlineData(9, 2.0)]
    public void Speed_settings_are_clamped_to_the_range(double asked, double expected)
    {
        Assert.Equal(expected, PauseTimeline.ClampSpeed(asked));
    }
}
