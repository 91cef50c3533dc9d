using Bunit;
using Course.Core.Quizzes;
using Course.Core.Rendering;
using Course.Core.Tokens;
using Course.Web.Catalog;
using Course.Web.Components.Pages.Quizzes;
using Course.Web.Quizzes;
using Course.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Components;

/// <summary>Taking a quiz against the real app's services: immediate checks, retries, forged answers, results.</summary>
[Collection(SharedAppCollection.Name)]
public class QuizRunnerTests : BunitContext
{
    public QuizRunnerTests(CourseAppFactory app)
    {
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        var scope = app.Services.CreateScope();
        Services.AddSingleton(scope.ServiceProvider.GetRequiredService<QuizCatalog>());
        Services.AddSingleton(scope.ServiceProvider.GetRequiredService<Course.Web.Progress.LearnerProgress>());
        Services.AddSingleton(new QuizAttempts(new QuizGrader(app.Services.GetRequiredService<TokenExplorer>()), TimeProvider.System));
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(app.Services.GetRequiredService<QuizDrafts>());
        Services.AddLogging();
        Services.AddSingleton(app.Services.GetRequiredService<Course.Web.Operations.CourseMetrics>());
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    /// <summary>How long to wait for a render that follows database work (truly asynchronous on PostgreSQL).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private IRenderedComponent<QuizRunner> RenderQuiz(string quiz, string? then = null)
    {
        var cut = Render<QuizRunner>(p => p
            .Add(c => c.CourseSlug, "ai-engineering")
            .Add(c => c.ChapterSlug, "foundation-models")
            .Add(c => c.QuizSlug, quiz)
            .Add(c => c.Then, then));
        // The quiz loads asynchronously (on PostgreSQL truly so): wait until it is there.
        cut.WaitForElement(".quiz", TimeSpan.FromSeconds(10));
        return cut;
    }

    // Options are found by what the learner reads: their ids are opaque and change with every attempt.
    private static void Pick(IRenderedComponent<QuizRunner> cut, string questionId, string optionText) =>
        cut.Find($"#q-{questionId} label.option:has(span:contains('{optionText}')) input").Change(true);

    private static void Match(IRenderedComponent<QuizRunner> cut, string questionId, string prompt, string target)
    {
        var row = cut.Find($"#q-{questionId} .matching__row:has(label:contains('{prompt}'))");
        var value = row.QuerySelectorAll("option").Single(o => o.TextContent == target).GetAttribute("value")!;
        cut.Find($"#q-{questionId} select#{row.QuerySelector("select")!.Id}").Change(value);
    }

    [Fact]
    public void A_wrong_first_check_offers_one_more_try_then_shows_answer_explanation_and_review_link()
    {
        var cut = RenderQuiz("tokens");
        var question = "#q-que-es-un-token";

        Pick(cut, "que-es-un-token", "Siempre una palabra completa");
        cut.Find($"{question} .question__actions button").Click();
        cut.WaitForAssertion(() => Assert.Contains("You have one more try", cut.Find(question).TextContent), Patience);
        Assert.DoesNotContain("Un token puede ser", cut.Markup);

        Pick(cut, "que-es-un-token", "Una oración completa");
        cut.Find($"{question} .question__actions button").Click();

        var feedback = cut.WaitForElement($"{question} .feedback", Patience);
        Assert.Contains("Incorrect", feedback.TextContent);
        Assert.Contains("Correct answer: Un carácter, una palabra o parte de una palabra", feedback.TextContent);
        Assert.Contains("Un token puede ser un carácter", feedback.TextContent);
        Assert.Equal("/courses/ai-engineering/chapters/foundation-models/slides/10?quiz=tokens&question=que-es-un-token",
            cut.Find($"{question} .feedback__review a").GetAttribute("href"));
        Assert.True(cut.Find($"{question} fieldset").HasAttribute("disabled"));
    }

    [Fact]
    public void Answering_every_question_right_passes_with_full_marks_and_continues_the_chapter()
    {
        var cut = RenderQuiz("tipos-de-modelos", then: "/courses/ai-engineering/chapters/foundation-models/slides/20?play=1");

        Match(cut, "emparejar-tipos", "Modelo enmascarado (BERT)", "Adivinar palabras que faltan y clasificar texto");
        Match(cut, "emparejar-tipos", "Modelo autorregresivo (GPT)", "Generar texto nuevo, prediciendo lo que sigue");
        cut.Find("#q-emparejar-tipos .question__actions button").Click();
        cut.Find("#q-nombre-autorregresivo input").Input("Autoregresivo");
        cut.Find("#q-nombre-autorregresivo .question__actions button").Click();
        Pick(cut, "bert-sentimientos", "True");
        cut.Find("#q-bert-sentimientos .question__actions button").Click();
        Pick(cut, "ia-generativa", "Con un vocabulario finito puede crear infinitas combinaciones");
        cut.Find("#q-ia-generativa .question__actions button").Click();

        // The last check completes the attempt, which is stored: on PostgreSQL the result comes a render later.
        Assert.Contains("Passed", cut.WaitForElement(".result h2", Patience).TextContent);
        Assert.Equal(4, cut.FindAll(".feedback--correct").Count);
        Assert.Contains("100", cut.Find(".result__score").TextContent);
        Assert.Equal("/courses/ai-engineering/chapters/foundation-models/slides/20?play=1", cut.Find(".result a.button--primary").GetAttribute("href"));
        // The result appears above the questions, out of sight of the last one answered: the learner is taken to it.
        var result = cut.Find(".result").GetAttribute("blazor:elementreference");
        cut.WaitForAssertion(() => Assert.Equal(result, ((ElementReference)JSInterop.VerifyFocusAsyncInvoke().Arguments[0]!).Id), Patience);
    }

    [Fact]
    public void Typing_an_answer_enables_its_check_button_and_clearing_it_disables_it_again()
    {
        var cut = RenderQuiz("tokens");
        AngleSharp.Dom.IElement Check() => cut.Find("#q-cien-tokens .question__actions button");
        Assert.True(Check().HasAttribute("disabled"));

        cut.Find("#q-cien-tokens input").Input("75");
        cut.WaitForAssertion(() => Assert.False(Check().HasAttribute("disabled")));

        cut.Find("#q-cien-tokens input").Input("");
        cut.WaitForAssertion(() => Assert.True(Check().HasAttribute("disabled")));
    }

    [Fact]
    public void A_number_that_is_not_a_number_gets_a_clear_message_and_no_grade()
    {
        var cut = RenderQuiz("tokens");

        cut.Find("#q-cien-tokens input").Input("setenta y cinco");
        cut.Find("#q-cien-tokens .question__actions button").Click();

        Assert.Equal("'setenta y cinco' is not a number: write it with digits, e.g. 75 or 75,5.",
            cut.WaitForElement("#q-cien-tokens .question__error", Patience).TextContent);
        Assert.Empty(cut.FindAll("#q-cien-tokens .feedback"));
    }

    [Fact]
    public void The_final_quiz_is_submitted_once_scored_and_can_be_retaken_with_a_new_shuffle()
    {
        var cut = RenderQuiz("final");
        Assert.Contains("quiz--paged", cut.Find(".quiz").ClassList);
        Assert.Contains("14 unanswered", cut.Find(".submit").TextContent);

        Pick(cut, "auto-supervision", "El modelo infiere las etiquetas de los propios datos, sin etiquetado manual");
        cut.Find("#q-pares-clip input").Input("400");
        cut.Find(".submit button").Click();

        // Submitting stores the attempt: on PostgreSQL the result arrives a render later.
        Assert.Contains("Not passed yet", cut.WaitForElement(".result h2", Patience).TextContent);
        Assert.Equal(14, cut.FindAll(".feedback").Count);
        Assert.Equal(2, cut.FindAll(".feedback--correct").Count);
        Assert.Empty(cut.FindAll(".submit"));

        cut.Find(".result button").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".feedback")), Patience);
        Assert.Contains("14 unanswered", cut.Find(".submit").TextContent);
    }

    [Fact]
    public void Before_any_answer_the_render_output_holds_no_explanation()
    {
        var cut = RenderQuiz("final");

        Assert.DoesNotContain("El modelo aprende de los propios datos", cut.Markup);
        Assert.DoesNotContain("400 millones de pares imagen-texto", cut.Markup);
        Assert.DoesNotContain("Crawl-Walk-Run: gatear", cut.Markup);
    }

    [Fact]
    public void An_unsafe_return_address_is_ignored()
    {
        var cut = RenderQuiz("tokens", then: "https://evil.example/phish");

        Assert.Empty(cut.FindAll(".quiz__skip"));
    }
}
