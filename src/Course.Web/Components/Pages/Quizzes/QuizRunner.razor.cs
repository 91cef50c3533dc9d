using System.Globalization;
using Course.Core.Quizzes;
using Course.Web.Lessons;
using Course.Web.Quizzes;
using Course.Web.Progress;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Course.Web.Components.Pages.Quizzes;

/// <summary>
/// Takes a quiz: shows this attempt's questions, grades on the server as the learner checks or submits,
/// and shows feedback, score and pass mark. Correct answers reach the page only once a question is closed.
/// </summary>
public sealed partial class QuizRunner : ComponentBase
{
    private QuizPlay? play;
    private QuizAttempt? attempt;
    private IReadOnlyList<QuizAttempt> history = [];
    private Dictionary<string, DraftAnswer> drafts = [];
    private readonly Dictionary<string, string> errors = [];
    private List<KeptCheck> checks = [];
    private int current;

    // The result sits above the questions: once the last one is answered, it is brought into view and focused.
    private ElementReference result;
    private bool showResult;

    [Inject]
    private QuizCatalog Quizzes { get; set; } = null!;

    [Inject]
    private QuizAttempts Attempts { get; set; } = null!;

    [Inject]
    private TimeProvider Clock { get; set; } = null!;

    [Inject]
    private IStringLocalizer<SharedResource> L { get; set; } = null!;

    [Inject]
    private LearnerProgress Progress { get; set; } = null!;

    [Inject]
    private Operations.CourseMetrics Metrics { get; set; } = null!;

    [Inject]
    private QuizDrafts Kept { get; set; } = null!;

    [Inject]
    private ILogger<QuizRunner> Logger { get; set; } = null!;

    // One save of the answers at a time; edits made meanwhile are saved together right after it.
    // A signed-in learner's submitted attempt is shown only once it is stored: while it is being stored the page does
    // not render (no result, no feedback), and if storing fails the page says so and offers to store it again.
    private bool storing;
    private bool storeFailed;
    private Task keeping = Task.CompletedTask;
    private bool keepAgain;

    [CascadingParameter]
    private Task<AuthenticationState>? Authentication { get; set; }

    private string? userId;

    [Parameter, EditorRequired]
    public string CourseSlug { get; set; } = "";

    [Parameter, EditorRequired]
    public string ChapterSlug { get; set; } = "";

    [Parameter, EditorRequired]
    public string QuizSlug { get; set; } = "";

    /// <summary>
    /// The secret of a new attempt (its option ids and order), carried from the prerendered page to the live
    /// one so the options do not change when the page becomes interactive. The framework encrypts persisted
    /// state on the server's data-protection keys, so the page never holds it readable.
    /// </summary>
    [PersistentState]
    public string? AttemptSecret { get; set; }

    /// <summary>Where "continue" leads after a checkpoint (the next slide).</summary>
    [Parameter]
    public string? Then { get; set; }

    private string Key => $"{CourseSlug}/{ChapterSlug}/{QuizSlug}";

    private bool Immediate => play!.Definition.Feedback == FeedbackMode.Immediate;

    /// <summary>Long quizzes show one question at a time everywhere; short ones only on narrow screens.</summary>
    private bool Paged => attempt!.Questions.Count > 5;

    private string Language => play!.Chapter.Chapter.Language;

    private static string UiLanguage => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    private int Unanswered => attempt!.Questions.Count(q => drafts[q.Id].IsEmpty);

    protected override async Task OnInitializedAsync()
    {
        play = await Quizzes.GetAsync(CourseSlug, ChapterSlug, QuizSlug);
        if (play is null)
        {
            return;
        }

        Then = PlayerLinks.IsSafeReturn(Then) ? Then : null;
        if (Authentication is not null)
        {
            userId = (await Authentication).User.FindFirstValue(ClaimTypes.NameIdentifier);
        }

        // A signed-in learner's attempt in progress is kept on the server: a page opened again after a dropped
        // connection or a restarted server takes it up with the answers already given. Another open tab's attempt
        // comes first (the same attempt, so it is stored once); this page then keeps that attempt's secret.
        var kept = userId is null ? null : await Kept.LoadAsync(userId, play.Chapter.Chapter.ChapterId, QuizSlug);
        AttemptSecret = kept?.Secret ?? AttemptSecret ?? AttemptKey.New().ToString();
        var current = Attempts.Current(Key, play.Definition, AttemptKey.Parse(AttemptSecret), userId, kept);
        AttemptSecret = current.Key.ToString();
        Load(current, kept?.AttemptId == current.Id ? kept : null);
    }

    private void Load(QuizAttempt next, QuizDraftState? kept = null)
    {
        attempt = next;
        drafts = attempt.Questions.ToDictionary(q => q.Id, q => new DraftAnswer(q));
        if (kept is not null && kept.AttemptId == attempt.Id && !attempt.IsSubmitted)
        {
            foreach (var (questionId, answer) in kept.Drafts)
            {
                if (drafts.TryGetValue(questionId, out var draft))
                {
                    draft.Restore(answer);
                }
            }
        }

        history = Attempts.History(Key);
        checks = kept is not null && kept.AttemptId == attempt.Id ? [.. kept.Checks] : [];
        errors.Clear();
        current = 0;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (showResult && attempt is { IsSubmitted: true })
        {
            showResult = false;
            try
            {
                await result.FocusAsync(preventScroll: false);
            }
            catch (Exception e) when (e is Microsoft.JSInterop.JSException or Microsoft.JSInterop.JSDisconnectedException or InvalidOperationException)
            {
                // The circuit is closing or the result is gone again (a retake): nothing to show.
            }
        }
    }

    protected override bool ShouldRender() => !storing;

    private void GoTo(int index) => current = Math.Clamp(index, 0, attempt!.Questions.Count - 1);

    private async Task Check(string questionId)
    {
        if (storing || attempt!.IsSubmitted)
        {
            return;
        }

        try
        {
            errors.Remove(questionId);
            var answer = drafts[questionId].ToAnswer();
            var tries = attempt!.Outcome(questionId).Tries;
            attempt.Check(questionId, answer);
            if (attempt.Outcome(questionId).Tries > tries)
            {
                checks.Add(new KeptCheck(questionId, KeptAnswer.From(answer)));
                KeepAnswers();
            }

            if (attempt.Questions.All(q => attempt.Outcome(q.Id).Closed))
            {
                attempt.Submit(new Dictionary<string, Answer>(), Clock.GetUtcNow());
                history = Attempts.History(Key);
                showResult = true;
                await KeepAsync();
            }
        }
        catch (InvalidAnswerException e)
        {
            errors[questionId] = e.Message;
        }
    }

    private async Task Submit()
    {
        if (storing || attempt!.IsSubmitted)
        {
            return; // a second click while the first is being stored
        }

        errors.Clear();
        var answers = new Dictionary<string, Answer>();
        foreach (var question in attempt!.Questions.Where(q => !drafts[q.Id].IsEmpty))
        {
            try
            {
                answers[question.Id] = drafts[question.Id].ToAnswer();
            }
            catch (InvalidAnswerException e)
            {
                errors[question.Id] = e.Message;
            }
        }

        foreach (var (id, problem) in attempt.Submit(answers, Clock.GetUtcNow()))
        {
            errors[id] = problem;
        }

        if (errors.Count > 0)
        {
            GoTo(attempt.Questions.ToList().FindIndex(q => errors.ContainsKey(q.Id)));
            return;
        }

        history = Attempts.History(Key);
        current = 0;
        showResult = true;
        await KeepAsync();
    }

    /// <summary>
    /// A signed-in learner's attempt belongs to them: it is stored once submitted, before the result is shown, so a
    /// result the learner saw is a result the server kept (a crash or a failing database in between shows none).
    /// </summary>
    private async Task KeepAsync()
    {
        Metrics.QuizSubmitted(signedIn: userId is not null);
        await StoreAsync();
    }

    private async Task StoreAsync()
    {
        if (userId is null)
        {
            return;
        }

        storing = true;
        storeFailed = false;
        try
        {
            await Progress.SaveAttemptAsync(userId, play!.Chapter.Chapter.ChapterId, attempt!);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The answers given so far stay kept on the server (QuizDrafts) until the attempt is stored.
            Logger.LogError(e, "A submitted quiz attempt could not be stored");
            storeFailed = true;
            showResult = false;
        }
        finally
        {
            storing = false;
        }
    }

    private async Task StoreAgain()
    {
        if (storing)
        {
            return;
        }

        showResult = true;
        await StoreAsync();
    }

    private void Retake()
    {
        AttemptSecret = AttemptKey.New().ToString();
        Load(Attempts.Retake(Key, play!.Definition, AttemptKey.Parse(AttemptSecret), userId));
    }

    /// <summary>
    /// Keeps this attempt's answers on the server as they are given (signed-in learners). Never awaited by the
    /// page: a slow database does not slow typing, and a failed save is logged, the answers stay on the page.
    /// </summary>
    private void KeepAnswers()
    {
        if (userId is null || attempt is null || attempt.IsSubmitted)
        {
            return;
        }

        if (!keeping.IsCompleted)
        {
            keepAgain = true;
            return;
        }

        keeping = KeepAnswersAsync();
    }

    private async Task KeepAnswersAsync()
    {
        do
        {
            keepAgain = false;
            if (attempt is not { IsSubmitted: false } current)
            {
                return;
            }

            var state = new QuizDraftState(current.Id, AttemptSecret!, current.StartedAt, [.. checks],
                drafts.Where(d => !current.Outcome(d.Key).Closed).Select(d => (d.Key, Answer: d.Value.Keep()))
                    .Where(d => d.Answer is not null).ToDictionary(d => d.Key, d => d.Answer!, StringComparer.Ordinal));
            try
            {
                await Kept.SaveAsync(userId!, play!.Chapter.Chapter.ChapterId, QuizSlug, state);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Logger.LogWarning(e, "The answers of a quiz in progress could not be kept");
                return;
            }
        }
        while (keepAgain);
    }

    private string? ReviewUrl(QuestionView question) =>
        play!.Chapter.SlideNumberOf(question.TeachingSlideKey) is { } slide
            ? PlayerLinks.Review(CourseSlug, ChapterSlug, slide, QuizSlug, question.Id)
            : null;

    private static string Percent(double share) => share.ToString("P0", CultureInfo.CurrentCulture);
}
