using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Bunit;
using Course.Core.Quizzes;
using Course.Core.Tokens;
using Course.Web.Components.Pages.Studio;
using Course.Web.Components.Pages.Studio.Quizzes;
using Course.Web.Data;
using Course.Web.Studio;
using Course.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Components;

/// <summary>
/// The quiz editor against the real app's services and database (an app of its own, since it changes
/// quizzes): listing, a form per question type, problems at their fields, the Try it preview, saving.
/// Always on SQLite: these tests drive the component step by step as if each save were immediate;
/// QuizStudioTests and the browser tests cover the same operations on PostgreSQL too.
/// </summary>
public sealed class QuizEditorTests : BunitContext, IClassFixture<QuizEditorTests.SqliteApp>
{
    private readonly CourseAppFactory app;

    public sealed class SqliteApp : IDisposable
    {
        public CourseAppFactory App { get; } = CourseAppFactory.OnSqlite();

        public void Dispose() => App.Dispose();
    }

    public QuizEditorTests(SqliteApp fixture)
    {
        app = fixture.App;
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        Services.AddSingleton(app.Services.CreateScope().ServiceProvider.GetRequiredService<QuizStudio>());
        Services.AddSingleton<ITokenCounter>(app.Services.GetRequiredService<TokenExplorer>());
        Services.AddSingleton(new QuizGrader(app.Services.GetRequiredService<TokenExplorer>()));
        Services.AddSingleton(TimeProvider.System);
        AddAuthorization().SetAuthorized("prof@example.com").SetRoles(Course.Web.Accounts.Roles.Instructor); // the editor checks its own user
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        JSInterop.Mode = JSRuntimeMode.Loose; // focusing the problem summary
    }

    private async Task<int> ChapterIdAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        return (await db.Chapters.SingleAsync(c => c.Slug == "foundation-models")).Id;
    }

    private async Task<int> QuestionCountAsync(string quizSlug)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        return await db.QuizQuestions.CountAsync(q => db.Quizzes.Any(z => z.Id == q.QuizId && z.Slug == quizSlug));
    }

    private async Task<IRenderedComponent<QuizEditor>> RenderEditorAsync()
    {
        var chapterId = await ChapterIdAsync();
        var cut = Render<QuizEditor>(p => p.Add(c => c.ChapterId, chapterId));
        cut.WaitForElement("section.qe-quiz");
        return cut;
    }

    private static string Text(IElement element) => Regex.Replace(element.TextContent, @"\s+", " ").Trim();

    private static string Percent(double share) => share.ToString("P0", CultureInfo.CurrentCulture);

    private static IElement Quiz(IRenderedComponent<QuizEditor> cut, string title) =>
        cut.FindAll("section.qe-quiz").Single(s => s.QuerySelector("h2")!.TextContent == title);

    private static void AddQuestion(IRenderedComponent<QuizEditor> cut, string quizTitle, QuestionKind kind)
    {
        Quiz(cut, quizTitle).QuerySelector(".qe-add select")!.Change(kind.ToString());
        Quiz(cut, quizTitle).QuerySelector(".qe-add button")!.Click();
        // Opening the form reads the chapter's slides: truly asynchronous on PostgreSQL.
        cut.WaitForElement("#qf-kind", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_chapters_quizzes_are_listed_with_their_settings_questions_and_answers()
    {
        var cut = await RenderEditorAsync();

        Assert.Equal(["Punto de control: los tokens", "Punto de control: tipos de modelos", "Punto de control: llevarlo a producción", "Cuestionario final"],
            cut.FindAll("section.qe-quiz h2").Select(h => h.TextContent).Take(4));
        var tokens = Quiz(cut, "Punto de control: los tokens");
        Assert.Equal($"Checkpoint after slide 13 · Immediate feedback · pass mark {Percent(0.7)} · 6 questions", tokens.QuerySelector(".qe-quiz__meta")!.TextContent);
        var first = tokens.QuerySelector(".qe-question")!;
        Assert.Contains("Single choice", first.QuerySelector(".qe-question__meta")!.TextContent);
        Assert.Contains("slide 10", first.QuerySelector(".qe-question__meta")!.TextContent);
        Assert.Equal("Answer: Un carácter, una palabra o parte de una palabra", first.QuerySelector(".qe-question__answer")!.TextContent);
        Assert.Equal("/courses/ai-engineering/chapters/foundation-models/quizzes/tokens", tokens.QuerySelector("a[target=_blank]")!.GetAttribute("href"));
        Assert.True(first.QuerySelector("button[aria-label='Move Question 1 up']")!.HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_single_choice_question_without_a_correct_option_is_refused_at_its_field_then_saved_once_fixed()
    {
        var before = await QuestionCountAsync("tipos-de-modelos");
        var cut = await RenderEditorAsync();
        AddQuestion(cut, "Punto de control: tipos de modelos", QuestionKind.SingleChoice);

        cut.Find("#qf-prompt").Change("¿Qué modelo rellena huecos?");
        cut.Find("#qf-slide").Change(cut.FindAll("#qf-slide option")[21].GetAttribute("value")!);
        cut.Find("#qf-choices-0").Change("BERT");
        cut.Find("#qf-choices-1").Change("GPT");
        cut.Find("#qf-choices-2").Change("CLIP");
        cut.Find("#qf-explanation").Change("BERT es un modelo enmascarado: predice las palabras que faltan.");
        cut.Find("form.qe-editor__form").Submit();

        var summary = cut.WaitForElement(".qe-summary", TimeSpan.FromSeconds(10));
        Assert.Equal("alert", summary.GetAttribute("role"));
        Assert.Contains("Nothing was saved. Problems to fix: 1", Text(summary));
        Assert.Contains("Options: Mark exactly one option as correct (0 marked now).", Text(summary));
        Assert.Equal("qf-correct-error", cut.Find("#qf-choices").GetAttribute("aria-describedby"));
        Assert.Contains("Mark exactly one option as correct", cut.Find("#qf-correct-error").TextContent);
        Assert.EndsWith("#qf-choices", summary.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(before, await QuestionCountAsync("tipos-de-modelos"));

        cut.Find("#qf-choices-0").ParentElement!.QuerySelector("input[type=radio]")!.Change(true);
        // Fixed: the problem goes as soon as the field is, not at the next save.
        Assert.Empty(cut.FindAll(".qe-summary"));
        Assert.Null(cut.Find("#qf-choices").GetAttribute("aria-describedby"));
        cut.Find("form.qe-editor__form").Submit();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("form.qe-editor__form")));
        Assert.StartsWith("Question added · ", cut.Find(".qe-status").TextContent);
        Assert.Equal(before + 1, await QuestionCountAsync("tipos-de-modelos"));
        var added = Quiz(cut, "Punto de control: tipos de modelos").QuerySelectorAll(".qe-question").Last();
        Assert.Equal("¿Qué modelo rellena huecos?", added.QuerySelector(".qe-question__prompt")!.TextContent);
        Assert.Equal("Answer: BERT", added.QuerySelector(".qe-question__answer")!.TextContent);
        Assert.Contains("slide 21", added.QuerySelector(".qe-question__meta")!.TextContent);
    }

    public static TheoryData<QuestionKind, string[]> Fields => new()
    {
        { QuestionKind.SingleChoice, ["#qf-choices-0", "#qf-choices-2", "input[type=radio][name=qf-correct]"] },
        { QuestionKind.MultipleResponse, ["#qf-choices-0", ".qe-correct input[type=checkbox]"] },
        { QuestionKind.TrueFalse, ["input[type=radio][name=qf-true-false]"] },
        { QuestionKind.Numeric, ["#qf-answer", "#qf-tolerance", "#qf-unit", ".qe-choice input[type=checkbox]"] },
        { QuestionKind.Ordering, ["#qf-items-0", "#qf-items-2"] },
        { QuestionKind.Matching, ["#qf-pairs-0-prompt", "#qf-pairs-0-target", "#qf-pairs-1-target"] },
        { QuestionKind.ShortText, ["#qf-accepted-0"] },
        { QuestionKind.TokenCount, ["#qf-model", "#qf-text"] },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task Each_question_type_has_its_form_and_every_control_is_labelled(QuestionKind kind, string[] selectors)
    {
        var cut = await RenderEditorAsync();
        AddQuestion(cut, "Cuestionario final", kind);

        Assert.Equal(kind.ToString(), cut.Find("#qf-kind").GetAttribute("value"));
        foreach (var selector in selectors)
        {
            Assert.NotEmpty(cut.FindAll($"form.qe-editor__form {selector}"));
        }

        foreach (var control in cut.FindAll("form.qe-editor__form input, form.qe-editor__form select, form.qe-editor__form textarea"))
        {
            var labelled = control.Closest("label") is not null
                || (control.Id is { Length: > 0 } id && cut.FindAll($"label[for='{id}']").Count == 1);
            Assert.True(labelled, $"{control.OuterHtml} has no label");
        }

        foreach (var button in cut.FindAll("form.qe-editor__form button.icon-button"))
        {
            Assert.False(string.IsNullOrWhiteSpace(button.GetAttribute("aria-label")), button.OuterHtml);
        }
    }

    [Fact]
    public async Task Options_move_and_go_and_switching_type_keeps_what_was_typed()
    {
        var cut = await RenderEditorAsync();
        AddQuestion(cut, "Cuestionario final", QuestionKind.MultipleResponse);
        cut.Find("#qf-choices-0").Change("Uno");
        cut.Find("#qf-choices-1").Change("Dos");
        cut.Find("#qf-choices-2").Change("Tres");

        cut.Find("button[aria-label='Move Option 3 up']").Click();
        Assert.Equal(["Uno", "Tres", "Dos"], cut.FindAll(".qe-row--choice .qe-input").Select(i => i.GetAttribute("value")));
        cut.Find("button[aria-label='Remove Option 1']").Click();
        Assert.Equal(["Tres", "Dos"], cut.FindAll(".qe-row--choice .qe-input").Select(i => i.GetAttribute("value")));
        cut.Find("form.qe-editor__form .qe-group > button").Click(); // add option
        Assert.Equal(3, cut.FindAll(".qe-row--choice").Count);

        cut.Find("#qf-kind").Change(nameof(QuestionKind.Ordering));
        cut.Find("#qf-kind").Change(nameof(QuestionKind.SingleChoice));
        Assert.Equal(["Tres", "Dos", ""], cut.FindAll(".qe-row--choice .qe-input").Select(i => i.GetAttribute("value") ?? ""));
    }

    [Fact]
    public async Task Try_it_on_a_quiz_with_immediate_feedback_gives_a_wrong_first_answer_one_more_try_as_learners_get()
    {
        var cut = await RenderEditorAsync();
        AddQuestion(cut, "Punto de control: los tokens", QuestionKind.Numeric);
        cut.Find("#qf-prompt").Change("¿Cuántas palabras son 100 tokens?");
        cut.Find("#qf-answer").Change("75");
        cut.Find("#qf-explanation").Change("Cada token es unos ¾ de palabra.");
        cut.Find("button:contains('Try it')").Click();

        cut.Find(".qe-preview input").Input("70");
        cut.Find(".qe-preview button:contains('Check')").Click();
        Assert.Contains("You have one more try", cut.Find(".qe-preview .feedback--retry").TextContent);
        Assert.DoesNotContain("75", cut.Find(".qe-preview").TextContent); // the answer stays hidden

        cut.Find(".qe-preview input").Input("60");
        cut.Find(".qe-preview button:contains('Check')").Click();
        var feedback = cut.Find(".qe-preview .feedback");
        Assert.Contains("Incorrect", feedback.TextContent);
        Assert.Contains("Correct answer: 75", feedback.TextContent);
    }

    [Fact]
    public async Task Try_it_renders_the_question_as_learners_see_it_and_grades_with_the_real_grader()
    {
        var cut = await RenderEditorAsync();
        AddQuestion(cut, "Cuestionario final", QuestionKind.Numeric);
        cut.Find("#qf-prompt").Change("¿Cuántas palabras son 100 tokens?");
        cut.Find("#qf-slide").Change(cut.FindAll("#qf-slide option")[11].GetAttribute("value")!);
        cut.Find("#qf-answer").Change("75");
        cut.Find("#qf-unit").Change("palabras");
        cut.Find("#qf-explanation").Change("Cada token es unos ¾ de palabra.");

        cut.Find("button:contains('Try it')").Click();
        var preview = cut.Find(".qe-preview");
        Assert.Equal("¿Cuántas palabras son 100 tokens?", preview.QuerySelector(".qe-preview__prompt")!.TextContent);
        Assert.Equal("palabras", preview.QuerySelector(".text-answer__unit")!.TextContent);
        Assert.DoesNotContain("75", preview.TextContent);

        cut.Find(".qe-preview input").Input("70");
        cut.Find(".qe-preview button:contains('Check')").Click();
        var feedback = cut.Find(".qe-preview .feedback");
        Assert.Contains("Incorrect", feedback.TextContent);
        Assert.Contains("Correct answer: 75 palabras", feedback.TextContent);
        Assert.Contains("Cada token es unos ¾ de palabra.", feedback.TextContent);
        Assert.Equal("/courses/ai-engineering/chapters/foundation-models/slides/11", feedback.QuerySelector(".feedback__review a")!.GetAttribute("href"));

        cut.Find(".qe-preview button:contains('Try again')").Click();
        cut.Find(".qe-preview input").Input("75,0");
        cut.Find(".qe-preview button:contains('Check')").Click();
        Assert.Contains("Correct", cut.Find(".qe-preview .feedback--correct").TextContent);

        cut.Find("#qf-answer").Change("80");
        Assert.Contains("press “Try it” again", cut.Find(".qe-preview").TextContent);
    }

    [Fact]
    public async Task Try_it_on_a_question_with_problems_shows_them_instead()
    {
        var cut = await RenderEditorAsync();
        AddQuestion(cut, "Cuestionario final", QuestionKind.Ordering);
        cut.Find("button:contains('Try it')").Click();

        Assert.Empty(cut.FindAll(".qe-preview .qe-preview__prompt"));
        Assert.Contains("Fix these to try the question. Problems to fix: 6", Text(cut.Find(".qe-summary"))); // not "nothing was saved": nothing was to be
        Assert.Equal(["Question", "Slide that teaches it", "Item 1", "Item 2", "Item 3", "Explanation"], // in the form's order
            cut.FindAll(".qe-summary li a").Select(a => a.TextContent));
        Assert.Contains("Write the question.", cut.Find("#qf-prompt-error").TextContent);
        Assert.Equal("true", cut.Find("#qf-items-0").GetAttribute("aria-invalid"));
        Assert.Equal("qf-items-0-error", cut.Find("#qf-items-0").GetAttribute("aria-describedby"));
    }

    [Fact]
    public async Task An_existing_question_is_edited_in_place()
    {
        var cut = await RenderEditorAsync();
        var quiz = Quiz(cut, "Punto de control: llevarlo a producción");
        quiz.QuerySelector("button[aria-label='Edit question 1']")!.Click();
        cut.WaitForElement("#qe-editor-title", TimeSpan.FromSeconds(10));

        Assert.Contains("Edit question 1", cut.Find("#qe-editor-title").TextContent);
        var prompt = cut.Find("#qf-prompt");
        var original = prompt.TextContent.Length > 0 ? prompt.TextContent : prompt.GetAttribute("value")!;
        Assert.False(string.IsNullOrEmpty(original));
        cut.Find("#qf-prompt").Change(original + " (revisada)");
        cut.Find("form.qe-editor__form").Submit();

        cut.WaitForAssertion(() => Assert.StartsWith("Question saved", cut.Find(".qe-status").TextContent));
        Assert.Equal(original + " (revisada)", Quiz(cut, "Punto de control: llevarlo a producción").QuerySelector(".qe-question__prompt")!.TextContent);
    }

    [Fact]
    public async Task A_question_is_deleted_only_after_confirming()
    {
        var studio = Services.GetRequiredService<QuizStudio>();
        var chapterId = await ChapterIdAsync();
        var created = await studio.CreateQuizAsync(chapterId, new QuizSettingsForm
        {
            Title = "Para borrar",
            AfterSlideKey = (await studio.GetChapterAsync(chapterId))!.Slides[59].Key,
        });
        var form = QuestionForm.New(QuestionKind.TrueFalse, (await studio.GetChapterAsync(chapterId))!.Slides[59].Key);
        form.Prompt = "¿Se borra?";
        form.Explanation = "Sí.";
        Assert.True((await studio.SaveQuestionAsync(chapterId, created.Id!.Value, form)).Succeeded);
        var cut = await RenderEditorAsync();

        Quiz(cut, "Para borrar").QuerySelector("button[aria-label='Delete question 1']")!.Click();
        Assert.Contains("Delete question 1? This cannot be undone.", cut.Find(".qe-confirm").TextContent);
        cut.Find(".qe-confirm button:contains('Keep it')").Click();
        Assert.Single(Quiz(cut, "Para borrar").QuerySelectorAll(".qe-question"));

        Quiz(cut, "Para borrar").QuerySelector("button[aria-label='Delete question 1']")!.Click();
        cut.Find(".qe-confirm button.button--danger").Click();

        cut.WaitForAssertion(() => Assert.Empty(Quiz(cut, "Para borrar").QuerySelectorAll(".qe-question")));
        Assert.Equal(0, await QuestionCountAsync("para-borrar"));
    }

    [Fact]
    public async Task A_new_quiz_with_a_pass_mark_out_of_range_is_refused_at_that_field()
    {
        var cut = await RenderEditorAsync();
        cut.Find("button:contains('New quiz')").Click();
        cut.WaitForElement("#qf-title", TimeSpan.FromSeconds(10));

        cut.Find("#qf-title").Change("Repaso");
        Assert.True(cut.FindAll("input[name=qf-quiz-kind]")[0].HasAttribute("checked")); // the chapter has its final quiz already
        cut.Find("#qf-afterSlide").Change(cut.FindAll("#qf-afterSlide option")[40].GetAttribute("value")!);
        cut.Find("#qf-passMark").Change("150");
        cut.Find("form.qe-settings").Submit();

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("#qf-passMark").GetAttribute("aria-invalid")), TimeSpan.FromSeconds(10));
        Assert.Equal("qf-passMark-error qf-passMark-hint", cut.Find("#qf-passMark").GetAttribute("aria-describedby"));
        Assert.Contains("The pass mark goes from 0 to 100 %.", cut.Find("#qf-passMark-error").TextContent);

        cut.Find("#qf-passMark").Change("60");
        cut.Find("form.qe-settings").Submit();

        cut.WaitForAssertion(() => Assert.Contains($"Checkpoint after slide 40 · Immediate feedback · pass mark {Percent(0.6)} · 0 questions",
            Quiz(cut, "Repaso").QuerySelector(".qe-quiz__meta")!.TextContent));
    }
}
