using Course.Web.Chapters;
using Course.Web.Data;
using Course.Web.Seed;
using Course.Web.Tests.Infrastructure;
using Course.Web.Tests.Narration;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Course.Web.Tests.Browser;

/// <summary>
/// Trimming silence in real Chromium with a fake microphone that plays 1 s of silence, 1 s of a 440 Hz tone and
/// 8 s of silence (from the start of the file each time the microphone opens; the long tail keeps a slow stop from
/// reaching the file's next loop): an instructor records about 3 s
/// (WebM/Ogg, which only the browser can decode) and trims it; the stored clip is a new WAV clip on the same line,
/// shorter by about the silence. Then "Trim silence after each recording", remembered across a reload, trims the
/// next recording by itself. Durations are compared with bounds, never timed.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class TrimSilenceBrowserTests(TrimSilenceBrowserTests.QuietMicrophone mic, Xunit.Abstractions.ITestOutputHelper output)
    : IClassFixture<TrimSilenceBrowserTests.QuietMicrophone>, IAsyncLifetime
{
    private const int SlideNumber = 3;
    private const int ToneMilliseconds = 1000;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => mic.CloseContextsAsync();

    [Fact]
    public async Task A_recording_with_silence_at_its_ends_is_trimmed_to_its_sound_as_a_new_clip_on_the_same_line()
    {
        var chapterId = await mic.SeedChapterIdAsync();
        var page = await mic.InstructorPageAsync("trim");
        await page.GotoAsync($"/studio/chapters/{chapterId}");
        await Assertions.Expect(page.Locator(".editor[data-ready='true']")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Slides", Exact = true }).ClickAsync();
        var panel = page.GetByTestId("narration-panel");
        var status = panel.GetByTestId("narration-status");

        await RecordAsync(page, line: 1);
        await Assertions.Expect(status).ToHaveTextAsync($"Recording saved for line 1 of slide {SlideNumber}.");
        var recorded = await ClipAsync(chapterId, line: 0);
        Assert.Matches("^(webm|ogg)$", recorded.Extension);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Trim silence from line 1 of slide {SlideNumber}", Exact = true }).ClickAsync();
        await Assertions.Expect(status).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($@"^Trimmed [\d.]+ s from line 1 of slide {SlideNumber}: "), new() { Timeout = 15_000 });
        var trimmed = await ClipAsync(chapterId, line: 0);
        output.WriteLine($"recorded {recorded.Milliseconds} ms ({recorded.Extension}), trimmed {trimmed.Milliseconds} ms; status: {await status.TextContentAsync()}");

        Assert.NotEqual(recorded.Hash, trimmed.Hash);
        Assert.Equal("wav", trimmed.Extension);
        Assert.InRange(recorded.Milliseconds, 2500, 10_000);
        Assert.InRange(trimmed.Milliseconds, ToneMilliseconds, ToneMilliseconds + 700); // the tone and the margins, not the silence
        Assert.True(recorded.Milliseconds - trimmed.Milliseconds >= 1000, "less than the silence was trimmed");
        await using (var db = await mic.App.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync())
        {
            Assert.True(await db.NarrationClips.AnyAsync(c => c.Hash == recorded.Hash), "the original recording is no longer stored");
        }

        var axe = await panel.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));

        // The option, remembered in this browser, trims the next recording without a press.
        await panel.GetByLabel("Trim silence after each recording").CheckAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".editor[data-ready='true']")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Slides", Exact = true }).ClickAsync();
        await Assertions.Expect(panel.GetByLabel("Trim silence after each recording")).ToBeCheckedAsync();
        await RecordAsync(page, line: 2);
        await Assertions.Expect(status).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($@"^Trimmed [\d.]+ s from line 2 of slide {SlideNumber}: "), new() { Timeout = 15_000 });
        var second = await ClipAsync(chapterId, line: 1);
        Assert.Equal("wav", second.Extension);
        Assert.InRange(second.Milliseconds, ToneMilliseconds, ToneMilliseconds + 700);
    }

    /// <summary>Record, about 3 s of the fake microphone (1 s silence, 1 s tone, then silence until Stop), Stop.</summary>
    private static async Task RecordAsync(IPage page, int line)
    {
        var name = $"line {line} of slide {SlideNumber}";
        await page.GetByRole(AriaRole.Button, new() { Name = "Record " + name, Exact = true }).ClickAsync();
        var stop = page.GetByRole(AriaRole.Button, new() { Name = "Stop recording " + name, Exact = true });
        await Assertions.Expect(stop).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(3000);
        await stop.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Re-record " + name, Exact = true })).ToBeVisibleAsync();
    }

    private async Task<(string Hash, string Extension, int Milliseconds)> ClipAsync(int chapterId, int line)
    {
        using var scope = mic.App.Services.CreateScope();
        var lines = await scope.ServiceProvider.GetRequiredService<ChapterStore>().DraftLinesAsync(chapterId);
        var key = lines.Select(l => l.SlideKey).Distinct().ElementAt(SlideNumber - 1);
        var placed = lines.Single(l => l.SlideKey == key && l.Line == line);
        Assert.NotNull(placed.ClipHash);
        return (placed.ClipHash!, placed.Extension!, placed.DurationMilliseconds);
    }



    /// <summary>A fake microphone playing 1 s of silence, a 1 s tone and 8 s of silence.</summary>
    public sealed class QuietMicrophone : MicrophoneBrowser
    {
        protected override byte[] Sound() => TestAudio.SilenceToneSilence(1000, ToneMilliseconds, 8000, sampleRate: 48_000);
    }
}
