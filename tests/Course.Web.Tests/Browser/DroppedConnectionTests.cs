using System.Text.RegularExpressions;
using Course.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Course.Web.Tests.Browser.DroppedConnection;

namespace Course.Web.Tests.Browser;

/// <summary>
/// A learner's connection cut mid-slide and mid-quiz (the browser offline, its live connection gone) and back
/// within the server's retention: a clear notice while offline, then the same slide, segment and answers on the
/// same circuit, and nothing recorded twice. The restarted server and the expired circuit are in
/// <see cref="DroppedServerTests"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class DroppedConnectionTests(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    [Theory]
    [InlineData(1280, 800, "en-US", "The connection was lost. Reconnecting… your place is kept.")]
    [InlineData(390, 844, "es-ES", "Se perdió la conexión. Reconectando… tu posición se conserva.")]
    public async Task Offline_mid_slide_shows_a_notice_and_back_online_the_player_goes_on_from_the_same_segment(int width, int height, string locale, string notice)
    {
        var page = await browser.NewPageAsync(width, height, locale);
        var sockets = await RouteCircuitsAsync(page.Context);
        var email = await RegisterAsync(page);
        await page.GotoAsync(Chapter + "/slides/4");
        await LiveAsync(page, ".player");
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/slides/4\\?segment=2$"));

        await CutAsync(page.Context, sockets);

        var modal = page.Locator("#components-reconnect-modal");
        await Assertions.Expect(modal).ToBeVisibleAsync();
        await Assertions.Expect(modal.GetByRole(AriaRole.Alert)).ToContainTextAsync(notice);
        var box = await modal.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= width, $"The notice ({box.X}–{box.X + box.Width}) does not fit a {width}-pixel screen.");

        await page.Context.SetOfflineAsync(false);
        await Assertions.Expect(modal).ToBeHiddenAsync(new() { Timeout = 60_000 });

        await Assertions.Expect(page.Locator(".player__counter")).ToHaveTextAsync("4 / 73");
        await Assertions.Expect(page.Locator(".segment")).ToHaveCountAsync(2);
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/slides/4\\?segment=3$"));
        await Assertions.Expect(page.Locator(".segment")).ToHaveCountAsync(3);

        var rows = await RowsAsync(browser.App.Services, email);
        Assert.Equal(rows.SlideFourKey, rows.ResumeSlideKey);
        Assert.Equal(3, rows.ResumeSegment);
        Assert.Equal(3, rows.SlideFourMaxRevealed);
        Assert.Equal(rows.DistinctSlideRows, rows.SlideRows);
    }

    [Fact]
    public async Task Offline_mid_quiz_keeps_the_answers_given_and_the_attempt_is_stored_once()
    {
        var page = await browser.NewPageAsync();
        var sockets = await RouteCircuitsAsync(page.Context);
        var email = await RegisterAsync(page);
        await page.GotoAsync(Chapter + "/quizzes/final");
        await LiveAsync(page, ".quiz");
        await AnswerTwoFinalQuestionsAsync(page);
        await WaitForKeptAnswersAsync(browser.App.Services, email, "117");

        await CutAsync(page.Context, sockets);
        var modal = page.Locator("#components-reconnect-modal");
        await Assertions.Expect(modal.GetByRole(AriaRole.Alert)).ToContainTextAsync("The connection was lost.");
        await page.Context.SetOfflineAsync(false);
        await Assertions.Expect(modal).ToBeHiddenAsync(new() { Timeout = 60_000 });

        // The same circuit: the page still on question 3, with both answers.
        await Assertions.Expect(page.Locator(".question--current").GetByRole(AriaRole.Textbox)).ToHaveValueAsync("117");
        await page.GetByRole(AriaRole.Button, new() { Name = "← Previous" }).ClickAsync();
        await Assertions.Expect(page.Locator(".question--current").GetByLabel(SecondAnswer)).ToBeCheckedAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit answers" }).ClickAsync();
        await Assertions.Expect(page.Locator(".result h2")).ToContainTextAsync("Not passed yet");
        var rows = await RowsAsync(browser.App.Services, email);
        Assert.Equal(1, rows.FinalAttempts);
        Assert.Equal("117", rows.ThirdAnswer);
        Assert.Equal(0, rows.KeptDrafts);
    }

    [Fact]
    public async Task Going_offline_says_so_at_once_even_while_the_connection_seems_open_and_online_again_the_quiz_goes_on()
    {
        // Chromium keeps the WebSocket through its offline emulation, as a phone's dead connection looks open
        // until the framework's 30 s timeout: the notice must come from the browser's own "offline" signal.
        var page = await browser.NewPageAsync();
        var email = await RegisterAsync(page);
        await page.GotoAsync(Chapter + "/quizzes/final");
        await LiveAsync(page, ".quiz");
        await AnswerTwoFinalQuestionsAsync(page);

        await page.Context.SetOfflineAsync(true);
        var modal = page.Locator("#components-reconnect-modal");
        await Assertions.Expect(modal.GetByRole(AriaRole.Alert)).ToContainTextAsync("The connection was lost.", new() { Timeout = 10_000 });
        await page.Context.SetOfflineAsync(false);
        await Assertions.Expect(modal).ToBeHiddenAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit answers" }).ClickAsync();
        await Assertions.Expect(page.Locator(".result h2")).ToContainTextAsync("Not passed yet");
        var rows = await RowsAsync(browser.App.Services, email);
        Assert.Equal(1, rows.FinalAttempts);
        Assert.Equal("117", rows.ThirdAnswer);
    }
}
