using System.Net.Http.Json;
using System.Text.Json;
using Course.Web.Data;
using Course.Web.Narration;
using Course.Web.Progress;
using Course.Web.Tests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Playwright;

namespace Course.Web.Tests.Browser;

/// <summary>
/// A chapter with recorded narration in real Chromium: slide 6's first two lines have clips (WAV files of known
/// length, generated here and served by the test host behind a fake <see cref="IPublishedClips"/>). Play is a
/// real click, which is the gesture Chromium wants before it plays sound.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class RecordedNarrationBrowserTests(BrowserFixture browser, RecordedNarrationBrowserTests.RecordedApp recorded, Xunit.Abstractions.ITestOutputHelper output)
    : IClassFixture<RecordedNarrationBrowserTests.RecordedApp>, IAsyncLifetime
{
    private const string Chapter = "/courses/ai-engineering/chapters/foundation-models";
    private const int FirstClipMilliseconds = 1200;
    private const int SecondClipMilliseconds = 900;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    [Fact]
    public async Task The_second_line_appears_after_the_first_clip_and_its_pause_and_progress_is_recorded()
    {
        var slide = await recorded.SlideAsync(6);
        var pause = slide.GetProperty("segments")[0].GetProperty("pauseMilliseconds").GetInt32();
        var userId = "";
        await ClipTimingWatch.AssertAsync(
            async () =>
            {
                var email = $"listener-{Guid.NewGuid():N}@example.com";
                userId = await SignedInClient.CreateUserAsync(recorded.App, email);
                var page = await browser.SignedInPageAsync(email, recorded.App);
                await page.AddInitScriptAsync(ClipTimingWatch.Script);
                await page.GotoAsync(Chapter + "/slides/6");
                await Assertions.Expect(page.Locator(".player[data-ready='true']")).ToBeVisibleAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Narration" })).ToHaveAttributeAsync("aria-pressed", "true");
                return page;
            },
            "/line-0.wav",
            timing =>
            {
                // The clip really played its length, and the second line came its pause after the clip's end.
                Assert.InRange(timing.Played, FirstClipMilliseconds - 100, FirstClipMilliseconds + 250);
                Assert.InRange(timing.NextAfterClipStart, FirstClipMilliseconds + pause - 250, FirstClipMilliseconds + pause + 250);
                Assert.InRange(timing.NextAfterClipEnd, pause - 50, pause + 250);
            },
            output);

        // Progress is recorded as it is for any learner: the slide's key, two segments revealed.
        await recorded.App.Services.GetRequiredService<ProgressRecorder>().FlushAsync();
        await using var db = await recorded.App.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        var key = slide.GetProperty("key").GetString();
        var stored = await db.SlideProgress.SingleAsync(p => p.UserId == userId && p.SlideKey == key);
        Assert.True(stored.MaxRevealed >= 2, $"revealed {stored.MaxRevealed}");
    }

    [Fact]
    public async Task Captions_are_a_remembered_setting_and_axe_finds_nothing_serious_with_them_on()
    {
        var page = await browser.NewPageAsync(app: recorded.App);
        await page.GotoAsync(Chapter + "/slides/6");
        await Assertions.Expect(page.Locator(".player[data-ready='true']")).ToBeVisibleAsync();
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Captions" });
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");

        await page.Keyboard.PressAsync("c");

        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        var first = (await recorded.SlideAsync(6)).GetProperty("segments")[0].GetProperty("text").GetString()!;
        await Assertions.Expect(page.Locator(".player__captions[aria-live='polite']")).ToHaveTextAsync(first.Trim());
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".player[data-ready='true']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".player__captions")).ToBeVisibleAsync();

        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));
    }

    /// <summary>An app whose published clips are two WAV files this fixture writes, for slide 6's first two lines.</summary>
    public sealed class RecordedApp : IAsyncLifetime
    {
        private readonly string folder = Directory.CreateTempSubdirectory("course-clips-").FullName;
        private readonly FakeClips clips = new();

        public CourseAppFactory App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, "line-0.wav"), Wav.Tone(FirstClipMilliseconds));
            await File.WriteAllBytesAsync(Path.Combine(folder, "line-1.wav"), Wav.Tone(SecondClipMilliseconds));
            App = CourseAppFactory.WithServices(services =>
            {
                services.RemoveAll<IPublishedClips>();
                services.AddSingleton<IPublishedClips>(clips);
                services.AddSingleton<IStartupFilter>(new ClipFiles(folder));
            });
            var key = (await SlideAsync(6)).GetProperty("key").GetString()!;
            clips.Clips =
            [
                new PublishedClip(key, 0, "/test-clips/line-0.wav", FirstClipMilliseconds, false),
                new PublishedClip(key, 1, "/test-clips/line-1.wav", SecondClipMilliseconds, false),
            ];
        }

        public async Task<JsonElement> SlideAsync(int number)
        {
            var chapter = await App.CreateHttpClient().GetFromJsonAsync<JsonElement>("/api" + Chapter);
            return chapter.GetProperty("slides")[number - 1];
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            Directory.Delete(folder, recursive: true);
            return Task.CompletedTask;
        }
    }

    private sealed class FakeClips : IPublishedClips
    {
        public IReadOnlyList<PublishedClip> Clips { get; set; } = [];

        public Task<IReadOnlyList<PublishedClip>> ForChapterAsync(int chapterId, CancellationToken cancellationToken = default) =>
            Task.FromResult(Clips);
    }

    /// <summary>Serves the folder's WAV files at /test-clips (range requests and ETags, as the real clip endpoint).</summary>
    private sealed class ClipFiles(string folder) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(folder), RequestPath = "/test-clips" });
            next(app);
        };
    }
}

/// <summary>A mono 16-bit PCM WAV of a 440 Hz tone, of an exact length.</summary>
internal static class Wav
{
    public static byte[] Tone(int milliseconds, int rate = 16_000)
    {
        var samples = rate * milliseconds / 1000;
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(36 + samples * 2);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1); // PCM
        writer.Write((short)1); // mono
        writer.Write(rate);
        writer.Write(rate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(samples * 2);
        for (var i = 0; i < samples; i++)
        {
            writer.Write((short)(Math.Sin(2 * Math.PI * 440 * i / rate) * 8000));
        }

        writer.Flush();
        return stream.ToArray();
    }
}
