using Course.Core.Scripts;
using Bunit;
using Course.Web.Catalog;
using Course.Web.Components.Pages.Studio;
using Course.Web.Components.Pages.Studio.Editor;
using Course.Web.Lessons;
using Course.Web.Studio;
using Course.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Course.Web.Tests.Components;

/// <summary>
/// The chapter editor against the real studio service and database, on a fake clock: parsing after a pause
/// in typing, autosave, conflicts and the choice they offer, publishing, the preview under the caret.
/// </summary>
[Collection(SharedAppCollection.Name)]
public class StudioEditorTests : BunitContext
{
    private const string Author = "prof@example.com";
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly ChapterStudio studio;
    private readonly int courseId;

    public StudioEditorTests(CourseAppFactory app)
    {
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        var scope = app.Services.CreateScope();
        studio = scope.ServiceProvider.GetRequiredService<ChapterStudio>();
        Services.AddSingleton(studio);
        Services.AddSingleton(scope.ServiceProvider.GetRequiredService<Course.Web.Chapters.ChapterStore>()); // the slides view's narration panel
        Services.AddSingleton(app.Services.GetRequiredService<Course.Web.Narration.ClipLibrary>());
        Services.AddSingleton<TimeProvider>(clock);
        Services.AddSingleton(scope.ServiceProvider.GetRequiredService<IChapterSource>());
        Services.AddSingleton(new PlayerConnection());
        Services.AddSingleton(app.Services.GetRequiredService<Course.Web.Operations.CourseMetrics>());
        Services.AddSingleton(app.Services.GetRequiredService<Course.Web.Progress.ProgressRecorder>());
        AddAuthorization().SetAuthorized(Author).SetRoles(Course.Web.Accounts.Roles.Instructor);
        JSInterop.Mode = JSRuntimeMode.Loose;
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        courseId = Task.Run(() => studio.ListAsync()).Result[0].CourseId;
    }

    private Task<int> NewChapterAsync(string script) =>
        studio.CreateChapterAsync(courseId, "Editor " + Guid.NewGuid().ToString("N")[..8], "en", "setup@example.com", script);

    private IRenderedComponent<ChapterEditor> Open(int chapterId)
    {
        var cut = Render<ChapterEditor>(p => p.Add(c => c.ChapterId, chapterId));
        cut.WaitForElement(".editor[data-ready='true']", TimeSpan.FromSeconds(10));
        return cut;
    }

    /// <summary>What studio.js sends after the author typed: the whole new text, as one edit.</summary>
    private static Task TypeAsync(IRenderedComponent<ChapterEditor> cut, string text, long version, int epoch = 0) =>
        EditAsync(cut, epoch, version, 0, -1, text, true, text.Length);

    private static async Task EditAsync(IRenderedComponent<ChapterEditor> cut, int epoch, long version, int start, int remove, string insert, bool final, int length)
    {
        var ok = false;
        await cut.InvokeAsync(() => ok = cut.Instance.OnEdit(epoch, version, start, remove, insert, final, length));
        Assert.True(ok);
    }

    /// <summary>Lets time pass in small steps, so timers that start timers fire as they would.</summary>
    private void Wait(int milliseconds)
    {
        for (var i = 0; i < milliseconds; i += 10)
        {
            clock.Advance(TimeSpan.FromMilliseconds(Math.Min(10, milliseconds - i)));
        }
    }

    private string Status(IRenderedComponent<ChapterEditor> cut) => cut.Find("[data-testid=save-status]").TextContent;

    private async Task<string> DraftTextAsync(int chapterId) => (await studio.GetDraftAsync(chapterId))!.Text;

    /// <summary>Waits for the database to say what is expected (saves run on the renderer, off the test's thread).</summary>
    private async Task DraftBecomesAsync(int chapterId, Func<string, bool> expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!expected(await DraftTextAsync(chapterId)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(expected(await DraftTextAsync(chapterId)), await DraftTextAsync(chapterId));
    }

    [Fact]
    public async Task Typing_saves_the_draft_two_seconds_after_the_last_edit()
    {
        var chapter = await NewChapterAsync("One <break time=\"1s\"/>");
        var cut = Open(chapter);

        await TypeAsync(cut, "One <break time=\"1s\"/>\nTwo", 1);
        Assert.Equal("Not saved yet", Status(cut));
        Wait(1500);
        await TypeAsync(cut, "One <break time=\"1s\"/>\nTwo <break time=\"1s\"/>", 2);
        Wait(1900);
        Assert.Equal("One <break time=\"1s\"/>", await DraftTextAsync(chapter));

        Wait(100);

        cut.WaitForAssertion(() => Assert.StartsWith("Saved ", Status(cut)));
        Assert.Equal("One <break time=\"1s\"/>\nTwo <break time=\"1s\"/>", await DraftTextAsync(chapter));
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "markSaved");
    }

    [Fact]
    public async Task Problems_appear_once_typing_pauses_at_their_line_and_column()
    {
        var chapter = await NewChapterAsync("One <break time=\"1s\"/>");
        var cut = Open(chapter);

        await TypeAsync(cut, "One <break time=\"1s\"/>\nTwo <break time=\"1x\"/>", 1);
        Wait(299);
        Assert.Equal("No problems.", cut.Find(".problems").TextContent.Trim());
        Wait(1);

        cut.WaitForAssertion(() => Assert.Contains("Line 2, column 18", cut.Find(".problems").TextContent));
        Assert.Contains("is not a number with a unit", cut.Find(".problems").TextContent);
        Assert.Equal("true", cut.Find("#script-text").GetAttribute("aria-invalid"));
        var marks = JSInterop.Invocations.Where(i => i.Identifier == "setErrors").Last();
        Assert.Single(marks.Arguments); // one array of errors, not one argument per error

        cut.Find(".error-list__place").Click();
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "moveCaret" && Equals(i.Arguments[0], 2) && Equals(i.Arguments[1], 18));
    }

    [Fact]
    public async Task A_long_edit_in_pieces_is_parsed_and_saved_only_once_complete()
    {
        var chapter = await NewChapterAsync("Start <break time=\"1s\"/>");
        var cut = Open(chapter);
        var start = "Start <break time=\"1s\"/>".Length;

        await EditAsync(cut, 0, 1, start, 0, "\nMiddle <b", false, start + 30);
        Wait(5000);
        Assert.Equal("Start <break time=\"1s\"/>", await DraftTextAsync(chapter));
        Assert.Equal("No problems.", cut.Find(".problems").TextContent.Trim());

        await EditAsync(cut, 0, 1, start + 10, 0, "reak/> end.", true, start + 21);
        Wait(2000);

        await DraftBecomesAsync(chapter, text => text == "Start <break time=\"1s\"/>\nMiddle <break/> end.");
    }

    [Fact]
    public async Task A_save_that_meets_another_shows_both_versions_stops_autosaving_and_keep_mine_saves_over_theirs()
    {
        var chapter = await NewChapterAsync("Shared <break time=\"1s\"/>");
        var cut = Open(chapter);
        await studio.SaveDraftAsync(chapter, "Shared <break time=\"1s\"/>\nTheirs <break time=\"1s\"/>", 1, "ana@example.com");

        await TypeAsync(cut, "Shared <break time=\"1s\"/>\nMine <break time=\"1s\"/>", 1);
        Wait(2000);

        cut.WaitForElement(".conflict");
        Assert.Contains("ana@example.com", cut.Find(".conflict").TextContent);
        Assert.Contains("Theirs", cut.Find(".diff__line--removed").TextContent);
        Assert.Contains("removed", cut.Find(".diff__line--removed").TextContent);
        Assert.Contains("Mine", cut.Find(".diff__line--added").TextContent);
        Assert.Contains("added", cut.Find(".diff__line--added").TextContent);
        Assert.Equal("Not saved: two versions to choose from", Status(cut));
        await TypeAsync(cut, "Shared <break time=\"1s\"/>\nMine, still typing <break time=\"1s\"/>", 2);
        Wait(10_000);
        Assert.Contains("Theirs", await DraftTextAsync(chapter), StringComparison.Ordinal); // nothing overwritten while the choice is open

        cut.FindAll(".conflict button").Single(b => b.TextContent == "Keep mine").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".conflict")));
        Assert.Equal("Shared <break time=\"1s\"/>\nMine, still typing <break time=\"1s\"/>", await DraftTextAsync(chapter));
        Assert.StartsWith("Saved ", Status(cut));
    }

    [Fact]
    public async Task Taking_theirs_puts_their_text_in_the_editor_keeps_mine_to_copy_and_saves_on_from_their_revision()
    {
        var chapter = await NewChapterAsync("Shared <break time=\"1s\"/>");
        var cut = Open(chapter);
        const string theirs = "Shared <break time=\"1s\"/>\nTheirs <break time=\"1s\"/>";
        await studio.SaveDraftAsync(chapter, theirs, 1, "ana@example.com");
        await TypeAsync(cut, "Shared <break time=\"1s\"/>\nMine <break time=\"1s\"/>", 1);
        Wait(2000);
        cut.WaitForElement(".conflict");

        cut.FindAll(".conflict button").Single(b => b.TextContent == "Take theirs").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".conflict")), TimeSpan.FromSeconds(10));
        cut.WaitForAssertion(() => Assert.StartsWith("Saved ", Status(cut)), TimeSpan.FromSeconds(10));
        Assert.Contains("Mine", cut.Find("#mine-copy").TextContent);
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "setText" && Equals(i.Arguments[0], theirs));
        Assert.StartsWith("Saved ", Status(cut));

        await TypeAsync(cut, theirs + "\nAnd more", 5, epoch: 1); // the text was replaced once
        Wait(2000);
        await DraftBecomesAsync(chapter, text => text.EndsWith("And more", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_save_of_the_very_same_text_is_no_conflict()
    {
        var chapter = await NewChapterAsync("Same <break time=\"1s\"/>");
        var cut = Open(chapter);
        const string text = "Same <break time=\"1s\"/>\nAgain <break time=\"1s\"/>";
        await studio.SaveDraftAsync(chapter, text, 1, Author); // e.g. this page's beacon

        await TypeAsync(cut, text, 1);
        Wait(2000);

        cut.WaitForAssertion(() => Assert.StartsWith("Saved ", Status(cut)));
        Assert.Empty(cut.FindAll(".conflict"));
    }

    [Fact]
    public async Task While_the_script_has_an_error_its_figures_and_timeline_stay_greyed_as_of_the_last_good_script()
    {
        var chapter = await NewChapterAsync("One <break time=\"1s\"/>\n\nTwo <break time=\"1s\"/>");
        var cut = Open(chapter);
        Assert.Equal(2, cut.FindAll(".timeline button").Count);

        await TypeAsync(cut, "One <break time=\"1s\"/>\n\nTwo <break time=\"abc\"/>", 1);
        Wait(1000);

        cut.WaitForAssertion(() => Assert.Contains("editor__stale", cut.Find("nav.timeline").ClassList));
        Assert.All(cut.FindAll(".timeline button"), b => Assert.True(b.HasAttribute("disabled")));
        Assert.Contains("2 slides", cut.Find(".editor__meta .editor__stale").TextContent);
    }

    [Fact]
    public async Task Publishing_lists_problems_or_publishes_the_saved_draft_as_a_version()
    {
        var chapter = await NewChapterAsync("Ready <break time=\"1s\"/>");
        var cut = Open(chapter);
        await TypeAsync(cut, "Ready <break time=\"1s\"/>\nNot ready <break time=\"11s\"/>", 1);

        cut.FindAll("button").Single(b => b.TextContent == "Publish").Click();

        cut.WaitForAssertion(() => Assert.Contains("Not published: the script has problems", cut.Markup));
        Assert.Contains("Line 2, column", cut.Find(".notice--danger").TextContent);
        Assert.Empty(await studio.HistoryAsync(chapter));

        await TypeAsync(cut, "Ready <break time=\"1s\"/>\nNow ready <break time=\"1s\"/>", 2);
        cut.FindAll("button").Single(b => b.TextContent == "Publish").Click();

        cut.WaitForAssertion(() => Assert.Contains("Version 1 published.", cut.Find(".notice--ok").TextContent));
        var version = Assert.Single(await studio.HistoryAsync(chapter));
        Assert.Equal(Author, version.PublishedBy);
        Assert.Equal("Published", cut.Find(".badge").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=unpublished-changes]"));

        // An edit after publishing: the header says learners do not see it yet.
        await TypeAsync(cut, "Ready <break time=\"1s\"/>\nNow ready <break time=\"1s\"/>\nAnd more <break time=\"1s\"/>", 3);
        cut.WaitForAssertion(() => Assert.Equal("Unpublished changes", cut.Find("[data-testid=unpublished-changes]").TextContent));
    }

    [Fact]
    public async Task The_preview_plays_the_slide_under_the_caret_with_its_timing()
    {
        var chapter = await NewChapterAsync("First slide <break time=\"1s\"/>\n\nSecond slide <break time=\"2s\"/>\nIts second line <break time=\"1s\"/>");
        var cut = Open(chapter);
        Assert.Equal("First slide", cut.Find(".preview .segment").TextContent);
        Assert.Equal(2, cut.FindAll(".timeline button").Count);

        await cut.InvokeAsync(() => cut.Instance.OnCaret(4));

        Assert.Equal("2 / 2", cut.Find(".preview .player__counter").TextContent);
        Assert.Equal("Second slide", cut.Find(".preview .segment").TextContent);
        Assert.Contains("Slide 2 · 5.4 s", cut.Find(".preview__where").TextContent); // 1.2 + 2 + 1.2 + 1 s
        Assert.Equal("true", cut.FindAll(".timeline button")[1].GetAttribute("aria-current"));

        cut.Find(".preview .control--play").Click();
        Wait(3200);

        // The player's timers continue on the renderer: on a busy machine the next phase may be scheduled only
        // after the clock moved on, so the clock keeps moving (in small steps) until the second line shows.
        for (var step = 0; step < 100 && cut.FindAll(".preview .segment").Count < 2; step++)
        {
            await Task.Delay(20);
            Wait(50);
        }

        Assert.Equal(2, cut.FindAll(".preview .segment").Count);
    }

    [Fact]
    public async Task Unsaved_text_from_this_browser_is_offered_back()
    {
        JSInterop.SetupModule(m => m.Arguments.Count > 0 && m.Arguments[0] is string path && path.EndsWith("js/studio.js", StringComparison.Ordinal))
            .Setup<ChapterEditor.EditorStart?>("startEditor", _ => true)
            .SetResult(new ChapterEditor.EditorStart("UTC", new DateTimeOffset(2026, 11, 26, 10, 42, 0, TimeSpan.Zero).ToUnixTimeMilliseconds()));
        var chapter = await NewChapterAsync("Saved <break time=\"1s\"/>");
        var cut = Open(chapter);

        Assert.Contains("at 10:42", cut.Markup.Replace("\u202f", " ", StringComparison.Ordinal));
        cut.FindAll("button").Single(b => b.TextContent == "Restore my text").Click();

        cut.WaitForAssertion(() => Assert.Contains(JSInterop.Invocations, i => i.Identifier == "restoreBackup"), TimeSpan.FromSeconds(10));
        cut.WaitForAssertion(() => Assert.DoesNotContain("Restore my text", cut.Markup));
    }

    [Fact]
    public async Task The_slides_view_edits_the_same_draft_which_then_saves_and_shows_in_the_script()
    {
        var chapter = await NewChapterAsync("One <break time=\"1s\"/>");
        var cut = Open(chapter);

        cut.FindAll(".view-toggle").Single(b => b.TextContent == "Slides").Click();
        var slides = cut.FindComponent<SlidesView>();
        Assert.Equal("One <break time=\"1s\"/>", slides.Instance.Text);
        Assert.NotNull(cut.Find(".script-pane").GetAttribute("hidden"));

        const string changed = "One <break time=\"2s\"/>\n\nTwo <break time=\"1s\"/>";
        await cut.InvokeAsync(() => slides.Instance.TextChanged.InvokeAsync(ParsedScript.Of(changed)));

        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "setText" && Equals(i.Arguments[0], changed));
        Assert.Equal("Not saved yet", Status(cut));
        Assert.Equal(2, cut.FindAll(".timeline button").Count);
        Wait(2000);
        await DraftBecomesAsync(chapter, text => text == changed);

        cut.FindAll(".view-toggle").Single(b => b.TextContent == "Script").Click();
        Assert.Null(cut.Find(".script-pane").GetAttribute("hidden"));
        Assert.Empty(cut.FindComponents<SlidesView>());
    }
}
