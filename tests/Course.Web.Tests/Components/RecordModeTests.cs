using Bunit;
using Course.Web.Accounts;
using Course.Web.Catalog;
using Course.Web.Chapters;
using Course.Web.Components.Pages.Studio.Editor;
using Course.Web.Lessons;
using Course.Web.Narration;
using Course.Web.Studio;
using Course.Web.Tests.Infrastructure;
using Course.Web.Tests.Narration;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace Course.Web.Tests.Components;

/// <summary>
/// Record mode against the real store and database: keys walk the chapter's spoken lines and record through
/// the narration panel's path (the clip lands on the line shown, and the walk goes on when asked), Esc gives
/// the focus back to the Record mode button, and a circuit whose user is not an instructor records nothing.
/// </summary>
[Collection(SharedAppCollection.Name)]
public class RecordModeTests(CourseAppFactory app) : NarrationEditorContext(app)
{
    private async Task<(int Id, IRenderedComponent<ChapterEditor> Editor, IRenderedComponent<RecordMode> Mode)> OpenRecordModeAsync()
    {
        var (id, cut) = await OpenSlidesAsync("Modo", "One **loud** line. <break time=\"1s\"/>\nTwo. <break time=\"2s\"/>\n\nThree.\n");
        cut.WaitForElement("[data-testid=record-mode-open]", TimeSpan.FromSeconds(10)).Click();
        cut.WaitForElement("[data-testid=record-mode]");
        return (id, cut, cut.FindComponent<RecordMode>());
    }

    private static Task Press(IRenderedComponent<RecordMode> mode, string key, bool shift = false, string target = "View") =>
        mode.InvokeAsync(() => mode.Instance.Key(key, shift, false, target));

    private static string Text(IRenderedComponent<ChapterEditor> cut, string testId) => cut.Find($"[data-testid={testId}]").TextContent.Trim();

    private int Calls(string identifier) => JSInterop.Invocations.Count(i => i.Identifier == identifier);

    [Fact]
    public async Task Keys_walk_the_spoken_lines_showing_each_as_plain_text_with_its_neighbours_and_pause()
    {
        var (_, cut, mode) = await OpenRecordModeAsync();

        Assert.Equal("One loud line.", Text(cut, "record-mode-line"));
        Assert.Contains("Line 1 of 3", Text(cut, "record-mode-where"));
        Assert.Contains("Pause after it: 1", Text(cut, "record-mode-state"));
        Assert.Contains("Not recorded", Text(cut, "record-mode-state"));
        Assert.Equal("0 of 3 lines recorded · 0.0 s spoken", Text(cut, "record-mode-progress"));

        await Press(mode, "ArrowRight");
        Assert.Equal("Two.", Text(cut, "record-mode-line"));
        Assert.Contains("One loud line.", cut.FindAll(".record-mode__context")[0].TextContent);
        Assert.Contains("Three.", cut.FindAll(".record-mode__context")[1].TextContent);
        Assert.Equal("Line 2 of 3, line 2 of slide 1: Not recorded.", Text(cut, "record-mode-status"));

        await Press(mode, "n");
        Assert.Contains("Slide 2 of 2 · line 1 of slide 2", Text(cut, "record-mode-where"));
        await Press(mode, "N");
        Assert.Equal("Three.", Text(cut, "record-mode-line"));
        await Press(mode, "b");
        await Press(mode, "ArrowLeft");
        Assert.Equal("One loud line.", Text(cut, "record-mode-line"));

        // Typing in a field and Enter on a button are not shortcuts.
        await Press(mode, "ArrowRight", target: "TextField");
        await Press(mode, "Enter", target: "Control");
        Assert.Equal("One loud line.", Text(cut, "record-mode-line"));
        Assert.Equal(0, Calls("start"));
    }

    [Fact]
    public async Task R_records_and_stops_through_the_panel_the_clip_lands_on_the_line_shown_and_the_walk_goes_on_when_asked()
    {
        var (id, cut, mode) = await OpenRecordModeAsync();
        cut.Find("[data-testid=record-mode-auto]").Change(true);
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "remember" && i.Arguments[0] is true);
        await Press(mode, "ArrowRight");

        await Press(mode, "r");
        Assert.Equal(1, Calls("start"));
        Assert.Equal("Stop", cut.Find(".record-mode__record").TextContent.Trim());
        Assert.Equal("Recording line 2 of 3…", Text(cut, "record-mode-status"));
        await Press(mode, "ArrowRight"); // no walking away while recording
        Assert.Equal("Two.", Text(cut, "record-mode-line"));

        await Press(mode, "Enter");
        Assert.Equal(1, Calls("stop"));
        var panel = cut.FindComponent<NarrationPanel>();
        await cut.InvokeAsync(() => panel.Instance.Recorded(new RecordedClip(TestAudio.Wav(800, 301)), 800));

        cut.WaitForAssertion(() => Assert.Equal("Line 2 of 3 recorded, 0.8 s. Line 3 of 3, line 1 of slide 2: Not recorded.", Text(cut, "record-mode-status")), TimeSpan.FromSeconds(10));
        Assert.Equal("Three.", Text(cut, "record-mode-line"));
        Assert.Equal("1 of 3 lines recorded · 0.8 s spoken", Text(cut, "record-mode-progress"));
        var lines = await Store.DraftLinesAsync(id);
        Assert.Equal([false, true, false], lines.Where(l => l.Text.Length > 0).Select(l => l.HasClip));

        // Back on the recorded line: Space plays its clip; Shift+→ goes to the next line without one.
        await Press(mode, "ArrowLeft");
        Assert.Contains("Recorded · 0.8 s", Text(cut, "record-mode-state"));
        await Press(mode, " ");
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "play" && ((string)i.Arguments[0]!).StartsWith("/api/narration/clips/", StringComparison.Ordinal));
        await Press(mode, "ArrowRight", shift: true);
        Assert.Equal("Three.", Text(cut, "record-mode-line"));
    }

    [Fact]
    public async Task Esc_leaves_and_gives_the_focus_back_to_the_record_mode_button()
    {
        var (_, cut, mode) = await OpenRecordModeAsync();

        await Press(mode, "Escape");

        Assert.Empty(cut.FindAll("[data-testid=record-mode]"));
        Assert.NotNull(cut.Find("[data-testid=record-mode-open]"));
        // bUnit renders no element reference ids, so the button's reference is read from the panel; the browser test
        // (RecordModeBrowserTests) checks the real focus.
        var button = (ElementReference)typeof(NarrationPanel).GetField("recordModeButton", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .GetValue(cut.FindComponent<NarrationPanel>().Instance)!;
        var focused = (ElementReference)JSInterop.Invocations.Last(i => i.Identifier == "Blazor._internal.domWrapper.focus").Arguments[0]!;
        Assert.Equal(button.Id, focused.Id);
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "close");
    }

    [Fact]
    public async Task Esc_while_a_line_records_stops_it_and_the_clip_is_still_stored_on_that_line()
    {
        var (id, cut, mode) = await OpenRecordModeAsync();
        await Press(mode, "r");

        await Press(mode, "Escape");

        Assert.Empty(cut.FindAll("[data-testid=record-mode]"));
        Assert.Equal(1, Calls("stop"));
        var panel = cut.FindComponent<NarrationPanel>();
        await cut.InvokeAsync(() => panel.Instance.Recorded(new RecordedClip(TestAudio.Wav(600, 302)), 600));
        cut.WaitForAssertion(() => Assert.Equal("1 of 3 lines recorded · 0.6 s spoken", Text(cut, "narration-summary")), TimeSpan.FromSeconds(10));
        Assert.NotNull((await Store.DraftLinesAsync(id))[0].ClipHash);
    }

    [Fact]
    public async Task A_circuit_whose_user_is_no_longer_an_instructor_records_nothing_in_record_mode()
    {
        var (id, cut, mode) = await OpenRecordModeAsync();
        Auth.SetRoles();

        await Press(mode, "r");

        cut.WaitForAssertion(() => Assert.Equal("Only instructors may record narration.", Text(cut, "record-mode-message")));
        Assert.Equal(0, Calls("start"));
        Assert.Equal("Record", cut.Find(".record-mode__record").TextContent.Trim());
        Assert.All(await Store.DraftLinesAsync(id), l => Assert.Null(l.ClipHash));

        await Press(mode, "Escape");
        cut.Find("[data-testid=record-mode-open]").Click();
        Assert.Empty(cut.FindAll("[data-testid=record-mode]"));
        Assert.Equal("Only instructors may record narration.", Text(cut, "narration-message"));
    }

    [Fact]
    public async Task In_spanish_the_view_its_keys_and_its_status_speak_spanish()
    {
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new("es");
        var id = await Studio.CreateChapterAsync(CourseId, "Modo " + Guid.NewGuid().ToString("N")[..8], "es", Author, "Uno. <break time=\"1s\"/>\nDos.\n");
        var cut = Render<ChapterEditor>(p => p.Add(c => c.ChapterId, id));
        cut.WaitForElement(".editor[data-ready='true']", TimeSpan.FromSeconds(10));
        cut.FindAll("button.view-toggle").Single(b => b.TextContent == "Diapositivas").Click();
        cut.WaitForElement("[data-testid=record-mode-open]", TimeSpan.FromSeconds(10)).Click();
        var mode = cut.FindComponent<RecordMode>();

        await Press(mode, "ArrowRight");

        Assert.Equal("Modo grabación", cut.Find("#record-mode-title").TextContent);
        Assert.Contains("Línea 2 de 2", Text(cut, "record-mode-where"));
        Assert.Contains("Intro", cut.Find(".record-mode__keys").TextContent);
        Assert.Contains("Sin pausa después", Text(cut, "record-mode-state"));
        Assert.StartsWith("Línea 2 de 2", Text(cut, "record-mode-status"));
    }

    /// <summary>What the browser hands over when a recording stops.</summary>
    private sealed class RecordedClip(byte[] bytes) : IJSStreamReference
    {
        public long Length => bytes.Length;

        public ValueTask<Stream> OpenReadStreamAsync(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) =>
            bytes.Length > maxAllowedSize ? throw new ArgumentOutOfRangeException(nameof(maxAllowedSize)) : ValueTask.FromResult<Stream>(new MemoryStream(bytes));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
