using Course.Core.Playback;
using Microsoft.Extensions.Time.Testing;

namespace Course.Core.Tests;

/// <summary>
/// Lines with recorded clips on the player's clock: the browser's "clip ended" ends the reading, held to the
/// clip's stored duration (never before 90% of it, at most 1.5× + 5 s when no report comes), then the script's pause.
/// </summary>
public sealed class ClipPlaybackTests : IDisposable
{
    // Slide 1: a 1 s clip (reading time 2 s) + 0.5 s pause, then a 2 s clip + 1 s pause; checkpoint after it.
    // Slide 2: no clip, 1.6 s reading + 1 s pause.
    private static readonly SegmentTiming[][] Chapter =
    [
        [new(2000, 500, 1000), new(1200, 1000, 2000)],
        [new(1600, 1000)],
    ];

    private readonly FakeTimeProvider clock = new();
    private readonly ChapterPlayback playback;

    public ClipPlaybackTests() => playback = new ChapterPlayback(Chapter, clock, checkpointsAfter: new HashSet<int> { 0 });

    public void Dispose() => playback.Dispose();

    public static TheoryData<string, bool, double, string, int> Reports => new()
    {
        // what                                         narration speed  browser's reports (ms:what)  second line appears at (ms)
        { "the clip ends on time",                       true,  1.0,  "1000:ended",                   1500 },
        { "the clip really lasts longer",                true,  1.0,  "1230:ended",                   1730 },
        { "a report within the tolerance is taken",      true,  1.0,  "920:ended",                    1420 },
        { "an early report waits for 90% of the clip",   true,  1.0,  "300:ended",                    1400 },
        { "no report: the clip's latest end",            true,  1.0,  "",                             7000 },
        { "double speed halves clip and pause",          true,  2.0,  "500:ended",                    750 },
        { "double speed, early report",                  true,  2.0,  "100:ended",                    700 },
        { "a clip that fails is read on the clock",      true,  1.0,  "200:failed",                   2700 },
        { "a stale report is ignored",                   true,  1.0,  "300:stale 1000:ended",         1500 },
        { "narration off: reading time, clip ignored",   false, 1.0,  "300:ended",                    2500 },
    };

    [Theory]
    [MemberData(nameof(Reports))]
    public void The_next_line_appears_after_the_clip_and_its_pause(string what, bool narration, double speed, string reports, int expected)
    {
        Assert.NotEmpty(what);
        playback.SetNarration(narration);
        playback.SetSpeed(speed);
        playback.Play();
        var due = reports.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(r => r.Split(':')).ToDictionary(r => int.Parse(r[0]), r => r[1]);

        var appeared = -1;
        for (var ms = 1; ms <= 10_000 && appeared < 0; ms++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
            if (due.TryGetValue(ms, out var report))
            {
                var step = playback.State.Step;
                switch (report)
                {
                    case "ended": playback.ClipFinished(step); break;
                    case "failed": playback.ClipFailed(step); break;
                    case "stale": playback.ClipFinished(step - 1); break;
                }
            }

            if (playback.State.Revealed == 2)
            {
                appeared = ms;
            }
        }

        Assert.Equal(expected, appeared);
    }

    [Fact]
    public void Pausing_a_clip_keeps_what_was_played_toward_its_earliest_end()
    {
        playback.SetNarration(true);
        playback.Play();
        Advance(400);
        playback.Pause();
        Advance(10_000);
        Assert.Equal((1, PlaybackPhase.Reading), (playback.State.Revealed, playback.State.Phase));

        playback.Play();
        playback.ClipFinished(playback.State.Step); // 400 of the 900 ms played: 500 more, then the pause

        Advance(999);
        Assert.Equal(1, playback.State.Revealed);
        Advance(1);
        Assert.Equal(2, playback.State.Revealed);
    }

    [Fact]
    public void A_report_while_paused_changes_nothing()
    {
        playback.SetNarration(true);
        playback.Play();
        Advance(1000);
        playback.Pause();

        playback.ClipFinished(playback.State.Step);

        Assert.Equal((1, PlaybackPhase.Reading, false), (playback.State.Revealed, playback.State.Phase, playback.State.IsPlaying));
    }

    [Fact]
    public void Reporting_each_clip_at_once_cannot_reach_the_checkpoint_sooner_than_the_clips_allow()
    {
        playback.SetNarration(true);
        playback.Play();
        var elapsed = 0;
        while (playback.State.Phase != PlaybackPhase.Checkpoint && elapsed < 20_000)
        {
            playback.ClipFinished(playback.State.Step); // a browser that lies: "ended" as soon as each line starts
            Advance(1);
            elapsed++;
        }

        // 90% of 1 s + 0.5 s, then 90% of 2 s + 1 s.
        Assert.Equal(900 + 500 + 1800 + 1000, elapsed);
    }

    [Fact]
    public void A_line_without_a_clip_still_waits_for_the_voice()
    {
        playback.SetNarration(true);
        playback.NextSlide(); // offers the checkpoint first
        playback.NextSlide();
        playback.Play();

        Advance(30_000);
        Assert.Equal((1, 1, PlaybackPhase.Reading), (playback.State.SlideIndex, playback.State.Revealed, playback.State.Phase));
        playback.ClipFinished(playback.State.Step); // not a clip's line: ignored
        Assert.Equal(PlaybackPhase.Reading, playback.State.Phase);
        playback.SpeechFinished(playback.State.Step);
        Assert.Equal(PlaybackPhase.Pausing, playback.State.Phase);
    }

    [Theory]
    [InlineData(1000, 900, 6500)]
    [InlineData(0, null, null)]
    [InlineData(-5, null, null)]
    [InlineData(int.MaxValue, 540_000, 905_000)]
    public void A_clips_bounds_come_from_its_stored_duration(int stored, int? earliest, int? latest)
    {
        var usable = ClipTiming.Usable(stored);

        Assert.Equal(earliest, usable is { } d ? ClipTiming.Earliest(d) : null);
        Assert.Equal(latest, usable is { } e ? ClipTiming.Latest(e) : null);
    }

    [Theory]
    [InlineData("n n n", "0+1 1+1 2+1")]
    [InlineData("n c n", "0+2 2+1")]
    [InlineData("n c c", "0+3")]
    [InlineData("", "")]
    public void A_clips_line_is_a_written_line_with_the_segments_that_continue_it(string segments, string expected)
    {
        var continues = segments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => s == "c").ToList();

        Assert.Equal(expected, string.Join(' ', SpokenLines.Of(continues).Select(l => $"{l.First}+{l.Count}")));
    }

    [Fact]
    public void A_line_cut_by_a_break_plays_as_one_clip_and_its_inner_pause_is_in_the_recording()
    {
        // "Uno <break 1s/> dos <break 0.5s/>" recorded as one 2.5 s clip, then "tres" with no clip.
        using var line = new ChapterPlayback([[new(1200, 1000, 2500), new(1200, 500, null, InClip: true), new(1200, 300)]], clock);
        line.SetNarration(true);
        line.Play();

        Advance(2500);
        line.ClipFinished(line.State.Step);
        Advance(1);
        Assert.Equal(2, line.State.Revealed); // "dos" at the clip's end: its pause before was in the recording
        Advance(498);
        Assert.Equal(2, line.State.Revealed);
        Advance(1);
        Assert.Equal(3, line.State.Revealed); // then the line's own pause: 500 ms after the clip's end
    }

    [Fact]
    public void Without_narration_a_recorded_lines_segments_keep_their_reading_times_and_pauses()
    {
        using var line = new ChapterPlayback([[new(1200, 1000, 2500), new(1200, 500, null, InClip: true)]], clock);
        line.Play();

        Advance(2199);
        Assert.Equal(1, line.State.Revealed);
        Advance(1);
        Assert.Equal(2, line.State.Revealed);
    }

    [Fact]
    public void Without_a_voice_the_recorded_lines_still_play_and_the_others_go_on_the_clock()
    {
        // A clip (1 s, pause 0.5 s), a line without one (reading 1.6 s, pause 1 s), a clip again.
        using var mixed = new ChapterPlayback([[new(2000, 500, 1000), new(1600, 1000), new(2000, 500, 1000)]], clock);
        mixed.SetNarration(true);
        mixed.Play();
        Advance(1000);
        mixed.ClipFinished(mixed.State.Step);
        Advance(500);
        Assert.Equal((2, PlaybackPhase.Reading), (mixed.State.Revealed, mixed.State.Phase));

        // The browser has no voice for the line without a clip: it is read on the clock from now, narration stays on.
        Advance(100);
        mixed.SpeechUnavailable();
        Advance(1599);
        Assert.Equal(PlaybackPhase.Reading, mixed.State.Phase);
        Advance(1);
        Assert.Equal(PlaybackPhase.Pausing, mixed.State.Phase);
        Advance(1000);

        // The next recorded line plays its clip: the reveal waits for the clip's end, not its reading time.
        Assert.Equal((3, true, true), (mixed.State.Revealed, mixed.State.Narration, mixed.State.AwaitsSpeech));
        Advance(1900);
        Assert.Equal(PlaybackPhase.Reading, mixed.State.Phase);
        mixed.ClipFinished(mixed.State.Step);
        Assert.Equal(PlaybackPhase.Pausing, mixed.State.Phase);
    }

    private void Advance(int milliseconds)
    {
        for (var i = 0; i < milliseconds; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }
    }
}
