using Course.Web.Tests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Course.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class CatalogueBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    [Fact]
    public async Task Home_page_shows_the_course_and_leads_to_the_chapter_outline()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Courses", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ingeniería de IA" })).ToBeVisibleAsync();
        // Our stylesheet from wwwroot-assets is served and applied: the reading room's off-white page.
        await Assertions.Expect(page.Locator("html")).ToHaveCSSAsync("background-color", "rgb(251, 250, 247)");

        await page.GetByRole(AriaRole.Link, new() { Name = "Desarrollo de software con Foundation Models" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/courses/ai-engineering/chapters/foundation-models$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Desarrollo de software con Foundation Models", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".outline__slide")).ToHaveCountAsync(73);
        await Assertions.Expect(page.Locator("#slide-1 .outline__first-line"))
            .ToHaveTextAsync("¡Hola! Hoy vamos a hablar sobre cómo desarrollar software con Foundation Models");

        await page.Locator("#slide-3 summary").ClickAsync();
        await Assertions.Expect(page.Locator("#slide-3 ul li")).ToHaveTextAsync([
            "Una cantidad enorme de electricidad para funcionar",
            "Y millones de datos de internet para aprender",
        ]);
    }

    [Fact]
    public async Task Pages_follow_the_browser_language_and_the_switcher_remembers_a_choice()
    {
        var page = await browser.NewPageAsync(locale: "es-ES");

        await page.GotoAsync("/courses/ai-engineering");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Capítulos" })).ToBeVisibleAsync();

        await page.GetByLabel("Idioma de la interfaz").SelectOptionAsync("en");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Chapters" })).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/courses/ai-engineering$"));
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Courses", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Unknown_chapter_shows_a_not_found_page_with_status_404()
    {
        var page = await browser.NewPageAsync();

        var response = await page.GotoAsync("/courses/ai-engineering/chapters/nope");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("/", 1280, 800)]
    [InlineData("/courses/ai-engineering", 1280, 800)]
    [InlineData("/courses/ai-engineering/chapters/foundation-models", 1280, 800)]
    [InlineData("/courses/ai-engineering/chapters/foundation-models", 390, 844)]
    [InlineData("/not-found", 390, 844)]
    [InlineData("/courses/ai-engineering/chapters/foundation-models/transcript", 390, 844)]
    public async Task Axe_finds_no_serious_or_critical_violation(string url, int width, int height)
    {
        var page = await browser.NewPageAsync(width, height);
        await page.GotoAsync(url);

        var result = await page.RunAxe();

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));
    }
}
