namespace Course.Core.Playback;

/// <summary>
/// What the timeline needs of a segment: how long it is read, then how long the pause after it is; and, when the
/// instructor recorded it, how long its clip says it lasts (the server's bound on the browser's "clip ended", see <see cref="ClipTiming"/>).
/// <see cref="InClip"/>: the segment continues a line whose clip an earlier segment plays, so with narration on it is
/// spoken inside that clip: it takes no reading time, and the pause before it (inside the recording) is not waited again.
/// </summary>
public readonly record struct SegmentTiming(int ReadingMilliseconds, int PauseMilliseconds, int? ClipMilliseconds = null, bool InClip = false);

/// <summary>
/// When each segment of a slide appears, at a given speed, without narration: a segment stays alone
/// as the newest for its reading time, then its pause, then the next appears. The slide ends after
/// its last segment's pause.
/// </summary>
public static class PauseTimeline
{
    public const double MinimumSpeed = 0.75;
    public const double MaximumSpeed = 2.0;

    /// <summary>Offsets from the slide's start at which each segment appears, and finally the slide's end.</summary>
    public static IReadOnlyList<TimeSpan> Appearances(IReadOnlyList<SegmentTiming> segments, double speed = 1.0)
    {
        CheckSpeed(speed);
        var times = new TimeSpan[segments.Count + 1];
        var elapsed = TimeSpan.Zero;
        for (var i = 0; i < segments.Count; i++)
        {
            times[i] = elapsed;
            elapsed += Scale(segments[i].ReadingMilliseconds, speed) + Scale(segments[i].PauseMilliseconds, speed);
        }

        times[^1] = elapsed;
        return times;
    }

    /// <summary>A duration from the script, played at a speed (2× halves it).</summary>
    public static TimeSpan Scale(int milliseconds, double speed) =>
        TimeSpan.FromMilliseconds(Math.Round(milliseconds / speed));

    public static double ClampSpeed(double speed) => Math.Clamp(speed, MinimumSpeed, MaximumSpeed);

    private static void CheckSpeed(double speed)
    {
        if (speed is < MinimumSpeed or > MaximumSpeed)
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, $"Speed must be between {MinimumSpeed} and {MaximumSpeed}.");
        }
    }
}
