namespace Course.Core.Playback;

/// <summary>
/// The player's clock-driven state machine: which slide, how many of its segments are revealed,
/// whether it plays, and when the next thing happens. Pure logic on a <see cref="TimeProvider"/>, so
/// tests drive it with a fake clock. Thread-safe: timers fire on the thread pool.
/// With narration on, reading ends when <see cref="SpeechFinished"/> reports it (the speech's real
/// duration) instead of after the words-per-minute reading time; pauses are always timed here.
/// </summary>
public sealed partial class ChapterPlayback : IDisposable
{
    private readonly IReadOnlyList<IReadOnlyList<SegmentTiming>> slides;
    private readonly IReadOnlySet<int> checkpoints;
    private readonly TimeProvider clock;
    private readonly Lock gate = new();
    private ITimer? timer;
    private DateTimeOffset phaseDueAt;
    private TimeSpan? remaining; // of the current timed phase, while paused

    private int slideIndex;
    private int revealed;
    private PlaybackPhase phase;
    private bool playing;
    private double speed = 1.0;
    private bool narration;
    private long step;
    private bool chaining; // true while a timer moves to the next phase: see StartTimer

    /// <param name="checkpointsAfter">0-based slides after which the player stops and offers a checkpoint.</param>
    public ChapterPlayback(
        IReadOnlyList<IReadOnlyList<SegmentTiming>> slides,
        TimeProvider clock,
        int startSlide = 0,
        int startSegment = 0,
        IReadOnlySet<int>? checkpointsAfter = null)
    {
        if (slides.Count == 0 || slides.Any(s => s.Count == 0))
        {
            throw new ArgumentException("A chapter to play needs at least one slide, and every slide a segment.", nameof(slides));
        }

        this.slides = slides;
        this.clock = clock;
        checkpoints = checkpointsAfter ?? new HashSet<int>();
        slideIndex = Math.Clamp(startSlide, 0, slides.Count - 1);
        revealed = Math.Clamp(startSegment, 0, slides[slideIndex].Count - 1) + 1;
        phase = PlaybackPhase.Reading;
    }

    /// <summary>Raised after every change, on whichever thread made it.</summary>
    public event Action<PlaybackState>? Changed;

    public int SlideCount => slides.Count;

    public PlaybackState State
    {
        get
        {
            lock (gate)
            {
                return Snapshot();
            }
        }
    }

    public void Play() => Change(() =>
    {
        if (playing)
        {
            return false;
        }

        if (phase == PlaybackPhase.Finished)
        {
            // Playing again at the end starts the last slide over rather than doing nothing.
            revealed = 1;
            phase = PlaybackPhase.Reading;
            remaining = null;
        }

        playing = true;
        if (phase == PlaybackPhase.Checkpoint)
        {
            LeaveSlide(); // playing on from a checkpoint skips it
            return true;
        }

        StartTimer(remaining ?? PhaseDuration());
        return true;
    });

    public void Pause() => Change(() =>
    {
        if (!playing)
        {
            return false;
        }

        playing = false;
        remaining = timer is null ? null : Max(TimeSpan.Zero, phaseDueAt - clock.GetUtcNow());
        StopTimer();
        return true;
    });

    public void TogglePlay()
    {
        if (State.IsPlaying)
        {
            Pause();
        }
        else
        {
            Play();
        }
    }

    public void NextStep() => Change(() =>
    {
        if (revealed < slides[slideIndex].Count && phase != PlaybackPhase.Checkpoint)
        {
            Reveal(revealed + 1);
        }
        else
        {
            LeaveSlide();
        }

        return true;
    });

    public void PreviousStep() => Change(() =>
    {
        if (phase is PlaybackPhase.Finished or PlaybackPhase.Checkpoint)
        {
            Reveal(revealed);
        }
        else if (revealed > 1)
        {
            Reveal(revealed - 1);
        }
        else if (slideIndex > 0)
        {
            slideIndex--;
            Reveal(slides[slideIndex].Count);
        }
        else
        {
            return false;
        }

        return true;
    });

    /// <summary>
    /// The next slide; but leaving a slide with a checkpoint after it offers the checkpoint first, as playing
    /// through or stepping does (a second press skips it), so skimming by slide never hides a checkpoint.
    /// </summary>
    public void NextSlide() => Change(() =>
    {
        if (OffersCheckpoint)
        {
            OfferCheckpoint();
            return true;
        }

        if (slideIndex + 1 >= slides.Count)
        {
            return false;
        }

        EnterSlide(slideIndex + 1);
        return true;
    });

    public void PreviousSlide() => Change(() =>
    {
        EnterSlide(Math.Max(0, slideIndex - 1));
        return true;
    });

    public void RestartSlide() => Change(() =>
    {
        EnterSlide(slideIndex);
        return true;
    });

    /// <summary>Jumps to a slide (0-based), showing its first segment.</summary>
    public void GoToSlide(int index, int segment = 0) => Change(() =>
    {
        slideIndex = Math.Clamp(index, 0, slides.Count - 1);
        Reveal(Math.Clamp(segment, 0, slides[slideIndex].Count - 1) + 1);
        return true;
    });

    /// <summary>Reveals the whole slide and stops, so a fast reader reads at their own pace.</summary>
    public void ShowAll() => Change(() =>
    {
        revealed = slides[slideIndex].Count;
        phase = PlaybackPhase.Pausing;
        playing = false;
        StopTimer();
        remaining = PauseOf(revealed - 1);
        step++;
        return true;
    });

    public void SetSpeed(double value) => Change(() =>
    {
        var next = PauseTimeline.ClampSpeed(value);
        if (Math.Abs(next - speed) < 0.001)
        {
            return false;
        }

        // What is left of the running phase shrinks or grows with the speed.
        var factor = speed / next;
        speed = next;
        if (playing && timer is not null)
        {
            StartTimer(Max(TimeSpan.Zero, phaseDueAt - clock.GetUtcNow()) * factor);
        }
        else if (remaining is { } left)
        {
            remaining = left * factor;
        }

        return true;
    });

    public void SetNarration(bool on) => Change(() =>
    {
        if (narration == on)
        {
            return false;
        }

        narration = on;
        if (phase == PlaybackPhase.Reading)
        {
            // Read the newest segment again, by voice or by the clock.
            StopTimer();
            remaining = null;
            step++;
            if (playing)
            {
                StartTimer(PhaseDuration());
            }
        }

        return true;
    });

    /// <summary>The narrator finished speaking the segment of <paramref name="forStep"/>; stale reports are ignored.</summary>
    public void SpeechFinished(long forStep) => Change(() =>
    {
        if (forStep != step || !narration || phase != PlaybackPhase.Reading || !playing)
        {
            return false;
        }

        EnterPause();
        return true;
    });

    public void Dispose()
    {
        lock (gate)
        {
            StopTimer();
        }
    }

    private void Change(Func<bool> mutation)
    {
        PlaybackState state;
        lock (gate)
        {
            if (!mutation())
            {
                return;
            }

            state = Snapshot();
        }

        Changed?.Invoke(state);
    }

    private PlaybackState Snapshot() => new(slideIndex, revealed, phase, playing, speed, narration, step);
}
