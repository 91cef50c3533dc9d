using Course.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Course.Web.Tests.Browser;

/// <summary>
/// The whole app works under its own Content-Security-Policy: every page, used the way a learner and
/// an instructor use it, without a single violation (an inline handler or script would be one).
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class SecurityPolicyBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    private const string Chapter = "/courses/ai-engineering/chapters/foundation-models";

    private const string ViolationRecorder = """
        window.__csp = [];
        document.addEventListener("securitypolicyviolation", e =>
            window.__csp.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber));
        """;

    private async Task<IPage> WatchedPageAsync()
    {
        var page = await browser.NewPageAsync();
        await page.Context.AddInitScriptAsync(ViolationRecorder);
        return page;
    }

    private static async Task AssertNoViolationsAsync(IPage page, string where)
    {
        var violations = await page.EvaluateAsync<string[]>("() => window.__csp");
        Assert.True(violations.Length == 0, where + ": " + string.Join("; ", violations));
    }

    [Fact]
    public async Task A_learner_goes_through_the_app_without_a_policy_violation()
    {
        var page = await WatchedPageAsync();

        foreach (var url in new[] { "/", "/courses/ai-engineering", Chapter, "/account/login", "/account/register", "/account/forgot-password", "/nope" })
        {
            await page.GotoAsync(url);
            await AssertNoViolationsAsync(page, url);
        }

        await page.GotoAsync(Chapter + "/slides/10");
        await Assertions.Expect(page.Locator(".player[data-ready='true']")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("PageDown");
        await Assertions.Expect(page.Locator(".player__counter")).ToHaveTextAsync("11 / 73");
        await AssertNoViolationsAsync(page, "player");

        await page.GotoAsync("/tools/tokens");
        await page.GetByRole(AriaRole.Textbox).First.FillAsync("Hola, mundo");
        await AssertNoViolationsAsync(page, "token explorer");

        await page.GotoAsync(Chapter + "/quizzes/tokens");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await AssertNoViolationsAsync(page, "quiz");

        await page.GetByLabel("Interface language").SelectOptionAsync("es");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await AssertNoViolationsAsync(page, "language switcher");
    }

    [Fact]
    public async Task An_instructor_goes_through_the_studio_without_a_policy_violation()
    {
        var email = $"ines-{Guid.NewGuid():N}@example.com";
        await SignedInClient.CreateUserAsync(browser.App, email, instructor: true);
        var page = await WatchedPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("a-good-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "My learning" })).ToBeVisibleAsync();

        foreach (var url in new[] { "/me", "/me/password", "/studio/analytics" })
        {
            await page.GotoAsync(url);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await AssertNoViolationsAsync(page, url);
        }
    }
}
