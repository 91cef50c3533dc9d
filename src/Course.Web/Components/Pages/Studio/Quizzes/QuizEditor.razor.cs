using System.Globalization;
using Course.Core.Quizzes;
using Course.Web.Data;
using Course.Web.Lessons;
using Course.Web.Studio;
using Course.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using Microsoft.Extensions.Localization;

namespace Course.Web.Components.Pages.Studio.Quizzes;

/// <summary>
/// The studio's quiz editor for one chapter: its quizzes (settings, delete) and their questions (add, edit,
/// reorder, delete; each question's form is a <see cref="QuestionEditor"/>), with problems shown at their
/// fields and summarised. One form is open at a time; nothing is saved until the instructor saves it, and
/// nothing with problems.
/// </summary>
public sealed partial class QuizEditor : ComponentBase
{
    private StudioQuizChapter? chapter;

    // The open editor: a quiz's settings (0 = a new quiz) or a question (of quiz editingQuizId).
    private int? settingsQuizId;
    private QuizSettingsForm? settingsForm;
    private int? editingQuizId;
    private QuestionForm? questionForm;
    private FormProblems problems = FormProblems.None; // of the quiz settings form
    private int found;

    // Confirmations before deleting.
    private int? confirmDeleteQuizId;
    private int? confirmDeleteQuestionId;

    // What kind a new question of each quiz starts as.
    private readonly Dictionary<int, QuestionKind> newKinds = [];

    private string? status;

    [Inject]
    private QuizStudio Studio { get; set; } = null!;

    [Inject]
    private QuizGrader Grader { get; set; } = null!;

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

    [CascadingParameter]
    private Task<AuthenticationState>? Authentication { get; set; }

    /// <summary>The circuit's user is no instructor (markers replayed from another's page): nothing is loaded.</summary>
    private bool denied;

    protected override async Task OnInitializedAsync()
    {
        if (!await StudioAccess.IsInstructorAsync(Authentication))
        {
            denied = true;
            return;
        }

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
    }

    private async Task ReloadAsync() => chapter = await Studio.GetChapterAsync(ChapterId);

    private void Close()
    {
        settingsQuizId = null;
        settingsForm = null;
        editingQuizId = null;
        questionForm = null;
        problems = FormProblems.None;
        confirmDeleteQuizId = null;
        confirmDeleteQuestionId = null;
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

    private void ShowProblems(IReadOnlyList<ValidationProblem> list)
    {
        problems = new FormProblems(list);
        if (list.Count > 0)
        {
            found++;
        }
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

    private async Task QuestionSavedAsync(bool added)
    {
        await ReloadAsync();
        Done(L[added ? "QuizEdQuestionAdded" : "QuizEdQuestionSaved"]);
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

    // Words

    private string KindName(QuestionKind kind) => QuizWords.KindName(L, kind);

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
}
