using Course.Web.Data;
using Course.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Course.Web.Tests.Browser;

/// <summary>One learner, two tabs on the same quiz, both pressing Submit: one stored attempt, both tabs show it.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class ConcurrentQuizBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Quiz = "/courses/ai-engineering/chapters/foundation-models/quizzes/final";

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    [Fact]
    public async Task Two_tabs_submitting_the_same_attempt_store_one_result_and_both_show_it()
    {
        var email = $"two-tabs-{Guid.NewGuid():N}@example.com";
        var learner = await SignedInClient.CreateUserAsync(browser.App, email);
        var first = await browser.NewPageAsync();
        await first.GotoAsync("/account/login");
        await first.GetByLabel("E-mail").FillAsync(email);
        await first.GetByLabel("Password").FillAsync("a-good-password");
        await first.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.Link, new() { Name = "My learning" })).ToBeVisibleAsync();
        var second = await first.Context.NewPageAsync(); // a second tab of the same browser: same learner

        var tabs = new[] { first, second };
        foreach (var tab in tabs)
        {
            await tab.GotoAsync(Quiz);
            await Assertions.Expect(tab.Locator(".quiz[data-ready='true']")).ToBeVisibleAsync();
        }

        // The same attempt: the first question with its options in the same shuffled order in both tabs.
        Assert.Equal(await first.Locator(".question--current").InnerTextAsync(), await second.Locator(".question--current").InnerTextAsync());

        // Both press Submit at the same moment.
        await Task.WhenAll(tabs.Select(tab => tab.GetByRole(AriaRole.Button, new() { Name = "Submit answers" }).ClickAsync()));

        foreach (var tab in tabs)
        {
            await Assertions.Expect(tab.Locator(".result h2")).ToContainTextAsync("Not passed yet");
            await Assertions.Expect(tab.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        }

        Assert.Equal(await first.Locator(".result__score").InnerTextAsync(), await second.Locator(".result__score").InnerTextAsync());
        await using var db = await browser.App.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        var stored = await db.QuizAttemptRecords.Where(a => a.UserId == learner).ToListAsync();
        Assert.Single(stored);
        Assert.Equal("final", stored[0].QuizSlug);
    }
}
