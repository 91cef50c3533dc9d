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
    : IClassFixture<TrimSilenceBrowserTests.QuietMicrophone>
{
    private const string Password = "a-good-password";
    private const int SlideNumber = 3;
    private const int ToneMilliseconds = 1000;

    [Fact]
    public async Task A_recording_with_silence_at_its_ends_is_trimmed_to_its_sound_as_a_new_clip_on_the_same_line()
    {
        var chapterId = await ChapterIdAsync();
        var page = await InstructorPageAsync();
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

    private async Task<int> ChapterIdAsync()
    {
        await using var db = await mic.App.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        return await db.Chapters.Where(c => c.Slug == CourseSeeder.ChapterSlug).Select(c => c.Id).SingleAsync();
    }

    private async Task<IPage> InstructorPageAsync()
    {
        var email = $"trim-{Guid.NewGuid():N}@example.com";
        await SignedInClient.CreateUserAsync(mic.App, email, Password, instructor: true);
        var context = await mic.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = mic.App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "en-US",
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Your account" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Chromium whose fake microphone plays silence, a tone and silence (48 kHz mono 16-bit), and an app of its own.</summary>
    public sealed class QuietMicrophone : IAsyncLifetime
    {
        private readonly string wav = Path.Combine(Directory.CreateTempSubdirectory("course-trim-").FullName, "silence-tone-silence.wav");
        private IPlaywright? playwright;

        public CourseAppFactory App { get; private set; } = null!;

        public IBrowser Browser { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await File.WriteAllBytesAsync(wav, TestAudio.SilenceToneSilence(1000, ToneMilliseconds, 8000, sampleRate: 48_000));
            App = new CourseAppFactory();
            playwright = await Playwright.CreateAsync();
            var executable = new[] { Environment.GetEnvironmentVariable("COURSE_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
                .FirstOrDefault(path => !string.IsNullOrEmpty(path) && File.Exists(path));
            Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args =
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", "--use-file-for-fake-audio-capture=" + wav,
                ],
            });
        }

        public async Task DisposeAsync()
        {
            if (Browser is not null)
            {
                await Browser.DisposeAsync();
            }

            playwright?.Dispose();
            App?.Dispose();
            Directory.Delete(Path.GetDirectoryName(wav)!, recursive: true);
        }
    }
}
