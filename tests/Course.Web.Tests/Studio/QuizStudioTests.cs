using System.Net;
using Course.Core.Quizzes;
using Course.Web.Data;
using Course.Web.Quizzes;
using Course.Web.Studio;
using Course.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Studio;

/// <summary>
/// The quiz editor's service on the real database: every question type added and read back, edits, moves,
/// deletions, problems that store nothing, and changes that reach learners at once. The tests share one
/// app; each works on quizzes it creates (after slides of its own) or says which seeded quiz it changes.
/// </summary>
public sealed class QuizStudioTests(CourseAppFactory app) : IClassFixture<CourseAppFactory>
{
    private const string Course = "ai-engineering";
    private const string ChapterSlug = "foundation-models";

    private QuizStudio Studio => app.Services.CreateScope().ServiceProvider.GetRequiredService<QuizStudio>();

    private QuizCatalog Catalog => app.Services.CreateScope().ServiceProvider.GetRequiredService<QuizCatalog>();

    private async Task<CourseDbContext> Db() =>
        await app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();

    private async Task<(int ChapterId, Dictionary<int, string> Slides)> ChapterAsync()
    {
        await using var db = await Db();
        var id = (await db.Chapters.SingleAsync(c => c.Slug == ChapterSlug)).Id;
        return (id, await db.Slides.Where(s => s.ChapterId == id).ToDictionaryAsync(s => s.Position, s => s.Key));
    }

    private async Task<(int ChapterId, int QuizId, Dictionary<int, string> Slides)> NewCheckpointAsync(int afterSlide, string title)
    {
        var (chapterId, slides) = await ChapterAsync();
        var created = await Studio.CreateQuizAsync(chapterId, new QuizSettingsForm
        {
            Title = title,
            Kind = QuizKind.Checkpoint,
            AfterSlideKey = slides[afterSlide],
            Feedback = FeedbackMode.Immediate,
            PassMarkPercent = "80",
        });
        Assert.True(created.Succeeded, string.Join("; ", created.Problems.Select(p => p.Message)));
        return (chapterId, created.Id!.Value, slides);
    }

    private static QuestionForm Form(QuestionKind kind, string prompt, string slideKey, Action<QuestionForm> fill)
    {
        var form = QuestionForm.New(kind, slideKey);
        form.Prompt = prompt;
        form.Explanation = "Porque lo dice la diapositiva.";
        fill(form);
        return form;
    }

    private static List<OptionRow> Rows(params string[] texts) => [.. texts.Select(t => new OptionRow { Text = t })];

    private async Task<StudioQuiz> QuizAsync(int chapterId, int quizId) =>
        (await Studio.GetChapterAsync(chapterId))!.Quizzes.Single(q => q.Id == quizId);

    [Fact]
    public async Task Every_question_type_is_added_at_the_end_and_read_back_with_its_answer()
    {
        var (chapterId, quizId, slides) = await NewCheckpointAsync(30, "Todos los tipos");
        var forms = new (QuestionForm Form, QuestionBody Expected)[]
        {
            (Form(QuestionKind.SingleChoice, "¿Cuál es un modelo de lenguaje?", slides[20], f =>
            {
                f.Choices = Rows("GPT", "JPEG", "CSV");
                f.Choices[0].Correct = true;
            }), new ChoiceBody([new("a", "GPT"), new("b", "JPEG"), new("c", "CSV")], ["a"])),
            (Form(QuestionKind.MultipleResponse, "¿Cuáles generan texto?", slides[20], f =>
            {
                f.Choices = Rows("GPT-4", "Llama", "ResNet");
                f.Choices[0].Correct = f.Choices[1].Correct = true;
            }), new ChoiceBody([new("a", "GPT-4"), new("b", "Llama"), new("c", "ResNet")], ["a", "b"], Multiple: true)),
            (Form(QuestionKind.TrueFalse, "BERT genera texto de izquierda a derecha.", slides[21], f => f.TrueFalseAnswer = false),
                new TrueFalseBody(false)),
            (Form(QuestionKind.Numeric, "¿Cuántas palabras son 100 tokens?", slides[11], f =>
            {
                f.NumericAnswer = "75,5";
                f.Tolerance = "0.05";
                f.Relative = true;
                f.Unit = " palabras ";
            }), new NumericBody(75.5m, 0.05m, true, "palabras")),
            (Form(QuestionKind.Ordering, "Ordena las fases.", slides[22], f => f.Items = Rows("Preentrenamiento", "Ajuste fino", "Despliegue")),
                new OrderingBody([new("a", "Preentrenamiento"), new("b", "Ajuste fino"), new("c", "Despliegue")])),
            (Form(QuestionKind.Matching, "Empareja cada modelo con su tarea.", slides[22], f =>
            {
                f.Pairs = [new() { Prompt = "BERT", Target = "Rellenar" }, new() { Prompt = "GPT", Target = "Generar" }];
                f.ExtraTargets = Rows("Clasificar imágenes");
            }), new MatchingBody(
                [new("a", "BERT"), new("b", "GPT")],
                [new("c", "Rellenar"), new("d", "Generar"), new("e", "Clasificar imágenes")],
                new Dictionary<string, string> { ["a"] = "c", ["b"] = "d" })),
            (Form(QuestionKind.ShortText, "¿Cómo se llama un modelo que predice el siguiente token?", slides[23], f => f.Accepted = Rows("autorregresivo", " autoregresivo ")),
                new ShortTextBody(["autorregresivo", "autoregresivo"])),
            (Form(QuestionKind.TokenCount, "¿Cuántos tokens hace GPT-4o de «Hola mundo»?", slides[10], f =>
            {
                f.Model = "gpt-4o";
                f.TokenText = "Hola mundo";
            }), new TokenCountBody("gpt-4o", "Hola mundo")),
        };

        foreach (var (form, _) in forms)
        {
            var saved = await Studio.SaveQuestionAsync(chapterId, quizId, form);
            Assert.True(saved.Succeeded, $"{form.Kind}: " + string.Join("; ", saved.Problems.Select(p => $"{p.Field} {p.Message}")));
        }

        var quiz = await QuizAsync(chapterId, quizId);
        Assert.Equal(Enum.GetValues<QuestionKind>(), quiz.Questions.Select(q => q.Question.Kind));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], quiz.Questions.Select(q => q.Position));
        Assert.Equal(forms.Select(f => QuizJson.Write(f.Expected)), quiz.Questions.Select(q => QuizJson.Write(q.Question.Body)));
        Assert.Equal("cual-es-un-modelo-de-lenguaje", quiz.Questions[0].Question.Id);
        Assert.Equal(slides[20], quiz.Questions[0].Question.TeachingSlideKey);
        Assert.All(quiz.Questions, q => Assert.Empty(QuestionValidator.Check(q.Question, requireSlide: true)));
        Assert.Equal(0.8, quiz.PassMark);
    }

    [Fact]
    public async Task An_edit_keeps_the_key_and_option_ids_and_never_reuses_a_removed_options_id()
    {
        var (chapterId, quizId, slides) = await NewCheckpointAsync(31, "Editar");
        await Studio.SaveQuestionAsync(chapterId, quizId, Form(QuestionKind.SingleChoice, "¿Qué es un token?", slides[10], f =>
        {
            f.Choices = Rows("Un trozo de texto", "Un píxel", "Un vector");
            f.Choices[0].Correct = true;
        }));
        var stored = (await QuizAsync(chapterId, quizId)).Questions.Single();

        var form = QuestionForm.From(stored);
        form.Prompt = "¿Qué es, exactamente, un token?";
        form.Choices.RemoveAt(1);
        form.Choices.Add(new OptionRow { Text = "Una palabra o parte de ella", Correct = true });
        form.MarkOnlyCorrect(form.Choices[2]);
        var saved = await Studio.SaveQuestionAsync(chapterId, quizId, form);

        Assert.True(saved.Succeeded);
        var edited = (await QuizAsync(chapterId, quizId)).Questions.Single();
        Assert.Equal(stored.Id, edited.Id);
        Assert.Equal("que-es-un-token", edited.Question.Id);
        Assert.Equal("¿Qué es, exactamente, un token?", edited.Question.Prompt);
        var body = Assert.IsType<ChoiceBody>(edited.Question.Body);
        Assert.Equal(["a", "c", "d"], body.Choices.Select(c => c.Id));
        Assert.Equal(["d"], body.Correct);
    }

    [Fact]
    public async Task Questions_move_up_and_down_and_a_deletion_closes_the_gap()
    {
        var (chapterId, quizId, slides) = await NewCheckpointAsync(32, "Orden");
        foreach (var prompt in new[] { "Uno", "Dos", "Tres" })
        {
            await Studio.SaveQuestionAsync(chapterId, quizId, Form(QuestionKind.TrueFalse, prompt, slides[1], _ => { }));
        }

        var questions = (await QuizAsync(chapterId, quizId)).Questions;
        Assert.True(await Studio.MoveQuestionAsync(chapterId, questions[2].Id, -1));
        Assert.False(await Studio.MoveQuestionAsync(chapterId, questions[0].Id, -1)); // already first
        Assert.Equal(["Uno", "Tres", "Dos"], (await QuizAsync(chapterId, quizId)).Questions.Select(q => q.Question.Prompt));

        Assert.True(await Studio.MoveQuestionAsync(chapterId, questions[0].Id, 1));
        Assert.Equal(["Tres", "Uno", "Dos"], (await QuizAsync(chapterId, quizId)).Questions.Select(q => q.Question.Prompt));

        Assert.True(await Studio.DeleteQuestionAsync(chapterId, questions[0].Id));
        var left = (await QuizAsync(chapterId, quizId)).Questions;
        Assert.Equal(["Tres", "Dos"], left.Select(q => q.Question.Prompt));
        Assert.Equal([1, 2], left.Select(q => q.Position));
        Assert.False(await Studio.DeleteQuestionAsync(chapterId, questions[0].Id));
    }

    public static TheoryData<string, Action<QuestionForm>, string> Invalid => new()
    {
        // what is wrong, how, → the problems' fields and codes
        { "no option correct", f => f.Choices.ForEach(c => c.Correct = false), "correct:OneCorrect" },
        { "two options correct", f => f.Choices.ForEach(c => c.Correct = true), "correct:OneCorrect" },
        { "an empty option", f => f.Choices[1].Text = " ", "choices.1:EmptyText" },
        { "two options alike", f => f.Choices[2].Text = "gpt", "choices.2:DuplicateText" },
        { "one option only", f => f.Choices.RemoveRange(1, 2), "choices:TooFewOptions" },
        { "no prompt and no explanation", f => { f.Prompt = ""; f.Explanation = " "; }, "prompt:NoPrompt | explanation:NoExplanation" },
        { "no slide", f => f.TeachingSlideKey = null, "slide:NoSlide" },
        { "a slide of another chapter", f => f.TeachingSlideKey = "not-a-slide", "slide:UnknownSlide" },
        { "a prompt too long", f => f.Prompt = new string('x', 2001), "prompt:TooLong" },
        { "a negative tolerance", f => { f.Kind = QuestionKind.Numeric; f.NumericAnswer = "75"; f.Tolerance = "-1"; }, "tolerance:ToleranceRange" },
        { "an answer that is no number", f => { f.Kind = QuestionKind.Numeric; f.NumericAnswer = "setenta"; }, "answer:NotANumber" },
        { "an ambiguous number", f => { f.Kind = QuestionKind.Numeric; f.NumericAnswer = "32.000"; }, "answer:AmbiguousNumber" },
        { "an answer past ±10^15", f => { f.Kind = QuestionKind.Numeric; f.NumericAnswer = "10000000000000001"; }, "answer:NumberRange" },
        { "an answer of 29 digits", f => { f.Kind = QuestionKind.Numeric; f.NumericAnswer = "-79228162514264337593543950335"; }, "answer:NumberRange" },
        { "an answer of 30 digits", f => { f.Kind = QuestionKind.Numeric; f.NumericAnswer = "999999999999999999999999999999"; }, "answer:NotANumber" },
        { "a tolerance past ±10^15", f => { f.Kind = QuestionKind.Numeric; f.NumericAnswer = "1"; f.Tolerance = "79228162514264337593543950335"; }, "tolerance:NumberRange" },
        { "an option too long", f => f.Choices[1].Text = new string('x', QuestionBounds.MaxShortTextLength + 1), "choices.1:TooLong" },
        { "too many options", f => f.Choices = Rows([.. Enumerable.Range(1, QuestionBounds.MaxOptions + 1).Select(i => $"opción {i}")]), "choices:TooManyOptions" },
        { "one item to order", f => { f.Kind = QuestionKind.Ordering; f.Items = Rows("Solo"); }, "items:TooFewItems" },
        { "a pair without its match", f => { f.Kind = QuestionKind.Matching; f.Pairs = [new() { Prompt = "BERT", Target = "Rellenar" }, new() { Prompt = "GPT" }]; }, "pairs.1.target:EmptyText" },
        { "an extra match like a pair's", f => { f.Kind = QuestionKind.Matching; f.Pairs = [new() { Prompt = "A", Target = "X" }, new() { Prompt = "B", Target = "Y" }]; f.ExtraTargets = Rows("x"); }, "extras.0:DuplicateText" },
        { "no accepted answer", f => { f.Kind = QuestionKind.ShortText; f.Accepted = []; }, "accepted:NoAccepted" },
        { "a text to count missing", f => { f.Kind = QuestionKind.TokenCount; f.TokenText = ""; }, "text:NoTokenText" },
        { "an unknown tokenizer", f => { f.Kind = QuestionKind.TokenCount; f.TokenText = "Hola"; f.Model = "gpt-5"; }, "model:UnknownModel" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task A_question_with_problems_stores_nothing_and_names_each_field(string what, Action<QuestionForm> spoil, string expected)
    {
        var (chapterId, slides) = await ChapterAsync();
        var quizId = (await Studio.GetChapterAsync(chapterId))!.Quizzes.Single(q => q.Slug == "tipos-de-modelos").Id;
        await using var db = await Db();
        var before = await db.QuizQuestions.Select(q => q.BodyJson + q.Prompt).ToListAsync();
        var version = (await db.Chapters.SingleAsync(c => c.Id == chapterId)).Version;
        var form = Form(QuestionKind.SingleChoice, "¿Cuál es de OpenAI?", slides[15], f =>
        {
            f.Choices = Rows("GPT", "Llama", "Gemini");
            f.Choices[0].Correct = true;
        });
        spoil(form);

        var result = await Studio.SaveQuestionAsync(chapterId, quizId, form);

        Assert.False(result.Succeeded, what);
        Assert.Equal(expected, string.Join(" | ", result.Problems.Select(p => $"{p.Field}:{p.Code}")));
        Assert.Equal(before, await db.QuizQuestions.Select(q => q.BodyJson + q.Prompt).ToListAsync());
        Assert.Equal(version, (await db.Chapters.AsNoTracking().SingleAsync(c => c.Id == chapterId)).Version);
    }

    [Fact]
    public async Task Quiz_settings_with_problems_create_nothing()
    {
        var (chapterId, slides) = await ChapterAsync();
        await using var db = await Db();
        var before = await db.Quizzes.CountAsync();
        var tokensSlide = slides[13]; // the seeded checkpoint "tokens" follows slide 13

        var results = new[]
        {
            await Studio.CreateQuizAsync(chapterId, new QuizSettingsForm { Title = "Sin diapositiva", Kind = QuizKind.Checkpoint }),
            await Studio.CreateQuizAsync(chapterId, new QuizSettingsForm { Title = "Otro final", Kind = QuizKind.Final }),
            await Studio.CreateQuizAsync(chapterId, new QuizSettingsForm { Title = "Repetido", AfterSlideKey = tokensSlide }),
            await Studio.CreateQuizAsync(chapterId, new QuizSettingsForm { Title = " ", AfterSlideKey = slides[40], PassMarkPercent = "150" }),
            await Studio.CreateQuizAsync(chapterId, new QuizSettingsForm { Title = "Nota rara", AfterSlideKey = slides[40], PassMarkPercent = "mucho" }),
            await Studio.CreateQuizAsync(chapterId, new QuizSettingsForm { Title = "Nota enorme", AfterSlideKey = slides[40], PassMarkPercent = "79228162514264337593543950335" }),
            await Studio.CreateQuizAsync(chapterId, new QuizSettingsForm { Title = "Nota de 30 cifras", AfterSlideKey = slides[40], PassMarkPercent = "999999999999999999999999999999 %" }),
        };

        Assert.Equal(
            ["afterSlide:NoCheckpointSlide", "kind:SecondFinal", "afterSlide:CheckpointTaken", "title:NoTitle | passMark:PassMarkRange", "passMark:NotANumber",
                "passMark:PassMarkRange", "passMark:NotANumber"],
            results.Select(r => string.Join(" | ", r.Problems.Select(p => $"{p.Field}:{p.Code}"))));
        Assert.Equal(before, await db.Quizzes.CountAsync());
    }

    [Fact]
    public async Task Settings_change_in_place_and_the_slug_stays_so_links_keep_working()
    {
        var (chapterId, quizId, slides) = await NewCheckpointAsync(33, "Antes");

        var saved = await Studio.UpdateQuizAsync(chapterId, quizId, new QuizSettingsForm
        {
            Title = "Después",
            Kind = QuizKind.Checkpoint,
            AfterSlideKey = slides[34],
            Feedback = FeedbackMode.Deferred,
            PassMarkPercent = "55,5 %",
        });

        Assert.True(saved.Succeeded, string.Join("; ", saved.Problems.Select(p => p.Message)));
        var quiz = await QuizAsync(chapterId, quizId);
        Assert.Equal(("antes", "Después", slides[34], FeedbackMode.Deferred, 0.555), (quiz.Slug, quiz.Title, quiz.AfterSlideKey, quiz.Feedback, quiz.PassMark));
        var alone = await Studio.UpdateQuizAsync(chapterId, quizId, QuizSettingsForm.From(quiz)); // not in its own way
        Assert.True(alone.Succeeded);
    }

    [Fact]
    public async Task A_new_question_reaches_learners_at_once_in_the_quiz_and_on_its_page()
    {
        var (chapterId, slides) = await ChapterAsync();
        var quizId = (await Studio.GetChapterAsync(chapterId))!.Quizzes.Single(q => q.Slug == "a-produccion").Id;
        var before = await Catalog.GetAsync(Course, ChapterSlug, "a-produccion"); // cached from now on
        using var client = app.CreateHttpClient();
        Assert.DoesNotContain("¿Qué mide la latencia?", WebUtility.HtmlDecode(await client.GetStringAsync($"/courses/{Course}/chapters/{ChapterSlug}/quizzes/a-produccion")));

        var saved = await Studio.SaveQuestionAsync(chapterId, quizId, Form(QuestionKind.SingleChoice, "¿Qué mide la latencia?", slides[50], f =>
        {
            f.Choices = Rows("El tiempo de respuesta", "El coste por token");
            f.Choices[0].Correct = true;
            f.Explanation = "La latencia es el tiempo que tarda en llegar la respuesta.";
        }));

        Assert.True(saved.Succeeded);
        var play = await Catalog.GetAsync(Course, ChapterSlug, "a-produccion");
        Assert.Equal(before!.Definition.Questions.Count + 1, play!.Definition.Questions.Count);
        Assert.Equal("que-mide-la-latencia", play.Definition.Questions[^1].Id);
        Assert.Equal(play.Definition.Questions.Count, play.Summary.QuestionCount);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/courses/{Course}/chapters/{ChapterSlug}/quizzes/a-produccion"));
        Assert.Contains("¿Qué mide la latencia?", page);
        Assert.Contains("El coste por token", page);
        Assert.DoesNotContain("La latencia es el tiempo", page); // the explanation waits until the question is answered
    }

    [Fact]
    public async Task A_deleted_quiz_is_gone_for_learners()
    {
        var (chapterId, quizId, slides) = await NewCheckpointAsync(35, "Efímero");
        await Studio.SaveQuestionAsync(chapterId, quizId, Form(QuestionKind.TrueFalse, "¿Sí?", slides[35], _ => { }));
        Assert.NotNull(await Catalog.GetAsync(Course, ChapterSlug, "efimero"));

        Assert.True(await Studio.DeleteQuizAsync(chapterId, quizId));

        Assert.Null(await Catalog.GetAsync(Course, ChapterSlug, "efimero"));
        await using var db = await Db();
        Assert.False(await db.Quizzes.AnyAsync(q => q.Id == quizId));
        using var client = app.CreateHttpClient();
        using var response = await client.GetAsync($"/courses/{Course}/chapters/{ChapterSlug}/quizzes/efimero");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Another_chapters_quiz_or_a_missing_question_is_not_found_and_changes_nothing()
    {
        var (chapterId, quizId, slides) = await NewCheckpointAsync(36, "Ajeno");

        var wrongChapter = await Studio.SaveQuestionAsync(chapterId + 1000, quizId, Form(QuestionKind.TrueFalse, "¿Sí?", slides[36], _ => { }));
        var missing = await Studio.SaveQuestionAsync(chapterId, quizId, new QuestionForm { Id = 999_999, Prompt = "¿Sí?", Explanation = "Sí.", Kind = QuestionKind.TrueFalse });

        Assert.Equal(QuizChecks.Codes.NotFound, Assert.Single(wrongChapter.Problems).Code);
        Assert.Equal(QuizChecks.Codes.NotFound, Assert.Single(missing.Problems).Code);
        Assert.Empty((await QuizAsync(chapterId, quizId)).Questions);
    }

    [Fact]
    public async Task The_editor_page_is_for_instructors_and_an_unknown_chapter_is_not_found()
    {
        var (chapterId, _) = await ChapterAsync();
        var address = $"/studio/chapters/{chapterId}/quizzes";
        var learnerEmail = $"ana-{Guid.NewGuid():N}@example.com";
        var instructorEmail = $"prof-{Guid.NewGuid():N}@example.com";
        await SignedInClient.CreateUserAsync(app, learnerEmail);
        await SignedInClient.CreateUserAsync(app, instructorEmail, instructor: true);

        using var anonymous = await SignedInClient.Anonymous(app).GetAsync(address);
        using var learner = await (await SignedInClient.SignInAsync(app, learnerEmail)).GetAsync(address);
        var instructor = await SignedInClient.SignInAsync(app, instructorEmail);
        using var page = await instructor.GetAsync(address);
        using var missing = await instructor.GetAsync($"/studio/chapters/{chapterId + 1000}/quizzes");

        Assert.Equal((HttpStatusCode.Redirect, "/account/login"), (anonymous.StatusCode, anonymous.Headers.Location!.AbsolutePath));
        Assert.Equal((HttpStatusCode.Redirect, "/account/denied"), (learner.StatusCode, learner.Headers.Location!.AbsolutePath));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("<title>Quizzes of Desarrollo de software con Foundation Models · Studio</title>", html);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
