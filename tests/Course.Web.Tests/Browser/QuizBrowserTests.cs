using System.Text.RegularExpressions;
using Course.Web.Tests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Course.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class QuizBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    private const string Chapter = "/courses/ai-engineering/chapters/foundation-models";

    private static async Task Ready(IPage page, string selector) =>
        await Assertions.Expect(page.Locator($"{selector}[data-ready='true']")).ToBeVisibleAsync();

    [Fact]
    public async Task Take_the_final_quiz_get_a_score_review_a_slide_and_come_back()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(Chapter + "/quizzes/final");
        await Ready(page, ".quiz");

        // Paged: answer the question on screen with the keyboard-friendly controls, then move on.
        var current = page.Locator(".question--current");
        await Assertions.Expect(current.Locator(".question__number")).ToHaveTextAsync("Question 1 of 14");
        for (var i = 0; i < 4; i++)
        {
            var up = current.Locator("button[aria-label^='Move'][aria-label$='up']:not([disabled])");
            if (await up.CountAsync() > 0)
            {
                await up.Last.ClickAsync();
            }
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Next →" }).ClickAsync();
        await Assertions.Expect(current.Locator(".question__number")).ToHaveTextAsync("Question 2 of 14");
        await current.GetByText("El modelo infiere las etiquetas de los propios datos, sin etiquetado manual").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next →" }).ClickAsync();
        await current.GetByRole(AriaRole.Textbox).FillAsync("117");

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit answers" }).ClickAsync();

        await Assertions.Expect(page.Locator(".result h2")).ToContainTextAsync("Not passed yet");
        await Assertions.Expect(page.Locator(".result__score")).ToContainTextAsync("Your score:");
        await Assertions.Expect(current.Locator(".feedback")).ToBeVisibleAsync();

        await current.GetByRole(AriaRole.Link, new() { Name = "Review this slide" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/slides/23\\?quiz=final&question=entrenamiento-siguiente-token$"));
        await Assertions.Expect(page.Locator(".player__counter")).ToHaveTextAsync("23 / 73");

        await page.GetByRole(AriaRole.Link, new() { Name = "← Back to the quiz" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/quizzes/final#q-entrenamiento-siguiente-token$"));
        await Assertions.Expect(page.Locator(".result h2")).ToContainTextAsync("Not passed yet");
    }

    [Fact]
    public async Task The_live_quiz_never_sends_the_browser_an_authoring_id()
    {
        // Everything the circuit sends (render batches included) is read as text; the matching question's
        // authoring ids follow its pairs, so any of them reaching the browser would give the answer away.
        var page = await browser.NewPageAsync();
        var received = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
            received.Enqueue(frame.Binary is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : frame.Text ?? "");
        await page.GotoAsync(Chapter + "/quizzes/tipos-de-modelos");
        await Ready(page, ".quiz");

        var question = page.Locator("#q-emparejar-tipos");
        await question.GetByLabel("Modelo enmascarado (BERT)").SelectOptionAsync(new SelectOptionValue { Label = "Generar texto nuevo, prediciendo lo que sigue" });
        await question.GetByLabel("Modelo autorregresivo (GPT)").SelectOptionAsync(new SelectOptionValue { Label = "Adivinar palabras que faltan y clasificar texto" });
        await Assertions.Expect(question.GetByRole(AriaRole.Button, new() { Name = "Check" })).ToBeEnabledAsync();

        var values = await page.Locator(".questions input[type=radio], .questions select option[value]:not([value=''])")
            .EvaluateAllAsync<string[]>("nodes => nodes.map(n => n.value)");
        Assert.NotEmpty(values);
        Assert.All(values, value => Assert.Matches("^o[0-9a-f]{15}$", value));
        // The render batches carry the options' values as text, so reading frames as text does see ids.
        Assert.Contains(received, frame => frame.Contains(values[0], StringComparison.Ordinal));
        foreach (var authoringId in new[] { "masked", "autoregressive", "generate" })
        {
            Assert.DoesNotContain(received, frame => frame.Contains(authoringId, StringComparison.Ordinal));
        }

        // Wrong twice: then, and only then, the right matches are shown.
        await question.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Assertions.Expect(question.Locator(".feedback--retry")).ToBeVisibleAsync();
        await question.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Assertions.Expect(question.Locator(".feedback__answer"))
            .ToContainTextAsync("Modelo enmascarado (BERT) → Adivinar palabras que faltan y clasificar texto");
    }

    [Fact]
    public async Task A_checkpoint_stops_the_player_and_can_be_taken_or_skipped()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(Chapter + "/slides/13");
        await Ready(page, ".player");

        await page.Keyboard.PressAsync("a");
        await page.Keyboard.PressAsync("ArrowRight");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Punto de control: los tokens" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Take the checkpoint" }))
            .ToHaveAttributeAsync("href", new Regex("/quizzes/tokens\\?then=%2Fcourses%2Fai-engineering%2Fchapters%2Ffoundation-models%2Fslides%2F14%3Fplay%3D1$"));

        // The play control, too, says that playing on skips the checkpoint.
        await Assertions.Expect(page.Locator(".control--play")).ToHaveAttributeAsync("aria-label", "Play on without the checkpoint");

        await page.GetByRole(AriaRole.Button, new() { Name = "Skip and continue" }).ClickAsync();
        await Assertions.Expect(page.Locator(".player__counter")).ToHaveTextAsync("14 / 73");
        await Assertions.Expect(page.Locator(".player[data-playing='true']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_explorer_counts_the_lessons_sentence_as_gpt4_does_without_and_with_its_period()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/tools/tokens");
        var gpt4 = page.Locator(".encoding__summary[data-model='gpt-4']");
        var input = page.GetByLabel("Text to split into tokens");
        await Assertions.Expect(input).ToBeEnabledAsync();

        await input.FillAsync("I can't wait to build AI applications");
        await Assertions.Expect(gpt4).ToHaveAttributeAsync("data-count", "8");
        await Assertions.Expect(gpt4).ToContainTextAsync("8 tokens");

        await input.PressSequentiallyAsync(".");
        await Assertions.Expect(gpt4).ToHaveAttributeAsync("data-count", "9");
        await Assertions.Expect(page.Locator(".encoding").First.Locator(".token")).ToHaveCountAsync(9);
        await Assertions.Expect(page.Locator(".encoding__name").First).ToContainTextAsync("cl100k_base");
    }

    [Fact]
    public async Task The_slides_about_tokens_carry_the_explorer()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(Chapter + "/slides/10");
        await Ready(page, ".player");

        await page.GetByText("Try it: split text into tokens").ClickAsync();

        await Assertions.Expect(page.Locator(".encoding__summary[data-model='gpt-4']")).ToHaveAttributeAsync("data-count", "8");
    }

    [Theory]
    [InlineData("/quizzes/tokens", 1280, 800)]
    [InlineData("/quizzes/final", 390, 844)]
    public async Task Axe_finds_no_serious_or_critical_violation_on_quiz_pages(string quiz, int width, int height)
    {
        var page = await browser.NewPageAsync(width, height);
        await page.GotoAsync(Chapter + quiz);
        await Ready(page, ".quiz");
        if (quiz.EndsWith("tokens", StringComparison.Ordinal))
        {
            await page.Locator(".question--current").GetByLabel("Siempre una palabra completa").CheckAsync();
            await page.Locator(".question--current").GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
            await page.Locator(".question--current").GetByLabel("Una oración completa").CheckAsync();
            await page.Locator(".question--current").GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
            await Assertions.Expect(page.Locator(".question--current .feedback")).ToBeVisibleAsync();
        }

        await AssertNoSeriousViolations(page);
    }

    [Fact]
    public async Task Axe_finds_no_serious_or_critical_violation_on_the_explorer()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/tools/tokens");
        await page.GetByLabel("Show token ids").CheckAsync();

        await AssertNoSeriousViolations(page);
    }

    private static async Task AssertNoSeriousViolations(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));
    }
}
