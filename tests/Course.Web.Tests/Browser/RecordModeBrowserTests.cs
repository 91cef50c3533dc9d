using System.Text.RegularExpressions;
using Course.Web.Chapters;
using Course.Web.Data;
using Course.Web.Seed;
using Course.Web.Tests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Course.Web.Tests.Browser;

/// <summary>
/// Record mode in real Chromium with the fake microphone of <see cref="RecorderBrowserTests"/> (an app of its own):
/// an instructor opens it and records the seeded chapter's first two spoken lines with the keyboard only — R, R,
/// →, Enter, Enter — axe finds nothing serious in the view, "next line after Stop" is remembered, and Esc gives
/// the focus back to the Record mode button. Screenshots go to COURSE_SCREENSHOTS when it is set.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public partial class RecordModeBrowserTests(ToneMicrophone mic)
    : IClassFixture<ToneMicrophone>, IAsyncLifetime
{

    [GeneratedRegex(@"^Line 1 of \d+ recorded, \d+(\.\d+)? s\.$")]
    private static partial Regex FirstRecorded();

    [GeneratedRegex(@"^Line 2 of \d+ recorded, \d+(\.\d+)? s\.$")]
    private static partial Regex SecondRecorded();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => mic.CloseContextsAsync();

    [Fact]
    public async Task An_instructor_records_two_lines_in_record_mode_with_the_keyboard_only()
    {
        var chapterId = await mic.SeedChapterIdAsync();
        var page = await mic.InstructorPageAsync("recorder");
        await page.GotoAsync($"/studio/chapters/{chapterId}");
        await Assertions.Expect(page.Locator(".editor[data-ready='true']")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Slides", Exact = true }).ClickAsync();
        var open = page.GetByRole(AriaRole.Button, new() { Name = "Record mode", Exact = true });
        await open.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var mode = page.GetByRole(AriaRole.Dialog, new() { Name = "Record mode" });
        await Assertions.Expect(mode).ToBeVisibleAsync();
        var record = mode.Locator(".record-mode__record");
        await Assertions.Expect(record).ToBeFocusedAsync();
        var status = mode.GetByTestId("record-mode-status");
        await Assertions.Expect(mode.GetByTestId("record-mode-where")).ToContainTextAsync("Line 1 of");
        var first = await mode.GetByTestId("record-mode-line").TextContentAsync();
        await ShotAsync(page, "record-mode-1280");

        // R to record and to stop; the walk stays on the line (next line after Stop is off by default).
        await page.Keyboard.PressAsync("r");
        await Assertions.Expect(record).ToHaveTextAsync("Stop");
        await page.WaitForTimeoutAsync(1500);
        await page.Keyboard.PressAsync("r");
        await Assertions.Expect(status).ToHaveTextAsync(FirstRecorded(), new() { Timeout = 15_000 });
        await Assertions.Expect(mode.GetByTestId("record-mode-line")).ToHaveTextAsync(first!);
        await Assertions.Expect(mode.GetByTestId("record-mode-progress")).ToContainTextAsync("1 of");

        // → to the next line, then Enter on the focused Record button, twice.
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(mode.GetByTestId("record-mode-where")).ToContainTextAsync("Line 2 of");
        await Assertions.Expect(record).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(record).ToHaveTextAsync("Stop");
        await page.WaitForTimeoutAsync(1500);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(status).ToHaveTextAsync(SecondRecorded(), new() { Timeout = 15_000 });
        await Assertions.Expect(mode.GetByTestId("record-mode-message")).ToBeEmptyAsync();
        await Assertions.Expect(record).ToHaveTextAsync("Re-record");

        var result = await mode.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));

        // The clips are on the draft's first two spoken lines, and only there.
        IReadOnlyList<DraftLineClip> lines;
        using (var scope = mic.App.Services.CreateScope())
        {
            lines = await scope.ServiceProvider.GetRequiredService<ChapterStore>().DraftLinesAsync(chapterId);
        }

        var spoken = lines.Where(l => l.Text.Length > 0).ToList();
        Assert.Equal(2, spoken.Count(l => l.HasClip));
        Assert.True(spoken[0].HasClip && spoken[1].HasClip);
        Assert.All(spoken.Where(l => l.HasClip), l => Assert.Matches("^(webm|ogg)$", l.Extension));

        // N and B walk; nothing else on the page takes N as the player's narration switch (which it would remember).
        await page.Keyboard.PressAsync("n");
        await Assertions.Expect(mode.GetByTestId("record-mode-where")).ToContainTextAsync("Line 3 of");
        await page.Keyboard.PressAsync("b");
        await Assertions.Expect(mode.GetByTestId("record-mode-where")).ToContainTextAsync("Line 2 of");
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('course.player')"));

        // "Next line after Stop" with Space on its checkbox; remembered when Record mode opens again.
        var auto = mode.GetByTestId("record-mode-auto");
        await auto.FocusAsync();
        await page.Keyboard.PressAsync(" ");
        await Assertions.Expect(auto).ToBeCheckedAsync();
        await page.SetViewportSizeAsync(390, 844);
        await ShotAsync(page, "record-mode-390");
        await page.SetViewportSizeAsync(1280, 800);

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(mode).ToBeHiddenAsync();
        await Assertions.Expect(open).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(mode.GetByTestId("record-mode-auto")).ToBeCheckedAsync();
        await Assertions.Expect(mode.GetByTestId("record-mode-where")).ToContainTextAsync("Line 3 of");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await ShotAsync(page, "record-mode-1280-dark");
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("COURSE_SCREENSHOTS");
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png") });
        }
    }
}
