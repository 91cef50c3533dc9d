using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Course.Web.Data;
using Course.Web.Narration;
using Course.Web.Progress;
using Course.Web.Seed;
using Course.Web.Tests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Course.Web.Tests.Browser;

/// <summary>
/// The recorder end to end in real Chromium with a fake microphone (a 440 Hz tone this class writes as a WAV,
/// which Chromium's fake capture device loops): an instructor records every line of a slide of the seeded chapter
/// with the keyboard only and publishes; a learner plays the slide through the real <see cref="IPublishedClips"/>.
/// The seed's first two slides have one line each, so the slide recorded is slide 3, the first with several lines.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public partial class RecorderBrowserTests(ToneMicrophone mic, Xunit.Abstractions.ITestOutputHelper output)
    : IClassFixture<ToneMicrophone>, IAsyncLifetime
{
    private const string Chapter = "/courses/ai-engineering/chapters/" + CourseSeeder.ChapterSlug;
    private const int SlideNumber = 3;

    [GeneratedRegex(@"Version \d+ published\.")]
    private static partial Regex Published();

    [GeneratedRegex(@"^Record line \d+ of slide 3$")]
    private static partial Regex SlideRecordButtons();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => mic.CloseContextsAsync();

    [Fact]
    public async Task An_instructor_records_a_whole_slide_with_the_keyboard_and_publishes_and_a_learner_hears_it_with_the_script_pauses()
    {
        var chapterId = await mic.SeedChapterIdAsync();
        var instructor = await mic.InstructorPageAsync("voice");
        await instructor.GotoAsync($"/studio/chapters/{chapterId}");
        await Assertions.Expect(instructor.Locator(".editor[data-ready='true']")).ToBeVisibleAsync();
        await instructor.GetByRole(AriaRole.Button, new() { Name = "Slides", Exact = true }).ClickAsync();
        var panel = instructor.GetByTestId("narration-panel");
        await Assertions.Expect(panel).ToBeVisibleAsync();

        // The whole slide, every line the panel lists for it, with the keyboard only.
        var lineCount = await panel.GetByRole(AriaRole.Button, new() { NameRegex = SlideRecordButtons() }).CountAsync();
        Assert.True(lineCount >= 2, $"slide {SlideNumber} lists {lineCount} lines");
        for (var line = 1; line <= lineCount; line++)
        {
            await RecordWithKeyboardAsync(instructor, line);
        }

        await Assertions.Expect(panel.GetByTestId("narration-message")).ToBeEmptyAsync();

        // In both colour schemes: the panel's tags and summaries must read in dark mode too.
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await instructor.EmulateMediaAsync(new() { ColorScheme = scheme });
            var result = await panel.RunAxe();
            var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            Assert.True(serious.Count == 0, scheme + ": " + string.Join("\n", serious.Select(v =>
                $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(5).Select(n => string.Join(" ", n.Target)))}")));
        }

        await instructor.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(instructor.GetByText(Published())).ToBeVisibleAsync();

        // The published clips, as the player gets them: every line of the slide, WebM or Ogg, timed.
        var slide = await SlideAsync(SlideNumber);
        var key = slide.GetProperty("key").GetString()!;
        var pause = slide.GetProperty("segments")[0].GetProperty("pauseMilliseconds").GetInt32();
        IReadOnlyList<PublishedClip> clips;
        using (var scope = mic.App.Services.CreateScope())
        {
            clips = await scope.ServiceProvider.GetRequiredService<IPublishedClips>().ForChapterAsync(chapterId);
        }

        Assert.Equal(Enumerable.Range(0, lineCount), clips.Where(c => c.SlideKey == key).Select(c => c.Line).Order());
        var first = clips.Single(c => c.SlideKey == key && c.Line == 0);
        Assert.Matches(@"^/api/narration/clips/[0-9a-f]{64}\.(webm|ogg)$", first.Url);
        Assert.InRange(first.DurationMilliseconds, 1000, 5000);

        // A learner plays the slide: the first clip plays, the second line comes the clip's length plus its pause later.
        output.WriteLine($"clip stored {first.DurationMilliseconds} ms; the next line is due {first.DurationMilliseconds + pause} ms after it starts");
        var userId = "";
        await ClipTimingWatch.AssertAsync(
            async () =>
            {
                var email = $"listener-{Guid.NewGuid():N}@example.com";
                userId = await SignedInClient.CreateUserAsync(mic.App, email);
                var learner = await mic.SignedInPageAsync(email);
                await learner.AddInitScriptAsync(ClipTimingWatch.Script);
                await learner.GotoAsync($"{Chapter}/slides/{SlideNumber}");
                await Assertions.Expect(learner.Locator(".player[data-ready='true']")).ToBeVisibleAsync();
                await Assertions.Expect(learner.GetByRole(AriaRole.Button, new() { Name = "Narration" })).ToHaveAttributeAsync("aria-pressed", "true");
                return learner;
            },
            first.Url,
            timing =>
            {
                Assert.InRange(timing.Played, first.DurationMilliseconds - 250, first.DurationMilliseconds + 250);
                Assert.InRange(timing.NextAfterClipStart, first.DurationMilliseconds + pause - 250, first.DurationMilliseconds + pause + 250);
            },
            output);

        // Progress is recorded as for any learner: the slide's key, two lines revealed.
        await mic.App.Services.GetRequiredService<ProgressRecorder>().FlushAsync();
        await using var db = await mic.App.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        var stored = await db.SlideProgress.SingleAsync(p => p.UserId == userId && p.SlideKey == key);
        Assert.True(stored.MaxRevealed >= 2, $"revealed {stored.MaxRevealed}");
    }

    /// <summary>Enter on the line's Record button, about 1.5 s of the fake microphone, Enter on Stop (where focus stays).</summary>
    private static async Task RecordWithKeyboardAsync(IPage page, int line)
    {
        var name = $"line {line} of slide {SlideNumber}";
        var record = page.GetByRole(AriaRole.Button, new() { Name = "Record " + name, Exact = true });
        await Assertions.Expect(record).ToBeEnabledAsync();
        await record.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var stop = page.GetByRole(AriaRole.Button, new() { Name = "Stop recording " + name, Exact = true });
        await Assertions.Expect(stop).ToBeFocusedAsync();
        await page.WaitForTimeoutAsync(1500);
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Re-record " + name, Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("narration-panel").GetByRole(AriaRole.Status)).ToHaveTextAsync($"Recording saved for {name}.");
    }

    private async Task<JsonElement> SlideAsync(int number)
    {
        var chapter = await mic.App.CreateHttpClient().GetFromJsonAsync<JsonElement>("/api" + Chapter);
        return chapter.GetProperty("slides")[number - 1];
    }
}
