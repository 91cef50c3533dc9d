using Course.Core.Playback;
using Microsoft.Extensions.Time.Testing;

namespace Course.Core.Tests;

public sealed class ChapterPlaybackTests : IDisposable
{
    // Slide 1: two segments; slide 2: one segment; slide 3: two segments.
    private static readonly SegmentTiming[][] Chapter =
    [
        [new(2000, 1500), new(1200, 500)],
        [new(1600, 1000)],
        [new(1200, 500), new(1200, 1000)],
    ];

    private readonly FakeTimeProvider clock = new();
    private readonly ChapterPlayback playback;
    private readonly List<PlaybackState> changes = [];

    public ChapterPlaybackTests()
    {
        playback = new ChapterPlayback(Chapter, clock);
        playback.Changed += changes.Add;
    }

    public void Dispose() => playback.Dispose();

    private (int Slide, int Revealed, PlaybackPhase Phase, bool Playing) Now()
    {
        var s = playback.State;
        return (s.SlideIndex, s.Revealed, s.Phase, s.IsPlaying);
    }

    // The fake clock fires due timers at the end of an Advance, so time passes here a millisecond at a
    // time, as it does for the real player.
    private void Advance(int milliseconds)
    {
        for (var i = 0; i < milliseconds; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }
    }

    [Fact]
    public void Starts_paused_on_the_first_segment()
    {
        Assert.Equal((0, 1, PlaybackPhase.Reading, false), Now());
        Advance(60_000);
        Assert.Equal((0, 1, PlaybackPhase.Reading, false), Now());
    }

    [Fact]
    public void A_pause_lasts_exactly_what_the_script_says()
    {
        playback.Play();

        Advance(1999);
        Assert.Equal((0, 1, PlaybackPhase.Reading, true), Now());
        Advance(1);
        Assert.Equal((0, 1, PlaybackPhase.Pausing, true), Now());
        Advance(1499);
        Assert.Equal((0, 1, PlaybackPhase.Pausing, true), Now());
        Advance(1);
        Assert.Equal((0, 2, PlaybackPhase.Reading, true), Now());
    }

    [Fact]
    public void At_the_end_of_a_slide_it_moves_on_after_the_last_pause_and_stops_at_the_chapter_end()
    {
        playback.Play();

        Advance(3500 + 1700 - 1);
        Assert.Equal((0, 2, PlaybackPhase.Pausing, true), Now());
        Advance(1);
        Assert.Equal((1, 1, PlaybackPhase.Reading, true), Now());

        Advance(2600 + 1700 + 2200);
        Assert.Equal((2, 2, PlaybackPhase.Finished, false), Now());
        Advance(60_000);
        Assert.Equal((2, 2, PlaybackPhase.Finished, false), Now());
    }

    [Fact]
    public void Pausing_keeps_the_rest_of_the_running_phase_for_later()
    {
        playback.Play();
        Advance(2500); // 500 ms into the 1.5 s pause

        playback.Pause();
        Advance(60_000);
        Assert.Equal((0, 1, PlaybackPhase.Pausing, false), Now());

        playback.Play();
        Advance(999);
        Assert.Equal(1, playback.State.Revealed);
        Advance(1);
        Assert.Equal(2, playback.State.Revealed);
    }

    [Fact]
    public void Speed_scales_reading_time_and_pauses()
    {
        playback.SetSpeed(2.0);
        playback.Play();

        Advance(1000 + 750 - 1);
        Assert.Equal(1, playback.State.Revealed);
        Advance(1);
        Assert.Equal(2, playback.State.Revealed);
    }

    [Fact]
    public void Changing_speed_mid_phase_rescales_what_is_left()
    {
        playback.Play();
        Advance(1000); // half of the 2 s reading time

        playback.SetSpeed(2.0); // the remaining 1 s becomes 0.5 s
        Advance(499);
        Assert.Equal(PlaybackPhase.Reading, playback.State.Phase);
        Advance(1);
        Assert.Equal(PlaybackPhase.Pausing, playback.State.Phase);
    }

    [Fact]
    public void Steps_and_slides_move_by_hand()
    {
        playback.NextStep();
        Assert.Equal((0, 2, PlaybackPhase.Reading, false), Now());
        playback.NextStep();
        Assert.Equal((1, 1, PlaybackPhase.Reading, false), Now());
        playback.PreviousStep();
        Assert.Equal((0, 2, PlaybackPhase.Reading, false), Now());
        playback.NextSlide();
        playback.NextSlide();
        Assert.Equal((2, 1, PlaybackPhase.Reading, false), Now());
        playback.NextSlide();
        Assert.Equal((2, 1, PlaybackPhase.Reading, false), Now());
        playback.PreviousSlide();
        Assert.Equal((1, 1, PlaybackPhase.Reading, false), Now());
        playback.GoToSlide(2, segment: 1);
        Assert.Equal((2, 2, PlaybackPhase.Reading, false), Now());
        playback.RestartSlide();
        Assert.Equal((2, 1, PlaybackPhase.Reading, false), Now());
    }

    [Fact]
    public void Stepping_while_playing_restarts_the_clock_for_the_new_segment()
    {
        playback.Play();
        Advance(1500);

        playback.NextStep();
        Advance(1199);
        Assert.Equal((0, 2, PlaybackPhase.Reading, true), Now());
        Advance(1);
        Assert.Equal((0, 2, PlaybackPhase.Pausing, true), Now());
    }

    [Fact]
    public void Show_all_reveals_the_slide_and_stops_for_the_reader()
    {
        playback.Play();

        playback.ShowAll();
        Advance(60_000);
        Assert.Equal((0, 2, PlaybackPhase.Pausing, false), Now());

        playback.Play();
        Advance(500);
        Assert.Equal((1, 1, PlaybackPhase.Reading, true), Now());
    }

    [Fact]
    public void With_narration_reading_ends_when_the_voice_has_finished()
    {
        playback.SetNarration(true);
        playback.Play();
        var speaking = playback.State;
        Assert.True(speaking.AwaitsSpeech);

        Advance(60_000);
        Assert.Equal((0, 1, PlaybackPhase.Reading, true), Now());

        playback.SpeechFinished(speaking.Step);
        Assert.Equal((0, 1, PlaybackPhase.Pausing, true), Now());
        Advance(1500);
        Assert.Equal((0, 2, PlaybackPhase.Reading, true), Now());
    }

    [Fact]
    public void A_late_report_from_the_voice_of_an_earlier_segment_is_ignored()
    {
        playback.SetNarration(true);
        playback.Play();
        var first = playback.State.Step;

        playback.NextStep();
        playback.SpeechFinished(first);

        Assert.Equal((0, 2, PlaybackPhase.Reading, true), Now());
    }

    [Fact]
    public void Turning_narration_off_mid_segment_falls_back_to_the_reading_time()
    {
        playback.SetNarration(true);
        playback.Play();
        Advance(5000);

        playback.SetNarration(false);
        Advance(2000);

        Assert.Equal((0, 1, PlaybackPhase.Pausing, true), Now());
    }

    [Fact]
    public void Playing_again_after_the_end_replays_the_last_slide()
    {
        playback.GoToSlide(2);
        playback.Play();
        Advance(10_000);
        Assert.Equal(PlaybackPhase.Finished, playback.State.Phase);

        playback.Play();

        Assert.Equal((2, 1, PlaybackPhase.Reading, true), Now());
    }

    [Fact]
    public void Every_change_is_announced_once()
    {
        playback.Play();
        playback.Play();
        Advance(2000);

        Assert.Equal([PlaybackPhase.Reading, PlaybackPhase.Pausing], changes.Select(c => c.Phase));
    }

    [Fact]
    public void A_zero_pause_still_moves_on()
    {
        using var zero = new ChapterPlayback([[new(0, 0), new(1000, 0)]], clock);
        zero.Play();

        Advance(5);

        Assert.Equal(2, zero.State.Revealed);
    }

    [Fact]
    public void A_checkpoint_stops_the_player_after_its_slide_and_playing_on_skips_it()
    {
        using var withCheckpoint = new ChapterPlayback(Chapter, clock, checkpointsAfter: new HashSet<int> { 0 });
        withCheckpoint.Play();

        Advance(3500 + 1700);
        Assert.Equal((0, 2, PlaybackPhase.Checkpoint, false), (withCheckpoint.State.SlideIndex, withCheckpoint.State.Revealed, withCheckpoint.State.Phase, withCheckpoint.State.IsPlaying));
        Advance(10_000);
        Assert.Equal(PlaybackPhase.Checkpoint, withCheckpoint.State.Phase);

        withCheckpoint.Play();
        Assert.Equal((1, 1, PlaybackPhase.Reading, true), (withCheckpoint.State.SlideIndex, withCheckpoint.State.Revealed, withCheckpoint.State.Phase, withCheckpoint.State.IsPlaying));
    }

    [Fact]
    public void Stepping_past_a_slide_with_a_checkpoint_offers_it_and_the_next_step_skips_it()
    {
        using var withCheckpoint = new ChapterPlayback(Chapter, clock, checkpointsAfter: new HashSet<int> { 0 });

        withCheckpoint.NextStep();
        withCheckpoint.NextStep();
        Assert.Equal(PlaybackPhase.Checkpoint, withCheckpoint.State.Phase);
        withCheckpoint.NextStep();
        Assert.Equal(1, withCheckpoint.State.SlideIndex);
    }

    [Fact]
    public void Moving_by_slide_past_a_checkpoint_offers_it_too_and_a_second_press_moves_on()
    {
        using var withCheckpoint = new ChapterPlayback(Chapter, clock, checkpointsAfter: new HashSet<int> { 0 });

        withCheckpoint.NextSlide();
        Assert.Equal((0, 2, PlaybackPhase.Checkpoint), (withCheckpoint.State.SlideIndex, withCheckpoint.State.Revealed, withCheckpoint.State.Phase));

        withCheckpoint.NextSlide();
        Assert.Equal((1, PlaybackPhase.Reading), (withCheckpoint.State.SlideIndex, withCheckpoint.State.Phase));

        // Moving back by slide never offers one: the checkpoint is after slide 1, not before slide 2.
        withCheckpoint.PreviousSlide();
        Assert.Equal((0, PlaybackPhase.Reading), (withCheckpoint.State.SlideIndex, withCheckpoint.State.Phase));
    }
}
