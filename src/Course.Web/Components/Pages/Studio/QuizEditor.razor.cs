using System.Globalization;
using Course.Core.Quizzes;
using Course.Core.Tokens;
using Course.Web.Components.Pages.Quizzes;
using Course.Web.Data;
using Course.Web.Lessons;
using Course.Web.Studio;
using Course.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Microsoft.Extensions.Localization;

namespace Course.Web.Components.Pages.Studio;

/// <summary>
/// The studio's quiz editor for one chapter: its quizzes (settings, delete), their questions (add, edit,
/// reorder, delete) with a form per question type, problems shown at their fields and summarised, and a
/// <em>Try it</em> preview that renders the question as learners see it and grades it with the real grader.
/// One editor is open at a time; nothing is saved until the instructor saves it, and nothing with problems.
/// </summary>
public sealed partial class QuizEditor : ComponentBase
{
    /// <summary>The question id the preview renders with, so its controls never share ids with the form's.</summary>
    private const string PreviewKey = "try-it";

    private StudioQuizChapter? chapter;

    // The open editor: a quiz's settings (0 = a new quiz) or a question (of quiz editingQuizId).
    private int? settingsQuizId;
    private QuizSettingsForm? settingsForm;
    private int? editingQuizId;
    private QuestionForm? questionForm;
    private IReadOnlyList<ValidationProblem> problems = [];
    private bool focusSummary;

    // Confirmations before deleting.
    private int? confirmDeleteQuizId;
    private int? confirmDeleteQuestionId;

    // What kind a new question of each quiz starts as.
    private readonly Dictionary<int, QuestionKind> newKinds = [];

    // The "Try it" preview (QuizTryIt): the question as last checked, a new run each time, and whether the form changed since.
    private Question? tryQuestion;
    private int tryRun;
    private bool tryStale;

    private string? status;
    private ElementReference summary;

    [Inject]
    private QuizStudio Studio { get; set; } = null!;

    [Inject]
    private QuizGrader Grader { get; set; } = null!;

    [Inject]
    private ITokenCounter Tokens { get; set; } = null!;

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    [Inject]
    private TimeProvider Clock { get; set; } = null!;

    [Inject]
    private IJSRuntime JS { get; set; } = null!;

    /// <summary>The browser's time zone, asked once the page is live; UTC until then or if it cannot say.</summary>
    private TimeZoneInfo zone = TimeZoneInfo.Utc;
    private bool askedZone;

    [Inject]
    private IStringLocalizer<SharedResource> L { get; set; } = null!;

    [Parameter]
    public int ChapterId { get; set; }

    private static readonly QuestionKind[] Kinds = Enum.GetValues<QuestionKind>();

    private static string UiLanguage => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    private string Language => chapter?.Language ?? "en";

    private bool Published => chapter?.Status == ChapterStatus.Published;

    private bool HasSlides => chapter?.Slides.Count > 0;

    protected override async Task OnInitializedAsync()
    {
        chapter = await Studio.GetChapterAsync(ChapterId);
        if (chapter is null)
        {
            Navigation.NotFound();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!askedZone && RendererInfo.IsInteractive)
        {
            askedZone = true;
            try
            {
                var id = await JS.InvokeAsync<string?>("courseTimeZone");
                zone = id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) ? found : TimeZoneInfo.Utc;
            }
            catch (Exception e) when (e is JSException or JSDisconnectedException or InvalidOperationException)
            {
                // An old cached site.js or a closing circuit: times stay in UTC, and say so.
            }
        }

        if (focusSummary)
        {
            focusSummary = false;
            try
            {
                await summary.FocusAsync();
            }
            catch (Exception e) when (e is InvalidOperationException or Microsoft.JSInterop.JSException)
            {
                // Not rendered after all (the problems were cleared); nothing to focus.
            }
        }
    }

    private async Task ReloadAsync() => chapter = await Studio.GetChapterAsync(ChapterId);

    private void Close()
    {
        settingsQuizId = null;
        settingsForm = null;
        editingQuizId = null;
        questionForm = null;
        problems = [];
        confirmDeleteQuizId = null;
        confirmDeleteQuestionId = null;
        ClosePreview();
    }

    private void Done(string message)
    {
        Close();
        // In the browser's time zone; in UTC (and saying so) when the browser did not tell.
        var at = TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), zone).ToString("t", CultureInfo.CurrentCulture);
        ShowStatus(L["QuizEdSavedAt", message, zone == TimeZoneInfo.Utc ? at + " UTC" : at]);
    }

    /// <summary>How long a status message stays: it floats over the page's foot, so it must not stay there.</summary>
    internal static readonly TimeSpan StatusShownFor = TimeSpan.FromSeconds(8);

    private int statusShown;

    /// <summary>Shows (and announces) a message, and takes it away again after <see cref="StatusShownFor"/>.</summary>
    private void ShowStatus(string message)
    {
        status = message;
        _ = HideStatusLaterAsync(++statusShown);
    }

    private async Task HideStatusLaterAsync(int shown)
    {
        await Task.Delay(StatusShownFor, Clock);
        if (shown == statusShown)
        {
            status = "";
            try
            {
                await InvokeAsync(StateHasChanged);
            }
            catch (ObjectDisposedException)
            {
                // The page has gone; nothing to update.
            }
        }
    }

    private void ShowProblems(IReadOnlyList<ValidationProblem> found)
    {
        problems = [.. found.OrderBy(p => FormOrder(p.Field))];
        focusSummary = found.Count > 0;
    }

    /// <summary>Where a field sits in its form, so the summary reads top to bottom: "pairs.1.target" after "pairs.1.prompt".</summary>
    private static (int Place, int Row, string Part) FormOrder(string field)
    {
        var parts = field.Split('.');
        var place = parts[0] switch
        {
            "" => 0,
            "title" or "kind" => 1,
            "prompt" or "afterSlide" => 2,
            "slide" => 3,
            "passMark" => 4,
            "extras" => 6,
            "explanation" => 7,
            _ => 5,
        };
        var row = parts.Length > 1 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var i) ? i : -1;
        return (place, row, parts.Length > 2 ? parts[2] : "");
    }

    // Quizzes

    private void NewQuiz()
    {
        Close();
        settingsQuizId = 0;
        settingsForm = new QuizSettingsForm
        {
            Kind = chapter!.Quizzes.Any(q => q.Kind == QuizKind.Final) ? QuizKind.Checkpoint : QuizKind.Final,
        };
        if (!HasSlides)
        {
            settingsForm.Kind = QuizKind.Final;
        }
    }

    private void EditSettings(StudioQuiz quiz)
    {
        Close();
        settingsQuizId = quiz.Id;
        settingsForm = QuizSettingsForm.From(quiz);
    }

    private async Task SaveSettings()
    {
        var id = settingsQuizId!.Value;
        var result = id == 0
            ? await Studio.CreateQuizAsync(ChapterId, settingsForm!)
            : await Studio.UpdateQuizAsync(ChapterId, id, settingsForm!);
        if (!result.Succeeded)
        {
            ShowProblems(result.Problems);
            return;
        }

        var title = settingsForm!.Title.Trim();
        await ReloadAsync();
        Done(L[id == 0 ? "QuizEdQuizCreated" : "QuizEdQuizSaved", title]);
    }

    private void AskDeleteQuiz(int quizId)
    {
        Close();
        confirmDeleteQuizId = quizId;
    }

    private async Task DeleteQuiz(StudioQuiz quiz)
    {
        await Studio.DeleteQuizAsync(ChapterId, quiz.Id);
        await ReloadAsync();
        Done(L["QuizEdQuizDeleted", quiz.Title]);
    }

    // Questions

    private QuestionKind NewKind(int quizId) => newKinds.GetValueOrDefault(quizId, QuestionKind.SingleChoice);

    private void SetNewKind(int quizId, ChangeEventArgs e)
    {
        if (Enum.TryParse<QuestionKind>(e.Value?.ToString(), out var kind))
        {
            newKinds[quizId] = kind;
        }
    }

    private void AddQuestion(StudioQuiz quiz)
    {
        Close();
        editingQuizId = quiz.Id;
        // A checkpoint's questions are usually taught just before it: start from its slide.
        questionForm = QuestionForm.New(NewKind(quiz.Id), quiz.AfterSlideKey);
    }

    private void EditQuestion(StudioQuiz quiz, StudioQuestion question)
    {
        Close();
        editingQuizId = quiz.Id;
        questionForm = QuestionForm.From(question);
    }

    private async Task SaveQuestion()
    {
        var adding = questionForm!.Id is null;
        var result = await Studio.SaveQuestionAsync(ChapterId, editingQuizId!.Value, questionForm);
        if (!result.Succeeded)
        {
            ShowProblems(result.Problems);
            return;
        }

        await ReloadAsync();
        Done(L[adding ? "QuizEdQuestionAdded" : "QuizEdQuestionSaved"]);
    }

    private async Task MoveQuestion(StudioQuestion question, int direction)
    {
        if (await Studio.MoveQuestionAsync(ChapterId, question.Id, direction))
        {
            await ReloadAsync();
            ShowStatus(L[direction < 0 ? "QuizEdQuestionMovedUp" : "QuizEdQuestionMovedDown", question.Position + direction]);
        }
    }

    private void AskDeleteQuestion(int questionId)
    {
        Close();
        confirmDeleteQuestionId = questionId;
    }

    private async Task DeleteQuestion(StudioQuestion question)
    {
        await Studio.DeleteQuestionAsync(ChapterId, question.Id);
        await ReloadAsync();
        Done(L["QuizEdQuestionDeleted"]);
    }

    private void KindChanged()
    {
        problems = [];
        ClosePreview();
    }

    // Rows of options, items, pairs and accepted answers

    private static void Add<T>(List<T> rows)
        where T : new() => rows.Add(new T());

    private static void Remove<T>(List<T> rows, int index)
    {
        if (index >= 0 && index < rows.Count)
        {
            rows.RemoveAt(index);
        }
    }

    private void Changed() => tryStale = tryQuestion is not null;

    // The preview

    private void TryIt()
    {
        var (question, found) = QuizStudio.Check(questionForm!, PreviewKey, chapter!.LinkableSlideKeys);
        ShowProblems(found);
        tryQuestion = question;
        tryRun++;
        tryStale = false;
    }

    private void ClosePreview()
    {
        tryQuestion = null;
        tryStale = false;
    }

    private string? TryReviewUrl =>
        Published && chapter!.Slide(tryQuestion?.TeachingSlideKey)?.PublishedNumber is { } number
            ? PlayerLinks.Slide(chapter.CourseSlug, chapter.ChapterSlug, number)
            : null;

    // Problems at their fields

    /// <summary>The id of a form field: "qf-choices-2".</summary>
    private static string Fid(string field) => "qf-" + field.Replace('.', '-');

    private static string ErrorId(string field) => Fid(field) + "-error";

    private IEnumerable<ValidationProblem> ProblemsOf(string field) => problems.Where(p => p.Field == field);

    private bool HasProblem(string field) => problems.Any(p => p.Field == field);

    private string? Invalid(string field) => HasProblem(field) ? "true" : null;

    /// <summary>aria-describedby for a field: its problem (when it has one) and any hint.</summary>
    private string? DescribedBy(string field, string? hint = null)
    {
        var ids = new[] { HasProblem(field) ? ErrorId(field) : null, hint }.Where(i => i is not null);
        var joined = string.Join(' ', ids);
        return joined.Length == 0 ? null : joined;
    }

    /// <summary>aria-describedby for a group with problems of its own (e.g. "choices" and "correct").</summary>
    private string? DescribedByAll(params string[] fields)
    {
        var joined = string.Join(' ', fields.Where(HasProblem).Select(ErrorId));
        return joined.Length == 0 ? null : joined;
    }

    private string Message(ValidationProblem problem)
    {
        var text = L[$"QuizEdErr{problem.Code}", [.. problem.Arguments]];
        return text.ResourceNotFound ? problem.Message : text.Value;
    }

    /// <summary>The field's name as the form labels it, for the summary.</summary>
    private string FieldLabel(string field)
    {
        var parts = field.Split('.');
        var n = parts.Length > 1 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var i) ? i + 1 : 0;
        return parts[0] switch
        {
            "" => L["QuizEdChapter"],
            "title" => L["QuizEdQuizTitle"],
            "kind" => L["QuizEdQuizKind"],
            "afterSlide" => L["QuizEdAfterSlide"],
            "passMark" => L["QuizEdPassMark"],
            "prompt" => L["QuizEdPrompt"],
            "explanation" => L["QuizEdExplanation"],
            "slide" => L["QuizEdTeachingSlide"],
            "choices" when n > 0 => L["QuizEdOptionN", n],
            "choices" or "correct" => L["QuizEdOptions"],
            "answer" => L["QuizEdAnswer"],
            "tolerance" => L["QuizEdTolerance"],
            "items" when n > 0 => L["QuizEdItemN", n],
            "items" => L["QuizEdItems"],
            "pairs" when n > 0 && parts.Length > 2 && parts[2] == "target" => L["QuizEdMatchN", n],
            "pairs" when n > 0 => L["QuizEdLeftN", n],
            "pairs" => L["QuizEdPairs"],
            "extras" when n > 0 => L["QuizEdExtraN", n],
            "accepted" when n > 0 => L["QuizEdAcceptedN", n],
            "accepted" => L["QuizEdAccepted"],
            "model" => L["QuizEdModel"],
            "text" => L["QuizEdTokenText"],
            _ => field,
        };
    }

    // Words

    private string KindName(QuestionKind kind) => L[$"QuizEdKind{kind}"];

    // Only a published chapter has slides "not yet published" worth pointing out: a new one's are all drafts.
    private string SlideLabel(StudioSlide slide) =>
        Published && slide.PublishedNumber is null
            ? L["QuizEdSlideOptionNew", slide.Number, slide.FirstLine]
            : L["QuizEdSlideOption", slide.Number, slide.FirstLine];

    private static string Percent(double share) => share.ToString("P0", CultureInfo.CurrentCulture);

    private string QuizMeta(StudioQuiz quiz)
    {
        var where = quiz.Kind == QuizKind.Final
            ? L["QuizEdFinal"].Value
            : chapter!.Slide(quiz.AfterSlideKey) is { } slide ? L["QuizEdCheckpointAfter", slide.Number].Value : L["QuizEdCheckpoint"].Value;
        return string.Join(" · ",
            where,
            L[quiz.Feedback == FeedbackMode.Immediate ? "QuizEdFeedbackImmediate" : "QuizEdFeedbackDeferred"].Value,
            L["QuizEdPassMarkIs", Percent(quiz.PassMark)].Value,
            L.Counted("QuizEdQuestionCount", quiz.Questions.Count).Value);
    }

    private string Answer(Question question)
    {
        var text = Grader.Describe(question);
        return text switch
        {
            "true" => L["True"],
            "false" => L["False"],
            _ => text,
        };
    }

    private string? LearnerUrl(StudioQuiz quiz) =>
        Published ? PlayerLinks.Quiz(chapter!.CourseSlug, chapter.ChapterSlug, quiz.Slug) : null;

    /// <summary>What the real tokenizer makes of the token-count question's text, as the grader will count it.</summary>
    private int TokenCountNow()
    {
        if (string.IsNullOrEmpty(questionForm?.TokenText))
        {
            return 0;
        }

        try
        {
            return Tokens.CountTokens(questionForm.Model, questionForm.TokenText);
        }
        catch (ArgumentException)
        {
            return 0; // an unknown model: the form says so
        }
    }

    private static IReadOnlyList<TokenEncoding> Encodings => TokenExplorer.Encodings;
}
