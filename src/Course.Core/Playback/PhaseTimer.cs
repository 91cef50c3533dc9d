namespace Course.Core.Playback;

/// <summary>
/// The clock that ends a timed phase of the player. Phases that follow one another on the clock are anchored at the
/// previous phase's due time, not at "now", so timer latency never accumulates over a chapter.
/// </summary>
internal sealed class PhaseTimer(TimeProvider clock, Action<long, PlaybackPhase> due)
{
    private ITimer? timer;
    private DateTimeOffset dueAt;

    /// <summary>What is left of the running phase; null when no timer runs.</summary>
    public TimeSpan? Left => timer is null ? null : Max(TimeSpan.Zero, dueAt - clock.GetUtcNow());

    /// <summary>Starts the timer of a step's phase (none when <paramref name="duration"/> is null: the narrator decides).</summary>
    /// <param name="chained">The phase follows the one whose timer just fired: it is due counting from that one's due time.</param>
    public void Start(TimeSpan? duration, bool chained, long step, PlaybackPhase phase)
    {
        Stop();
        if (duration is not { } length)
        {
            return;
        }

        var now = clock.GetUtcNow();
        dueAt = (chained ? dueAt : now) + length;

        // Never zero: a timer due now may fire on this thread, inside the lock, before the state is settled.
        var delay = Max(dueAt - now, TimeSpan.FromMilliseconds(1));
        timer = clock.CreateTimer(_ => due(step, phase), null, delay, Timeout.InfiniteTimeSpan);
    }

    public void Stop()
    {
        timer?.Dispose();
        timer = null;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
