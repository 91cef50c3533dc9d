namespace Course.Core.Playback;

/// <summary>
/// The player's clock-driven state machine (<see cref="PlaybackMachine"/>): which slide, how many of its segments
/// are revealed, whether it plays, and when the next thing happens. Pure logic on a <see cref="TimeProvider"/>, so
/// tests drive it with a fake clock. Thread-safe: every command and timer runs the machine under one lock (timers fire on the thread pool).
/// With narration on, reading ends when <see cref="SpeechFinished"/> reports it (the speech's real
/// duration) instead of after the words-per-minute reading time, or, for a line with a recorded clip, when
/// <see cref="ClipFinished"/> does (held to the clip's stored duration); pauses are always timed here.
/// </summary>
public sealed class ChapterPlayback : IDisposable
{
    private readonly IReadOnlyList<IReadOnlyList<SegmentTiming>> slides;
    private readonly PlaybackMachine machine;
    private readonly Lock gate = new();

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
        machine = new PlaybackMachine(slides, clock, startSlide, startSegment, checkpointsAfter ?? new HashSet<int>(),
            (step, phase) => Change(() => machine!.TimerDue(step, phase)));
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
                return machine.Snapshot();
            }
        }
    }

    public void Play() => Change(machine.Play);

    public void Pause() => Change(machine.Pause);

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

    // The learner's moves, made with the machine's transitions.

    public void NextStep() => Change(() =>
    {
        if (machine.Revealed < slides[machine.SlideIndex].Count && machine.Phase != PlaybackPhase.Checkpoint)
        {
            machine.Reveal(machine.Revealed + 1);
        }
        else
        {
            machine.LeaveSlide();
        }

        return true;
    });

    public void PreviousStep() => Change(() =>
    {
        if (machine.Phase is PlaybackPhase.Finished or PlaybackPhase.Checkpoint)
        {
            machine.Reveal(machine.Revealed);
        }
        else if (machine.Revealed > 1)
        {
            machine.Reveal(machine.Revealed - 1);
        }
        else if (machine.SlideIndex > 0)
        {
            machine.Show(machine.SlideIndex - 1, slides[machine.SlideIndex - 1].Count);
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
        if (machine.OffersCheckpoint)
        {
            machine.OfferCheckpoint();
            return true;
        }

        if (machine.SlideIndex + 1 >= slides.Count)
        {
            return false;
        }

        machine.Show(machine.SlideIndex + 1, 1);
        return true;
    });

    public void PreviousSlide() => Change(() =>
    {
        machine.Show(Math.Max(0, machine.SlideIndex - 1), 1);
        return true;
    });

    public void RestartSlide() => Change(() =>
    {
        machine.Show(machine.SlideIndex, 1);
        return true;
    });

    /// <summary>Jumps to a slide (0-based), showing its first segment.</summary>
    public void GoToSlide(int index, int segment = 0) => Change(() =>
    {
        var slide = Math.Clamp(index, 0, slides.Count - 1);
        machine.Show(slide, Math.Clamp(segment, 0, slides[slide].Count - 1) + 1);
        return true;
    });

    /// <summary>Reveals the whole slide and stops, so a fast reader reads at their own pace.</summary>
    public void ShowAll() => Change(machine.ShowAll);

    public void SetSpeed(double value) => Change(() => machine.SetSpeed(value));

    public void SetNarration(bool on) => Change(() => machine.SetNarration(on));

    /// <summary>The narrator finished speaking the segment of <paramref name="forStep"/>; stale reports are ignored.</summary>
    public void SpeechFinished(long forStep) => Change(() => machine.SpeechFinished(forStep));

    /// <summary>The browser's recorded clip of <paramref name="forStep"/> ended; bounded by the clip's stored duration (<see cref="ClipTiming"/>).</summary>
    public void ClipFinished(long forStep) => Change(() => machine.ClipFinished(forStep));

    /// <summary>The browser cannot speak: recorded lines still play, the others are read on the clock.</summary>
    public void SpeechUnavailable() => Change(machine.SpeechUnavailable);

    /// <summary>The browser could not play the clip of <paramref name="forStep"/>: that line is read on the clock instead.</summary>
    public void ClipFailed(long forStep) => Change(() => machine.ClipFailed(forStep));

    public void Dispose()
    {
        lock (gate)
        {
            machine.Stop();
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

            state = machine.Snapshot();
        }

        Changed?.Invoke(state);
    }
}
