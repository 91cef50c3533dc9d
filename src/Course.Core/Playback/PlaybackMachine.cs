namespace Course.Core.Playback;

/// <summary>
/// The player's states and the moves between them: which slide, how many of its segments are revealed, the phase,
/// and the timer that ends a timed phase. Not thread-safe: <see cref="ChapterPlayback"/> calls it under its lock.
/// Each command returns whether it changed anything.
/// </summary>
internal sealed class PlaybackMachine
{
    private readonly IReadOnlyList<IReadOnlyList<SegmentTiming>> slides;
    private readonly IReadOnlySet<int> checkpoints;
    private readonly PhaseTimer timer;
    private TimeSpan? remaining; // of the current timed phase, while paused

    private int slideIndex;
    private int revealed;
    private PlaybackPhase phase;
    private bool playing;
    private double speed = 1.0;
    private bool narration;
    private long step;
    private bool chaining; // true while a timer moves to the next phase: see PhaseTimer.Start
    private TimeSpan clipSlack; // of a clip's reading timer, the part after the clip's earliest end (ClipTiming)
    private bool speechUnavailable; // the browser cannot speak this chapter's language: lines without a clip go on the clock
    private long clipFailedStep = -1; // the step whose clip the browser could not play: read on the clock instead

    /// <param name="timerDue">Called, on the thread pool, when the timer of a step and phase is due.</param>
    public PlaybackMachine(
        IReadOnlyList<IReadOnlyList<SegmentTiming>> slides,
        TimeProvider clock,
        int startSlide,
        int startSegment,
        IReadOnlySet<int> checkpointsAfter,
        Action<long, PlaybackPhase> timerDue)
    {
        this.slides = slides;
        checkpoints = checkpointsAfter;
        timer = new PhaseTimer(clock, timerDue);
        slideIndex = Math.Clamp(startSlide, 0, slides.Count - 1);
        revealed = Math.Clamp(startSegment, 0, slides[slideIndex].Count - 1) + 1;
        phase = PlaybackPhase.Reading;
    }

    public int SlideIndex => slideIndex;

    public int Revealed => revealed;

    public PlaybackPhase Phase => phase;

    public PlaybackState Snapshot() => new(slideIndex, revealed, phase, playing, speed, narration, step);

    public bool Play()
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

        if (remaining is { } left)
        {
            StartTimer(left);
        }
        else
        {
            StartPhaseTimer();
        }

        return true;
    }

    public bool Pause()
    {
        if (!playing)
        {
            return false;
        }

        playing = false;
        remaining = timer.Left;
        StopTimer();
        return true;
    }

    public bool ShowAll()
    {
        revealed = slides[slideIndex].Count;
        phase = PlaybackPhase.Pausing;
        playing = false;
        StopTimer();
        remaining = PauseOf(revealed - 1);
        step++;
        return true;
    }

    public bool SetSpeed(double value)
    {
        var next = PauseTimeline.ClampSpeed(value);
        if (Math.Abs(next - speed) < 0.001)
        {
            return false;
        }

        // What is left of the running phase shrinks or grows with the speed.
        var factor = speed / next;
        speed = next;
        clipSlack *= factor;
        if (playing && timer.Left is { } left)
        {
            StartTimer(left * factor);
        }
        else if (remaining is { } pausedLeft)
        {
            remaining = pausedLeft * factor;
        }

        return true;
    }

    public bool SetNarration(bool on)
    {
        if (narration == on)
        {
            return false;
        }

        narration = on;
        if (phase == PlaybackPhase.Reading)
        {
            ReadAgain(); // by voice or by the clock
        }

        return true;
    }

    /// <summary>
    /// The browser cannot speak (no voice for the language, no speech support): narration stays on for recorded
    /// lines, and lines without a clip are read on the clock from now on, the current one included.
    /// </summary>
    public bool SpeechUnavailable()
    {
        if (speechUnavailable)
        {
            return false;
        }

        speechUnavailable = true;
        if (narration && phase == PlaybackPhase.Reading && !ClipPlays && !slides[slideIndex][revealed - 1].InClip)
        {
            ReadAgain(); // on the clock now
        }

        return true;
    }

    /// <summary>
    /// The browser says the clip of <paramref name="forStep"/> ended. Its pause starts now, unless less than the
    /// clip's earliest end has been played: then it starts at that earliest end (see <see cref="ClipTiming"/>).
    /// Returns false when nothing changes yet.
    /// </summary>
    public bool ClipFinished(long forStep)
    {
        if (forStep != step || phase != PlaybackPhase.Reading || !playing || !ClipPlays || timer.Left is not { } left)
        {
            return false;
        }

        var early = left - clipSlack;
        if (early <= TimeSpan.Zero)
        {
            EnterPause();
            return true;
        }

        clipSlack = TimeSpan.Zero;
        StartTimer(early); // the reading timer, due at the clip's earliest end
        return false;
    }

    /// <summary>The browser could not play the clip of <paramref name="forStep"/>: the line is read on the clock (its reading time) from now.</summary>
    public bool ClipFailed(long forStep)
    {
        if (forStep != step || phase != PlaybackPhase.Reading || !ClipPlays)
        {
            return false;
        }

        clipFailedStep = step;
        clipSlack = TimeSpan.Zero;
        remaining = null;
        if (playing)
        {
            StartPhaseTimer();
        }

        return true;
    }

    public bool SpeechFinished(long forStep)
    {
        if (forStep != step || !narration || phase != PlaybackPhase.Reading || !playing)
        {
            return false;
        }

        EnterPause();
        return true;
    }

    /// <summary>A phase's timer is due: the next phase, unless a learner's action came first.</summary>
    public bool TimerDue(long forStep, PlaybackPhase forPhase)
    {
        if (forStep != step || forPhase != phase || !playing)
        {
            return false; // a timer that lost a race with a learner's action
        }

        timer.Stop();
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
    }

    public void Stop() => StopTimer();

    // How the player moves between phases: the part the commands share (and the learner's moves, in ChapterPlayback).

    /// <summary>Past a slide's end: its checkpoint first, if it has one and it is not being skipped, then the next slide.</summary>
    public void LeaveSlide()
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
    public bool OffersCheckpoint => phase != PlaybackPhase.Checkpoint && checkpoints.Contains(slideIndex);

    public void OfferCheckpoint()
    {
        revealed = slides[slideIndex].Count;
        phase = PlaybackPhase.Checkpoint;
        playing = false;
        remaining = null;
        step++;
        StopTimer();
    }

    /// <summary>Shows a slide's first <paramref name="count"/> segments, the last of them being read.</summary>
    public void Show(int slide, int count)
    {
        slideIndex = slide;
        Reveal(count);
    }

    private void EnterSlide(int index) => Show(index, 1);

    public void Reveal(int count)
    {
        revealed = count;
        phase = PlaybackPhase.Reading;
        remaining = null;
        step++;
        StopTimer();
        if (playing)
        {
            StartPhaseTimer(chaining);
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

    /// <summary>The newest segment is read again from its start, as a new step (a report for the old one is stale).</summary>
    private void ReadAgain()
    {
        StopTimer();
        remaining = null;
        step++;
        if (playing)
        {
            StartPhaseTimer();
        }
    }

    /// <summary>The newest segment is narrated by its recorded clip (narration on, a clip, and it has not failed).</summary>
    private bool ClipPlays =>
        narration && ClipTiming.Usable(slides[slideIndex][revealed - 1].ClipMilliseconds) is not null && clipFailedStep != step;

    /// <summary>Starts the current phase's timer from its beginning (a clip's reading: up to its latest end, see <see cref="ClipTiming"/>).</summary>
    private void StartPhaseTimer(bool chained = false)
    {
        clipSlack = TimeSpan.Zero;
        if (phase == PlaybackPhase.Reading && ClipPlays)
        {
            var clip = ClipTiming.Usable(slides[slideIndex][revealed - 1].ClipMilliseconds)!.Value;
            clipSlack = PauseTimeline.Scale(ClipTiming.Latest(clip) - ClipTiming.Earliest(clip), speed);
            StartTimer(PauseTimeline.Scale(ClipTiming.Latest(clip), speed), chained);
            return;
        }

        StartTimer(PhaseDuration(), chained);
    }

    /// <summary>How long the current phase lasts from its start; null when the narrator decides.</summary>
    private TimeSpan? PhaseDuration() => phase switch
    {
        PlaybackPhase.Reading when narration && slides[slideIndex][revealed - 1].InClip => TimeSpan.Zero, // spoken in its line's clip
        PlaybackPhase.Reading when narration && clipFailedStep != step && !speechUnavailable => null, // the voice decides (a clip's reading is timed in StartPhaseTimer)
        PlaybackPhase.Reading => PauseTimeline.Scale(slides[slideIndex][revealed - 1].ReadingMilliseconds, speed),
        PlaybackPhase.Pausing => PauseOf(revealed - 1),
        _ => null,
    };

    // A pause inside a recorded line is in its clip already.
    private TimeSpan PauseOf(int segment) =>
        narration && segment + 1 < slides[slideIndex].Count && slides[slideIndex][segment + 1].InClip
            ? TimeSpan.Zero
            : PauseTimeline.Scale(slides[slideIndex][segment].PauseMilliseconds, speed);

    private void StartTimer(TimeSpan? due, bool chained = false) => timer.Start(due, chained, step, phase);

    private void StopTimer() => timer.Stop();
}
