namespace Course.Core.Playback;

/// <summary>How the player moves between phases, and the clock that moves it: the part the public commands share.</summary>
public sealed partial class ChapterPlayback
{
    /// <summary>Past a slide's end: its checkpoint first, if it has one and it is not being skipped, then the next slide.</summary>
    private void LeaveSlide()
    {
        if (OffersCheckpoint)
        {
            OfferCheckpoint();
        }
        else if (slideIndex + 1 < slides.Count)
        {
            EnterSlide(slideIndex + 1);
        }
        else
        {
            Finish();
        }
    }

    /// <summary>Moving forward from here passes a checkpoint not yet offered: it is offered first.</summary>
    private bool OffersCheckpoint => phase != PlaybackPhase.Checkpoint && checkpoints.Contains(slideIndex);

    private void OfferCheckpoint()
    {
        revealed = slides[slideIndex].Count;
        phase = PlaybackPhase.Checkpoint;
        playing = false;
        remaining = null;
        step++;
        StopTimer();
    }

    private void EnterSlide(int index)
    {
        slideIndex = index;
        Reveal(1);
    }

    private void Reveal(int count)
    {
        revealed = count;
        phase = PlaybackPhase.Reading;
        remaining = null;
        step++;
        StopTimer();
        if (playing)
        {
            StartTimer(PhaseDuration(), chaining);
        }
    }

    private void EnterPause()
    {
        phase = PlaybackPhase.Pausing;
        remaining = null;
        StartTimer(PauseOf(revealed - 1), chaining);
    }

    private void Finish()
    {
        revealed = slides[slideIndex].Count;
        phase = PlaybackPhase.Finished;
        playing = false;
        remaining = null;
        step++;
        StopTimer();
    }

    /// <summary>How long the current phase lasts from its start; null when the narrator decides.</summary>
    private TimeSpan? PhaseDuration() => phase switch
    {
        PlaybackPhase.Reading when narration => null,
        PlaybackPhase.Reading => PauseTimeline.Scale(slides[slideIndex][revealed - 1].ReadingMilliseconds, speed),
        PlaybackPhase.Pausing => PauseOf(revealed - 1),
        _ => null,
    };

    private TimeSpan PauseOf(int segment) => PauseTimeline.Scale(slides[slideIndex][segment].PauseMilliseconds, speed);

    /// <summary>
    /// Starts the current phase's timer. Phases that follow one another on the clock are anchored at the
    /// previous phase's due time, not at "now", so timer latency never accumulates over a chapter.
    /// </summary>
    private void StartTimer(TimeSpan? due, bool chained = false)
    {
        StopTimer();
        if (due is not { } duration)
        {
            return;
        }

        var now = clock.GetUtcNow();
        phaseDueAt = (chained ? phaseDueAt : now) + duration;

        // Never zero: a timer due now may fire on this thread, inside the lock, before the state is settled.
        var delay = Max(phaseDueAt - now, TimeSpan.FromMilliseconds(1));
        var forStep = step;
        var forPhase = phase;
        timer = clock.CreateTimer(_ => OnTimer(forStep, forPhase), null, delay, Timeout.InfiniteTimeSpan);
    }

    private void StopTimer()
    {
        timer?.Dispose();
        timer = null;
    }

    private void OnTimer(long forStep, PlaybackPhase forPhase) => Change(() =>
    {
        if (forStep != step || forPhase != phase || !playing)
        {
            return false; // a timer that lost a race with a learner's action
        }

        timer?.Dispose();
        timer = null;
        chaining = true;
        try
        {
            if (phase == PlaybackPhase.Reading)
            {
                EnterPause();
            }
            else if (revealed < slides[slideIndex].Count)
            {
                Reveal(revealed + 1);
            }
            else
            {
                LeaveSlide();
            }
        }
        finally
        {
            chaining = false;
        }

        return true;
    });

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
