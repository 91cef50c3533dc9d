using Bunit;
using Course.Core.Rendering;
using Course.Web.Catalog;
using Course.Web.Components.Pages.Lessons;
using Course.Web.Lessons;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Course.Web.Tests.Components;

/// <summary>The player's states on a fake clock: playing, paused, slide end, chapter end, speed, connection.</summary>
public class ChapterPlayerTests : BunitContext
{
    // Slide 1: "uno dos tres cuatro cinco" (2 s at 150 wpm) + 1.5 s, then "seis" (1.2 s minimum) + 0.5 s.
    // Slide 2: "siete" + 1 s.
    private static readonly ChapterView Chapter = new("curso", "Curso",
        new ChapterSummary(1, "capitulo", "Capítulo", "es", null, 2, 3, 3000, 8900),
        [
            new SlideView(1, "a", new([Segment("uno dos tres cuatro cinco", 2000, 1500), Segment("- seis", 1200, 500)])),
            new SlideView(2, "b", new([Segment("siete", 1200, 1000)])),
        ]);

    private readonly FakeTimeProvider clock = new();
    private readonly PlayerConnection connection = new();

    public ChapterPlayerTests()
    {
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        Services.AddSingleton<TimeProvider>(clock);
        Services.AddMetrics();
        Services.AddSingleton<Course.Web.Operations.CourseMetrics>();
        Services.AddSingleton<IChapterSource>(new FixedChapterSource(Chapter));
        Services.AddSingleton(connection);
        Services.AddSingleton<Course.Web.Narration.IPublishedClips>(new NoClips());
        // Anonymous here: nothing is recorded, so the recorder never reaches a database.
        Services.AddSingleton(new Course.Web.Progress.ProgressRecorder(null!, Microsoft.Extensions.Logging.Abstractions.NullLogger<Course.Web.Progress.ProgressRecorder>.Instance, TimeProvider.System));
        JSInterop.Mode = JSRuntimeMode.Loose;
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private static SlideSegment Segment(string text, int reading, int pause)
    {
        var rendered = SegmentMarkdown.Render(text);
        return new SlideSegment(text, rendered.Html, rendered.PlainText, pause, reading, rendered.List, rendered.ListNumber, false);
    }

    private IRenderedComponent<ChapterPlayer> RenderPlayer(int slide = 1) =>
        Render<ChapterPlayer>(p => p
            .Add(c => c.CourseSlug, "curso")
            .Add(c => c.ChapterSlug, "capitulo")
            .Add(c => c.StartSlide, slide));

    private void Advance(int milliseconds)
    {
        for (var i = 0; i < milliseconds; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
        }
    }

    private static string[] Shown(IRenderedComponent<ChapterPlayer> cut) =>
        [.. cut.FindAll(".segment").Select(s => s.TextContent)];

    [Fact]
    public void Opens_paused_on_the_first_segment_of_the_slide()
    {
        var cut = RenderPlayer();

        Assert.Equal(["uno dos tres cuatro cinco"], Shown(cut));
        Assert.Equal("Play", cut.Find(".control--play").GetAttribute("aria-label"));
        Assert.Equal("false", cut.Find(".player").GetAttribute("data-playing"));
        Advance(10_000);
        Assert.Single(Shown(cut));
    }

    [Fact]
    public void The_transcript_is_a_link_away_at_the_slide_shown_and_at_the_chapter_end()
    {
        var cut = RenderPlayer(slide: 2);

        Assert.Equal("/courses/curso/chapters/capitulo/transcript#transcript-2", cut.Find("a.player__transcript").GetAttribute("href"));
        cut.Find(".control--play").Click();
        Advance(2200);
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll(".chapter-end__actions a"),
            a => a.TextContent == "Transcript" && a.GetAttribute("href") == "/courses/curso/chapters/capitulo/transcript"));
    }

    [Fact]
    public void Playing_reveals_the_next_segment_after_reading_time_and_pause()
    {
        var cut = RenderPlayer();

        cut.Find(".control--play").Click();
        Assert.Equal("Pause", cut.Find(".control--play").GetAttribute("aria-label"));
        Advance(3499);
        Assert.Single(Shown(cut));
        Advance(1);

        cut.WaitForAssertion(() => Assert.Equal(["uno dos tres cuatro cinco", "seis"], Shown(cut)));
        Assert.Equal("seis", cut.Find(".segment--current").TextContent);
        Assert.NotNull(cut.Find("li.line--current"));
    }

    [Fact]
    public async Task An_open_player_counts_as_an_active_learner_and_each_shown_segment_is_counted()
    {
        var values = new Dictionary<string, long>();
        // This test's own meters only: other test classes' players count on meters of the same name at the same time.
        var meters = Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Course.Web.Operations.CourseMetrics.MeterName && instrument.Meter.Scope == meters)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => values[instrument.Name] = values.GetValueOrDefault(instrument.Name) + value);
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => values[instrument.Name] = values.GetValueOrDefault(instrument.Name) + value);
        listener.Start();

        var cut = RenderPlayer();
        cut.Find(".control--play").Click();
        Advance(3500);
        cut.WaitForAssertion(() => Assert.Equal(2, Shown(cut).Length));

        Assert.Equal(1, values.GetValueOrDefault("course.learners.active"));
        Assert.True(values.GetValueOrDefault("course.segments.played") >= 1);
        await DisposeComponentsAsync();
        Assert.Equal(0, values.GetValueOrDefault("course.learners.active"));
    }

    [Fact]
    public void Pausing_stops_the_reveal()
    {
        var cut = RenderPlayer();
        cut.Find(".control--play").Click();
        Advance(1000);

        cut.Find(".control--play").Click();
        Advance(10_000);

        Assert.Single(Shown(cut));
        Assert.Equal("false", cut.Find(".player").GetAttribute("data-playing"));
    }

    [Fact]
    public void At_a_slide_end_it_moves_to_the_next_slide()
    {
        var cut = RenderPlayer();
        cut.Find(".control--play").Click();

        Advance(3500 + 1700);

        cut.WaitForAssertion(() => Assert.Equal(["siete"], Shown(cut)));
        Assert.Equal("2 / 2", cut.Find(".player__counter").TextContent);
    }

    [Fact]
    public void At_the_chapter_end_it_stops_and_says_so()
    {
        var cut = RenderPlayer(slide: 2);
        cut.Find(".control--play").Click();

        Advance(2200);

        cut.WaitForAssertion(() => Assert.Equal("End of the chapter", cut.Find(".chapter-end h2").TextContent));
        Assert.Equal("finished", cut.Find(".player").GetAttribute("data-phase"));
        Assert.Equal("Play", cut.Find(".control--play").GetAttribute("aria-label"));
        // A visitor who is not signed in is told how to keep this progress (the header's hint is hidden on a phone).
        Assert.Equal("Sign in to save your progress and quiz results.", cut.Find(".chapter-end__save a").TextContent);
    }

    [Fact]
    public void Double_speed_halves_reading_time_and_pauses()
    {
        var cut = RenderPlayer();
        cut.Find(".speed select").Change("2");
        cut.Find(".control--play").Click();

        Advance(1749);
        Assert.Single(Shown(cut));
        Advance(1);

        cut.WaitForAssertion(() => Assert.Equal(2, Shown(cut).Length));
    }

    [Fact]
    public void Losing_the_connection_pauses_and_its_return_resumes_at_the_same_segment()
    {
        var cut = RenderPlayer();
        cut.Find(".control--play").Click();
        Advance(1000);

        cut.InvokeAsync(() => connection.OnConnectionDownAsync(null!, default));
        Advance(20_000);
        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find(".player").GetAttribute("data-playing")));
        Assert.Single(Shown(cut));

        cut.InvokeAsync(() => connection.OnConnectionUpAsync(null!, default));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find(".player").GetAttribute("data-playing")));
        Advance(2500);
        cut.WaitForAssertion(() => Assert.Equal(2, Shown(cut).Length));
    }

    [Fact]
    public void Keyboard_shortcuts_step_through_and_open_the_help()
    {
        var cut = RenderPlayer();

        cut.InvokeAsync(() => cut.Instance.OnKey("next-step"));
        cut.WaitForAssertion(() => Assert.Equal(2, Shown(cut).Length));
        cut.InvokeAsync(() => cut.Instance.OnKey("next-slide"));
        cut.WaitForAssertion(() => Assert.Equal(["siete"], Shown(cut)));
        cut.InvokeAsync(() => cut.Instance.OnKey("help"));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#player-help")));
        cut.InvokeAsync(() => cut.Instance.OnKey("escape"));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#player-help")));
    }

    [Fact]
    public void Show_all_reveals_the_whole_slide()
    {
        var cut = RenderPlayer();

        cut.Find("button[aria-label='Show all']").Click();

        Assert.Equal(2, Shown(cut).Length);
    }

    [Fact]
    public void When_no_voice_speaks_the_language_it_says_so_and_plays_on_silently()
    {
        var cut = RenderPlayer();
        cut.Find(".control--toggle").Click();
        Assert.Equal("true", cut.Find(".control--toggle").GetAttribute("aria-pressed"));
        cut.Find(".control--play").Click();

        cut.InvokeAsync(() => cut.Instance.OnSpeechEnded(1, "no-voice"));

        cut.WaitForAssertion(() => Assert.Contains("has no Español voice", cut.Find(".player__notice").TextContent));
        Assert.Equal("false", cut.Find(".control--toggle").GetAttribute("aria-pressed"));
        Advance(3500);
        cut.WaitForAssertion(() => Assert.Equal(2, Shown(cut).Length));
    }

    private sealed class FixedChapterSource(ChapterView chapter) : IChapterSource
    {
        public Task<ChapterView?> GetChapterAsync(string courseSlug, string chapterSlug, CancellationToken cancellationToken = default) =>
            Task.FromResult<ChapterView?>(chapter);
    }

    /// <summary>A site without recorded narration: every line is spoken by speech synthesis.</summary>
    private sealed class NoClips : Course.Web.Narration.IPublishedClips
    {
        public Task<IReadOnlyList<Course.Web.Narration.PublishedClip>> ForChapterAsync(int chapterId, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<Course.Web.Narration.PublishedClip>>([]);
    }
}
