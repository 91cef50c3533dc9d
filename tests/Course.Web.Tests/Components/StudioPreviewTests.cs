using Bunit;
using Course.Core.Rendering;
using Course.Web.Catalog;
using Course.Web.Components.Pages.Lessons;
using Course.Web.Lessons;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Course.Web.Tests.Components;

/// <summary>The player given a chapter to preview: it plays that chapter and touches nothing a learner's player does.</summary>
public class StudioPreviewTests : BunitContext
{
    private static readonly ChapterView Draft = new("curso", "",
        new ChapterSummary(0, "borrador", "Borrador", "es", null, 2, 3, 2500, 6100),
        [
            new SlideView(1, "preview-1", new([Segment("uno", 1200, 1000)])),
            new SlideView(2, "preview-2", new([Segment("dos", 1200, 500), Segment("- tres", 1200, 1000)])),
        ]);

    private readonly FakeTimeProvider clock = new();

    public StudioPreviewTests()
    {
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        Services.AddSingleton<TimeProvider>(clock);
        Services.AddMetrics();
        Services.AddSingleton<Course.Web.Operations.CourseMetrics>();
        Services.AddSingleton<IChapterSource>(new FailingSource());
        Services.AddSingleton(new PlayerConnection());
        Services.AddSingleton(new Course.Web.Progress.ProgressRecorder(null!, Microsoft.Extensions.Logging.Abstractions.NullLogger<Course.Web.Progress.ProgressRecorder>.Instance, TimeProvider.System));
        AddAuthorization().SetAuthorized("ana@example.com");
        JSInterop.Mode = JSRuntimeMode.Strict; // a preview calls no script at all
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private static SlideSegment Segment(string text, int reading, int pause)
    {
        var rendered = SegmentMarkdown.Render(text);
        return new SlideSegment(text, rendered.Html, rendered.PlainText, pause, reading, rendered.List, rendered.ListNumber, false);
    }

    private IRenderedComponent<ChapterPlayer> RenderPreview(int slide) =>
        Render<ChapterPlayer>(p => p
            .Add(c => c.CourseSlug, "curso")
            .Add(c => c.ChapterSlug, "borrador")
            .Add(c => c.StartSlide, slide)
            .Add(c => c.Preview, Draft));

    [Fact]
    public void A_preview_plays_the_given_chapter_from_the_given_slide_with_its_timings()
    {
        var cut = RenderPreview(2);

        Assert.Equal("true", cut.Find(".player").GetAttribute("data-ready"));
        Assert.Contains("player--preview", cut.Find(".player").ClassList);
        Assert.Equal("2 / 2", cut.Find(".player__counter").TextContent);
        Assert.Equal(["dos"], cut.FindAll(".segment").Select(s => s.TextContent));

        cut.Find(".control--play").Click();
        for (var i = 0; i < 1700; i += 10)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        cut.WaitForAssertion(() => Assert.Equal(["dos", "tres"], cut.FindAll(".segment").Select(s => s.TextContent)));
    }

    [Fact]
    public void A_preview_offers_no_sign_in_narration_help_or_learner_links()
    {
        var cut = RenderPreview(2);
        cut.Find(".control--play").Click();
        for (var i = 0; i < 4000; i += 10)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        cut.WaitForAssertion(() => Assert.Equal("finished", cut.Find(".player").GetAttribute("data-phase")));
        Assert.Empty(cut.FindAll(".player__save"));
        Assert.Empty(cut.FindAll(".control--toggle"));
        Assert.Empty(cut.FindAll("[aria-controls=player-help]"));
        Assert.Empty(cut.FindAll(".chapter-end__actions"));
        Assert.Empty(JSInterop.Invocations);
    }

    private sealed class FailingSource : IChapterSource
    {
        public Task<ChapterView?> GetChapterAsync(string courseSlug, string chapterSlug, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("A preview must not load a published chapter.");
    }
}
