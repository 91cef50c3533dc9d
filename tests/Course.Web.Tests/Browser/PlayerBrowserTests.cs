using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Course.Web.Tests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Course.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public partial class PlayerBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    private const string Chapter = "/courses/ai-engineering/chapters/foundation-models";

    private static async Task<IPage> Live(IPage page)
    {
        await Assertions.Expect(page.Locator(".player[data-ready='true']")).ToBeVisibleAsync();
        return page;
    }

    private async Task<JsonElement> SlideFromApi(int number)
    {
        var chapter = await browser.App.CreateHttpClient().GetFromJsonAsync<JsonElement>("/api" + Chapter);
        return chapter.GetProperty("slides")[number - 1];
    }

    [Fact]
    public async Task A_deep_link_opens_that_slide_with_its_text_already_rendered()
    {
        var page = await browser.NewPageAsync();
        await page.RouteAsync("**/_framework/blazor.web.js", route => route.AbortAsync()); // no interactivity at all

        await page.GotoAsync(Chapter + "/slides/10");

        await Assertions.Expect(page.Locator(".player__counter")).ToHaveTextAsync("10 / 73");
        await Assertions.Expect(page.Locator(".segment").First)
            .ToHaveTextAsync("Y aquí viene algo importante: los tokens");
    }

    [Fact]
    public async Task Play_reveals_the_second_segment_after_the_first_ones_reading_time_and_pause()
    {
        var slide = await SlideFromApi(6);
        var first = slide.GetProperty("segments")[0];
        var expected = first.GetProperty("readingMilliseconds").GetInt32() + first.GetProperty("pauseMilliseconds").GetInt32();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(Chapter + "/slides/6");
        await Live(page);
        await Assertions.Expect(page.Locator(".segment")).ToHaveCountAsync(1);

        var clock = Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Button, new() { Name = "Play" }).ClickAsync();
        await Assertions.Expect(page.Locator(".segment")).ToHaveCountAsync(2, new() { Timeout = expected + 5000 });
        var elapsed = clock.ElapsedMilliseconds;

        // Never early; the upper bound only catches a player that is badly late (CI machines are busy).
        Assert.InRange(elapsed, expected, expected + 3000);
        await Assertions.Expect(page.Locator(".segment--current")).ToHaveTextAsync(
            slide.GetProperty("segments")[1].GetProperty("html").GetString()!);
    }

    [Fact]
    public async Task Keyboard_alone_steps_slides_and_opens_the_help()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(Chapter + "/slides/3");
        await Live(page);

        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(page.Locator(".segment")).ToHaveCountAsync(2);
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(page.Locator(".stage ul li")).ToHaveCountAsync(2);
        await page.Keyboard.PressAsync("PageDown");
        await Assertions.Expect(page.Locator(".player__counter")).ToHaveTextAsync("4 / 73");
        await page.Keyboard.PressAsync("PageUp");
        await Assertions.Expect(page.Locator(".player__counter")).ToHaveTextAsync("3 / 73");
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Pause" })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Play" })).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("?");
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        // Tab reaches the controls, and each has a name and a tooltip with its key.
        var next = page.GetByRole(AriaRole.Button, new() { Name = "Next slide" });
        await Assertions.Expect(next).ToHaveAttributeAsync("title", "Next slide (PageDown)");
        await next.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".player__counter")).ToHaveTextAsync("4 / 73");
    }

    [Fact]
    public async Task A_reload_resumes_at_the_same_slide_and_segment()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(Chapter + "/slides/4");
        await Live(page);

        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/slides/4\\?segment=2$"));
        await page.ReloadAsync();

        await Assertions.Expect(page.Locator(".player__counter")).ToHaveTextAsync("4 / 73");
        await Assertions.Expect(page.Locator(".segment")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task The_outline_offers_to_continue_where_this_browser_left_off()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(Chapter + "/slides/12");
        await Live(page);
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("segment=2$"));

        await page.GotoAsync(Chapter);
        var resume = page.GetByRole(AriaRole.Link, new() { Name = "Continue at slide 12" });
        await Assertions.Expect(resume).ToBeVisibleAsync();
        // Continuing is the main choice now; starting over is still there, second.
        await Assertions.Expect(resume).ToHaveClassAsync(new Regex("button--primary"));
        await Assertions.Expect(page.Locator(".outline-actions .button--primary")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Start from the beginning" })).ToHaveAttributeAsync("href", new Regex("/slides/1\\?play=1$"));

        // The catalogue's chapter card offers it too.
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator(".chapter-card").GetByRole(AriaRole.Link, new() { Name = "Continue at slide 12" }))
            .ToHaveAttributeAsync("href", new Regex("/slides/12\\?segment=2$"));
        await page.GotoAsync(Chapter);
        await resume.ClickAsync();

        await Assertions.Expect(page.Locator(".player__counter")).ToHaveTextAsync("12 / 73");
        await Assertions.Expect(page.Locator(".segment")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task Narration_speaks_each_segment_in_the_chapter_language_and_waits_for_the_voice()
    {
        var page = await browser.NewPageAsync();
        await page.AddInitScriptAsync(FakeSpeech(voiceLang: "es-ES", speakMilliseconds: 300));
        await page.GotoAsync(Chapter + "/slides/6");
        await Live(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Narration" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Play" }).ClickAsync();

        // The fake voice takes 300 ms: far less than the 2 s reading time, so the segment comes early.
        await Assertions.Expect(page.Locator(".segment")).ToHaveCountAsync(2, new() { Timeout = 1800 });
        var spoken = await page.EvaluateAsync<string[]>("() => window.__spoken.map(u => u.lang + ':' + u.text)");
        Assert.Equal("es-ES:Por un lado, es genial:", spoken[0]);

        await page.ReloadAsync();
        await Live(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Narration" })).ToHaveAttributeAsync("aria-pressed", "true");
    }

    [Fact]
    public async Task Without_a_voice_for_the_language_narration_says_so_and_the_player_goes_on()
    {
        var page = await browser.NewPageAsync();
        await page.AddInitScriptAsync(FakeSpeech(voiceLang: "en-US", speakMilliseconds: 300));
        await page.GotoAsync(Chapter + "/slides/6");
        await Live(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Narration" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Play" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("This browser has no Español voice");
        await Assertions.Expect(page.Locator(".segment")).ToHaveCountAsync(2, new() { Timeout = 6000 });
    }

    [Fact]
    public async Task The_last_slide_ends_the_chapter()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(Chapter + "/slides/73");
        await Live(page);

        await page.Keyboard.PressAsync("a");
        await page.Keyboard.PressAsync("ArrowRight");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "End of the chapter" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Back to the outline" })).ToHaveAttributeAsync("href", Chapter);
    }

    [Fact]
    public async Task The_outline_play_button_starts_the_chapter_playing()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(Chapter);

        await page.GetByRole(AriaRole.Link, new() { Name = "Play the chapter" }).ClickAsync();

        await Assertions.Expect(page.Locator(".player[data-playing='true']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".player__counter")).ToHaveTextAsync("1 / 73");
    }

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task Axe_finds_no_serious_or_critical_violation_in_the_player(int width, int height)
    {
        var page = await browser.NewPageAsync(width, height);
        await page.GotoAsync(Chapter + "/slides/3");
        await Live(page);
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("?");

        var result = await page.RunAxe();

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));
    }

    /// <summary>A stand-in speech engine: one voice, utterances that "end" after a fixed time, and a log.</summary>
    private static string FakeSpeech(string voiceLang, int speakMilliseconds) => $$"""
        (() => {
          window.__spoken = [];
          const voice = { lang: '{{voiceLang}}', name: 'Test voice', localService: true, default: true, voiceURI: 'test' };
          let current = null;
          const engine = {
            speaking: false, pending: false, paused: false,
            getVoices: () => [voice],
            addEventListener: () => {}, removeEventListener: () => {},
            speak(u) {
              window.__spoken.push({ text: u.text, lang: u.lang, rate: u.rate });
              engine.speaking = true;
              current = setTimeout(() => { engine.speaking = false; u.onend && u.onend({}); }, {{speakMilliseconds}});
            },
            cancel() { clearTimeout(current); engine.speaking = false; },
            pause() {}, resume() {},
          };
          Object.defineProperty(window, 'speechSynthesis', { value: engine, configurable: true });
          window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ''; this.rate = 1; };
        })();
        """;
}
