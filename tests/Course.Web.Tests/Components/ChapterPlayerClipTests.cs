using System.Globalization;
using Bunit;
using Course.Core.Rendering;
using Course.Web.Catalog;
using Course.Web.Components.Pages.Lessons;
using Course.Web.Lessons;
using Course.Web.Narration;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Course.Web.Tests.Components;

/// <summary>A chapter with recorded narration in the player: its voice element, clips played and bounded, captions.</summary>
public class ChapterPlayerClipTests : BunitContext
{
    // Slide 1: "**Hola**" (a 1 s clip) + 0.5 s, "Adiós" (a 0.8 s clip) + 0.7 s.
    // Slide 2: a pause on its own line (1 s, line 0), then "siete" (line 1: a 1.2 s clip) + 1 s.
    private static readonly ChapterView Chapter = new("curso", "Curso",
        new ChapterSummary(1, "capitulo", "Capítulo", "es", null, 3, 6, 4500, 12000, ChapterId: 7),
        [
            new SlideView(1, "a", new([Segment("**Hola**", 2000, 500), Segment("Adiós", 1200, 700)])),
            new SlideView(2, "b", new([Segment("", 0, 1000), Segment("siete", 1200, 1000)])),
            new SlideView(3, "c", new([Segment("Uno", 1200, 1000), Segment("dos", 1200, 500, continuesLine: true)])),
        ]);

    private static readonly PublishedClip[] Clips =
    [
        new("a", 0, "/clips/a0.wav", 1000, false),
        new("a", 1, "/clips/a1.wav", 800, false),
        new("b", 1, "/clips/b1.wav", 1200, true), // line 0 is the pause on its own
        new("c", 0, "/clips/c0.wav", 2500, false), // "Uno <break/> dos": one line, one clip
        new("gone", 0, "/clips/gone.wav", 1000, false), // a slide the chapter no longer has
        new("a", 5, "/clips/a5.wav", 1000, false), // a line it no longer has
    ];

    private readonly FakeTimeProvider clock = new();
    private readonly FixedClips published = new();

    public ChapterPlayerClipTests()
    {
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        Services.AddSingleton<TimeProvider>(clock);
        Services.AddMetrics();
        Services.AddSingleton<Course.Web.Operations.CourseMetrics>();
        Services.AddSingleton<IChapterSource>(new FixedChapterSource(Chapter));
        Services.AddSingleton(new PlayerConnection());
        Services.AddSingleton<IPublishedClips>(published);
        Services.AddSingleton(new Course.Web.Progress.ProgressRecorder(null!, Microsoft.Extensions.Logging.Abstractions.NullLogger<Course.Web.Progress.ProgressRecorder>.Instance, TimeProvider.System));
        JSInterop.Mode = JSRuntimeMode.Loose;
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private static SlideSegment Segment(string text, int reading, int pause, bool continuesLine = false)
    {
        var rendered = SegmentMarkdown.Render(text);
        return new SlideSegment(text, rendered.Html, rendered.PlainText, pause, reading, rendered.List, rendered.ListNumber, continuesLine);
    }

    private IRenderedComponent<ChapterPlayer> RenderPlayer(IReadOnlyList<PublishedClip>? clips = null, int slide = 1)
    {
        published.Clips = clips ?? Clips;
        var cut = Render<ChapterPlayer>(p => p
            .Add(c => c.CourseSlug, "curso")
            .Add(c => c.ChapterSlug, "capitulo")
            .Add(c => c.StartSlide, slide));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find(".player").GetAttribute("data-ready")));
        return cut;
    }

    private void Advance(int milliseconds)
    {
        for (var i = 0; i < milliseconds; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }
    }

    private static string[] Shown(IRenderedComponent<ChapterPlayer> cut) =>
        [.. cut.FindAll(".segment").Select(s => s.TextContent)];

    private IReadOnlyList<object?> LastCall(string identifier) =>
        JSInterop.Invocations.Last(i => i.Identifier == identifier).Arguments;

    [Fact]
    public void A_recorded_chapter_has_a_voice_element_a_captions_toggle_and_loads_the_next_lines_clip_ahead()
    {
        var cut = RenderPlayer();

        var voice = cut.Find("audio[data-player-voice]");
        Assert.Null(voice.GetAttribute("src")); // player.js gives it each clip
        Assert.Null(voice.GetAttribute("controls"));
        // Narration was never chosen: a recorded chapter turns it on, and the next line's clip loads ahead.
        Assert.Equal("true", cut.Find("button[title='Narration on/off (N)']").GetAttribute("aria-pressed"));
        Assert.Equal("/clips/a1.wav", cut.Find("audio[data-player-preload]").GetAttribute("src"));
        var toggle = cut.Find(".control--captions");
        Assert.Equal("Captions", toggle.QuerySelector(".visually-hidden")!.TextContent);
        Assert.Equal("Captions on/off (C)", toggle.GetAttribute("title"));
        Assert.Equal("false", toggle.GetAttribute("aria-pressed"));

        // On the last line of slide 1 the next spoken line is slide 2's "siete", past its silent pause.
        cut.InvokeAsync(() => cut.Instance.OnKey("next-step"));
        cut.WaitForAssertion(() => Assert.Equal("/clips/b1.wav", cut.Find("audio[data-player-preload]").GetAttribute("src")));
    }

    [Fact]
    public void Without_recordings_there_is_no_voice_element_and_no_captions()
    {
        var cut = RenderPlayer(clips: []);

        Assert.Empty(cut.FindAll("audio"));
        Assert.Empty(cut.FindAll(".control--captions"));
        Assert.Equal("false", cut.Find("button[title='Narration on/off (N)']").GetAttribute("aria-pressed"));
        cut.InvokeAsync(() => cut.Instance.OnKey("captions"));
        Assert.Empty(cut.FindAll(".player__captions"));
    }

    [Fact]
    public void Play_plays_the_lines_clip_and_the_next_line_follows_its_end_and_pause()
    {
        var cut = RenderPlayer();
        cut.Find(".control--play").Click();

        var call = LastCall("playClip");
        Assert.Equal("/clips/a0.wav", call[1]);
        Assert.Equal(1.0, call[2]);
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == "speak");

        Advance(1000);
        cut.InvokeAsync(() => cut.Instance.OnClipEnded((long)call[0]!, "done"));
        Advance(499);
        Assert.Single(Shown(cut));
        Advance(1);
        cut.WaitForAssertion(() => Assert.Equal(["Hola", "Adiós"], Shown(cut)));
        cut.WaitForAssertion(() => Assert.Equal("/clips/a1.wav", LastCall("playClip")[1]));
    }

    [Fact]
    public void A_line_cut_by_a_break_is_one_clip_and_its_second_part_appears_when_it_ends_unspoken()
    {
        var cut = RenderPlayer(slide: 3);
        cut.Find(".control--play").Click();
        var call = LastCall("playClip");
        Assert.Equal("/clips/c0.wav", call[1]);

        Advance(2500);
        cut.InvokeAsync(() => cut.Instance.OnClipEnded((long)call[0]!, "done"));
        Advance(3);

        cut.WaitForAssertion(() => Assert.Equal(["Uno", "dos"], Shown(cut)));
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == "speak");
        Assert.Single(JSInterop.Invocations, i => i.Identifier == "playClip");
    }

    [Fact]
    public void An_early_end_from_the_browser_waits_for_most_of_the_clip()
    {
        var cut = RenderPlayer();
        cut.Find(".control--play").Click();
        var step = (long)LastCall("playClip")[0]!;

        Advance(100);
        cut.InvokeAsync(() => cut.Instance.OnClipEnded(step, "done"));
        Advance(1299); // 90% of the 1 s clip, then the 0.5 s pause
        Assert.Single(Shown(cut));
        Advance(1);
        cut.WaitForAssertion(() => Assert.Equal(2, Shown(cut).Length));
    }

    [Fact]
    public void Pausing_pauses_the_clip_stepping_stops_it_and_speed_sets_its_rate()
    {
        var cut = RenderPlayer();
        cut.Find(".control--play").Click();
        var step = LastCall("playClip")[0];

        cut.Find(".control--play").Click();
        cut.WaitForAssertion(() => Assert.Contains(JSInterop.Invocations, i => i.Identifier == "pauseNarration"));
        cut.Find(".control--play").Click();
        cut.WaitForAssertion(() => Assert.Equal(2, JSInterop.Invocations.Count(i => i.Identifier == "playClip")));
        Assert.Equal(step, LastCall("playClip")[0]); // the same step: player.js resumes it

        cut.Find(".speed select").Change("1.5");
        cut.WaitForAssertion(() => Assert.Equal(1.5, LastCall("setRate")[0]));

        // Stepping while playing plays the next line's clip (player.js drops the old one).
        cut.InvokeAsync(() => cut.Instance.OnKey("next-step"));
        cut.WaitForAssertion(() => Assert.Equal("/clips/a1.wav", LastCall("playClip")[1]));

        // Stepping while paused stops the held clip.
        cut.Find(".control--play").Click();
        cut.WaitForAssertion(() => Assert.Equal(2, JSInterop.Invocations.Count(i => i.Identifier == "pauseNarration")));
        cut.InvokeAsync(() => cut.Instance.OnKey("previous-step"));
        cut.WaitForAssertion(() => Assert.Contains(JSInterop.Invocations, i => i.Identifier == "stopNarration"));
        Assert.Equal("false", cut.Find(".player").GetAttribute("data-playing"));
    }

    [Fact]
    public void A_clip_the_browser_cannot_play_is_said_and_the_line_is_read_on_the_clock()
    {
        var cut = RenderPlayer();
        cut.Find(".control--play").Click();
        var step = (long)LastCall("playClip")[0]!;

        cut.InvokeAsync(() => cut.Instance.OnClipEnded(step, "error"));

        cut.WaitForAssertion(() => Assert.Contains("could not be played", cut.Find(".player__notice").TextContent));
        Advance(2000 + 499);
        Assert.Single(Shown(cut));
        Advance(1);
        cut.WaitForAssertion(() => Assert.Equal(2, Shown(cut).Length));
    }

    [Fact]
    public void Without_a_voice_the_lines_without_a_clip_go_at_reading_pace_and_narration_stays_on_for_the_recorded_ones()
    {
        // Only the first line is recorded: the second would be spoken by the browser, which has no Spanish voice.
        var cut = RenderPlayer([new("a", 0, "/clips/a0.wav", 1000, false)]);
        cut.Find(".control--play").Click();
        Advance(1000);
        cut.InvokeAsync(() => cut.Instance.OnClipEnded((long)LastCall("playClip")[0]!, "done"));
        Advance(500);
        cut.WaitForAssertion(() => Assert.Equal(["Hola", "Adiós"], Shown(cut)));
        var speak = (long)LastCall("speak")[0]!;

        cut.InvokeAsync(() => cut.Instance.OnSpeechEnded(speak, "no-voice"));

        cut.WaitForAssertion(() => Assert.Contains("the recorded lines play", cut.Find(".player__notice").TextContent));
        Assert.Equal("true", cut.Find(".control--toggle:not(.control--captions)").GetAttribute("aria-pressed"));
        Assert.Single(JSInterop.Invocations, i => i.Identifier == "speak"); // not asked again
    }

    [Fact]
    public void A_browser_that_wants_a_gesture_pauses_the_player_and_asks_for_play()
    {
        var cut = RenderPlayer();
        cut.Find(".control--play").Click();

        cut.InvokeAsync(() => cut.Instance.OnClipEnded((long)LastCall("playClip")[0]!, "not-allowed"));

        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find(".player").GetAttribute("data-playing")));
        Assert.Contains("press Play", cut.Find(".player__notice").TextContent);
    }

    [Fact]
    public void Captions_show_the_spoken_line_as_text_in_a_live_region_and_are_remembered()
    {
        var cut = RenderPlayer();
        Assert.Empty(cut.FindAll(".player__captions"));

        cut.Find(".control--captions").Click();

        var captions = cut.Find(".player__captions");
        Assert.Equal("Hola", captions.TextContent);
        Assert.Empty(captions.QuerySelectorAll("strong")); // the author's Markdown is not rendered in captions
        Assert.Equal("polite", captions.GetAttribute("aria-live"));
        Assert.Equal("es", captions.GetAttribute("lang"));
        Assert.Equal("true", cut.Find(".control--captions").GetAttribute("aria-pressed"));
        Assert.Equal(true, LastCall("saveSettings")[2]);

        cut.InvokeAsync(() => cut.Instance.OnKey("next-step"));
        cut.WaitForAssertion(() => Assert.Equal("Adiós", cut.Find(".player__captions").TextContent));

        cut.InvokeAsync(() => cut.Instance.OnKey("captions"));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".player__captions")));
        Assert.Equal(false, LastCall("saveSettings")[2]);
    }

    [Fact]
    public void The_captions_toggle_speaks_spanish_to_a_spanish_learner()
    {
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("es");
        try
        {
            var cut = RenderPlayer();

            Assert.Equal("Subtítulos", cut.Find(".control--captions .visually-hidden").TextContent);
            Assert.Equal("Subtítulos sí/no (C)", cut.Find(".control--captions").GetAttribute("title"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    private sealed class FixedChapterSource(ChapterView chapter) : IChapterSource
    {
        public Task<ChapterView?> GetChapterAsync(string courseSlug, string chapterSlug, CancellationToken cancellationToken = default) =>
            Task.FromResult<ChapterView?>(chapter);
    }

    private sealed class FixedClips : IPublishedClips
    {
        public IReadOnlyList<PublishedClip> Clips { get; set; } = [];

        public Task<IReadOnlyList<PublishedClip>> ForChapterAsync(int chapterId, CancellationToken cancellationToken = default) =>
            Task.FromResult(chapterId == 7 ? Clips : (IReadOnlyList<PublishedClip>)[]);
    }
}
