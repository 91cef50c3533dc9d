using System.Text.RegularExpressions;
using Course.Web.Progress;
using Course.Web.Tests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Course.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class AccountBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    private const string Chapter = "/courses/ai-engineering/chapters/foundation-models";

    [Fact]
    public async Task Register_play_three_slides_come_back_another_day_and_continue_where_you_stopped()
    {
        var email = $"ana-{Guid.NewGuid():N}@example.com";
        var first = await browser.NewPageAsync();
        await first.GotoAsync("/account/register");
        await first.GetByLabel("E-mail").FillAsync(email);
        await first.GetByLabel("Password", new() { Exact = true }).FillAsync("una-clave-larga");
        await first.GetByLabel("Repeat the password").FillAsync("una-clave-larga");
        await first.GetByRole(AriaRole.Button, new() { Name = "Create an account" }).ClickAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.Heading, new() { Name = "My learning", Level = 1 })).ToBeVisibleAsync();

        await first.GotoAsync(Chapter + "/slides/1");
        await Assertions.Expect(first.Locator(".player[data-ready='true']")).ToBeVisibleAsync();
        await first.Keyboard.PressAsync("PageDown");
        await first.Keyboard.PressAsync("PageDown");
        await first.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(first).ToHaveURLAsync(new Regex("/slides/3\\?segment=2$"));
        await browser.App.Services.GetRequiredService<ProgressRecorder>().FlushAsync();
        await first.Context.CloseAsync();

        var second = await browser.NewPageAsync(); // a fresh browser context: no cookies, no local storage
        await second.GotoAsync("/account/login?returnUrl=" + Uri.EscapeDataString(Chapter));
        await second.GetByLabel("E-mail").FillAsync(email);
        await second.GetByLabel("Password").FillAsync("una-clave-larga");
        await second.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(second).ToHaveURLAsync(new Regex(Regex.Escape(Chapter) + "$"));

        var resume = second.GetByRole(AriaRole.Link, new() { Name = "Continue at slide 3" });
        await Assertions.Expect(resume).ToHaveClassAsync(new Regex("button--primary"));
        await Assertions.Expect(second.Locator(".outline-actions .button--primary")).ToHaveCountAsync(1);
        await resume.ClickAsync();

        await Assertions.Expect(second.Locator(".player__counter")).ToHaveTextAsync("3 / 73");
        await Assertions.Expect(second.Locator(".segment")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task A_learner_cannot_open_the_studio()
    {
        var email = $"luis-{Guid.NewGuid():N}@example.com";
        await SignedInClient.CreateUserAsync(browser.App, email);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("a-good-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "My learning" })).ToBeVisibleAsync();

        await page.GotoAsync("/studio/analytics");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not for this account" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Studio" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_anonymous_player_offers_to_sign_in_and_come_back_to_the_same_slide()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(Chapter + "/slides/7");
        await Assertions.Expect(page.Locator(".player[data-ready='true']")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("ArrowRight");

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in to save your progress and quiz results." }))
            .ToHaveAttributeAsync("href", "/account/login?returnUrl=%2Fcourses%2Fai-engineering%2Fchapters%2Ffoundation-models%2Fslides%2F7%3Fsegment%3D2");
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/account/register")]
    [InlineData("/account/forgot-password")]
    public async Task Axe_finds_no_serious_or_critical_violation_on_account_pages(string url)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(url);

        var result = await page.RunAxe();

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Id}: {v.Help}")));
    }
}
