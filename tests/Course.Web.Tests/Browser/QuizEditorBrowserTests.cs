using System.Text.RegularExpressions;
using Course.Web.Data;
using Course.Web.Tests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Course.Web.Tests.Browser;

/// <summary>
/// The quiz editor in a real browser, on an app of its own (it changes the seeded checkpoints, which other
/// browser tests read): an instructor adds a question, meets a problem, fixes it, tries it, saves it, and a
/// learner finds it in the quiz. Set COURSE_SCREENSHOTS to a folder to keep screenshots of the editor.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed partial class QuizEditorBrowserTests(BrowserFixture browser, CourseAppFactory app) : IClassFixture<CourseAppFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    private const string Password = "a-good-password";
    private const string Chapter = "/courses/ai-engineering/chapters/foundation-models";

    [GeneratedRegex(@"^Question added · ")]
    private static partial Regex Added();

    private async Task<IPage> PageAsync(int width = 1280, int height = 800, ColorScheme scheme = ColorScheme.Light)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-US",
            ColorScheme = scheme,
        });
        return await browser.Track(context).NewPageAsync();
    }

    private async Task<IPage> InstructorPageAsync(int width = 1280, int height = 800, ColorScheme scheme = ColorScheme.Light)
    {
        var email = $"prof-{Guid.NewGuid():N}@example.com";
        await SignedInClient.CreateUserAsync(app, email, Password, instructor: true);
        var page = await PageAsync(width, height, scheme);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/account/login"));
        return page;
    }

    private async Task<string> EditorAddressAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        var id = (await db.Chapters.SingleAsync(c => c.Slug == "foundation-models")).Id;
        return $"/studio/chapters/{id}/quizzes";
    }

    private static async Task OpenAsync(IPage page, string address)
    {
        await page.GotoAsync(address);
        await Assertions.Expect(page.Locator(".qe[data-ready='true']")).ToBeVisibleAsync();
    }

    /// <summary>The viewport, scrolled to <paramref name="subject"/> when given.</summary>
    private static async Task ShotAsync(IPage page, string name, string? subject = null)
    {
        var folder = Environment.GetEnvironmentVariable("COURSE_SCREENSHOTS");
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            if (subject is not null)
            {
                await page.Locator(subject).First.EvaluateAsync("element => element.scrollIntoView({ block: 'start' })");
            }

            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png") });
        }
    }

    private static async Task AssertNoSeriousViolations(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));
    }

    /// <summary>Opens a new single-choice question in the tokens checkpoint and fills all but the correct option.</summary>
    private static async Task StartQuestionAsync(IPage page, string prompt)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Add question to Punto de control: los tokens" }).ClickAsync();
        var editor = page.Locator("form.qe-editor__form");
        await Assertions.Expect(editor.GetByLabel("Question type")).ToHaveValueAsync("SingleChoice");
        await editor.GetByLabel("Question", new() { Exact = true }).FillAsync(prompt);
        await editor.GetByLabel("Slide that teaches it").SelectOptionAsync(new SelectOptionValue { Index = 12 });
        await editor.GetByLabel("Option 1", new() { Exact = true }).FillAsync("Unas 4 palabras");
        await editor.GetByLabel("Option 2", new() { Exact = true }).FillAsync("Unas 75 palabras");
        await editor.GetByLabel("Option 3", new() { Exact = true }).FillAsync("Unas 1.000 palabras");
        await editor.GetByLabel("Explanation").FillAsync("Cada token es, en promedio, unos ¾ de palabra.");
    }

    [Fact]
    public async Task An_instructor_adds_a_question_fixes_it_tries_it_and_a_learner_finds_it_in_the_checkpoint()
    {
        const string prompt = "¿A cuántas palabras equivalen 100 tokens, más o menos?";
        var page = await InstructorPageAsync();
        await OpenAsync(page, await EditorAddressAsync());
        await StartQuestionAsync(page, prompt);

        // No option is marked correct: the problem is named, summarised, focused, and nothing is saved.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save question" }).ClickAsync();
        var summary = page.Locator(".qe-summary");
        await Assertions.Expect(summary).ToContainTextAsync("Mark exactly one option as correct (0 marked now).");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#qf-correct-error")).ToContainTextAsync("Mark exactly one option as correct");
        await Assertions.Expect(page.Locator("#qf-choices")).ToHaveAttributeAsync("aria-describedby", "qf-correct-error");
        await ShotAsync(page, "editor-problem-1280", ".qe-editor");
        await summary.GetByRole(AriaRole.Link, new() { Name = "Options" }).ClickAsync(); // to the field, on this page
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/quizzes#qf-choices$"));
        await Assertions.Expect(page.Locator("#qf-choices")).ToBeInViewportAsync();
        await Assertions.Expect(page.GetByLabel("Option 1", new() { Exact = true })).ToHaveValueAsync("Unas 4 palabras");
        await AssertNoSeriousViolations(page);

        // Fixed with the keyboard: Option 2 is the correct one.
        await page.GetByLabel("Correct (Option 2)").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.GetByLabel("Correct (Option 2)")).ToBeCheckedAsync();

        // Tried as a learner would see it, and graded.
        await page.GetByRole(AriaRole.Button, new() { Name = "Try it", Exact = true }).ClickAsync();
        var preview = page.Locator(".qe-preview");
        await Assertions.Expect(preview.Locator(".qe-preview__prompt")).ToHaveTextAsync(prompt);
        await Assertions.Expect(summary).ToHaveCountAsync(0);
        await preview.GetByText("Unas 75 palabras").ClickAsync();
        await preview.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Assertions.Expect(preview.Locator(".feedback--correct")).ToContainTextAsync("Correct");
        await Assertions.Expect(preview.Locator(".feedback")).ToContainTextAsync("Cada token es, en promedio, unos ¾ de palabra.");
        await ShotAsync(page, "editor-try-it-1280", ".qe-editor");
        await AssertNoSeriousViolations(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Save question" }).ClickAsync();
        await Assertions.Expect(page.Locator(".qe-status")).ToHaveTextAsync(Added());
        var tokens = page.Locator("section.qe-quiz", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Punto de control: los tokens" }) });
        await Assertions.Expect(tokens.Locator(".qe-question").Last.Locator(".qe-question__prompt")).ToHaveTextAsync(prompt);
        await Assertions.Expect(tokens.Locator(".qe-quiz__meta")).ToContainTextAsync("7 questions");
        await ShotAsync(page, "editor-saved-1280", "section.qe-quiz");

        // A learner, in a browser of their own, meets it as the checkpoint's seventh question.
        var learner = await PageAsync();
        await learner.GotoAsync(Chapter + "/quizzes/tokens");
        await Assertions.Expect(learner.Locator(".quiz[data-ready='true']")).ToBeVisibleAsync();
        for (var i = 0; i < 6; i++)
        {
            await learner.GetByRole(AriaRole.Button, new() { Name = "Next →" }).ClickAsync();
        }

        var current = learner.Locator(".question--current");
        await Assertions.Expect(current.Locator(".question__number")).ToHaveTextAsync("Question 7 of 7");
        await Assertions.Expect(current.Locator(".question__prompt")).ToContainTextAsync(prompt);
        await current.GetByText("Unas 75 palabras").ClickAsync();
        await current.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Assertions.Expect(current.Locator(".feedback--correct")).ToBeVisibleAsync();
        await Assertions.Expect(current.GetByRole(AriaRole.Link, new() { Name = "Review this slide" }))
            .ToHaveAttributeAsync("href", new Regex("/slides/12\\?quiz=tokens&question=a-cuantas-palabras-equivalen-100-tokens-mas-o-menos$"));
    }

    [Theory]
    [InlineData(1280, 800, ColorScheme.Light)]
    [InlineData(390, 844, ColorScheme.Light)]
    [InlineData(1280, 800, ColorScheme.Dark)]
    [InlineData(390, 844, ColorScheme.Dark)]
    public async Task Axe_finds_no_serious_or_critical_violation_on_the_quiz_editor(int width, int height, ColorScheme scheme)
    {
        var page = await InstructorPageAsync(width, height, scheme);
        await OpenAsync(page, await EditorAddressAsync());
        var name = $"{width}-{scheme.ToString().ToLowerInvariant()}";
        await ShotAsync(page, $"list-{name}");
        await AssertNoSeriousViolations(page);

        // A matching question with a problem and the preview of a valid one: the busiest the editor gets.
        await page.GetByLabel("New question type").First.SelectOptionAsync("Matching");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add question to Punto de control: los tokens" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save question" }).ClickAsync();
        await Assertions.Expect(page.Locator(".qe-summary")).ToBeVisibleAsync();
        await ShotAsync(page, $"matching-problems-{name}", ".qe-editor");
        await ShotAsync(page, $"matching-pairs-{name}", "#qf-pairs");
        await AssertNoSeriousViolations(page);

        await page.GetByLabel("Question type", new() { Exact = true }).SelectOptionAsync("Ordering");
        var editor = page.Locator("form.qe-editor__form");
        // The server has switched the form when the matching problems are gone and the items are there.
        await Assertions.Expect(page.Locator(".qe-summary")).ToHaveCountAsync(0);
        await Assertions.Expect(editor.GetByLabel("Item 3", new() { Exact = true })).ToBeVisibleAsync();
        await editor.GetByLabel("Question", new() { Exact = true }).FillAsync("Ordena las fases de un proyecto de IA.");
        await editor.GetByLabel("Item 1", new() { Exact = true }).FillAsync("Gatear: un prototipo");
        await editor.GetByLabel("Item 2", new() { Exact = true }).FillAsync("Caminar: un piloto");
        await editor.GetByLabel("Item 3", new() { Exact = true }).FillAsync("Correr: producción");
        await editor.GetByLabel("Explanation").FillAsync("Crawl-Walk-Run.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Try it", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".qe-preview .ordering")).ToBeVisibleAsync();
        await ShotAsync(page, $"ordering-form-{name}", "#qf-items");
        await ShotAsync(page, $"ordering-try-it-{name}", ".qe-preview");
        await AssertNoSeriousViolations(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New quiz" }).ClickAsync();
        await page.GetByLabel("Pass mark").FillAsync("150");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create quiz" }).ClickAsync();
        await Assertions.Expect(page.Locator("#qf-passMark-error")).ToBeVisibleAsync();
        await ShotAsync(page, $"new-quiz-{name}", ".qe-settings");
        await AssertNoSeriousViolations(page);
    }
}
