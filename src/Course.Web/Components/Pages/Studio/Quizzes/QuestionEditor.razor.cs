using Course.Core.Quizzes;
using Course.Core.Tokens;
using Course.Web.Data;
using Course.Web.Lessons;
using Course.Web.Studio;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Course.Web.Components.Pages.Studio.Quizzes;

/// <summary>
/// The quiz editor's form for one question, new or stored: the fields of its type, problems at their fields
/// and summarised above, saving through <see cref="QuizStudio"/>, and <em>Try it</em>, which renders the
/// question as learners get it and grades it with the real grader. Nothing with problems is saved.
/// </summary>
public sealed partial class QuestionEditor : ComponentBase
{
    /// <summary>The question id the preview renders with, so its controls never share ids with the form's.</summary>
    private const string PreviewKey = "try-it";

    private FormProblems problems = FormProblems.None;
    private int found;
    private bool checking; // the problems shown come from Try it, not from saving

    // The "Try it" preview (QuizTryIt): the question as last checked, a new run each time, and whether the form changed since.
    private Question? tryQuestion;
    private int tryRun;
    private bool tryStale;

    [Inject]
    private QuizStudio Studio { get; set; } = null!;

    [Inject]
    private ITokenCounter Tokens { get; set; } = null!;

    [Inject]
    private IStringLocalizer<SharedResource> L { get; set; } = null!;

    [Parameter, EditorRequired]
    public StudioQuizChapter Chapter { get; set; } = null!;

    [Parameter, EditorRequired]
    public int QuizId { get; set; }

    [Parameter, EditorRequired]
    public QuestionForm Form { get; set; } = null!;

    /// <summary>The question's place in its quiz, for the heading ("Question 3").</summary>
    [Parameter, EditorRequired]
    public int Number { get; set; }

    /// <summary>Raised once the question is stored; true when it was a new one.</summary>
    [Parameter]
    public EventCallback<bool> Saved { get; set; }

    [Parameter]
    public EventCallback OnCancel { get; set; }

    private static readonly QuestionKind[] Kinds = Enum.GetValues<QuestionKind>();

    private static IReadOnlyList<TokenEncoding> Encodings => TokenExplorer.Encodings;

    private string Language => Chapter.Language;

    private FeedbackMode Feedback => Chapter.Quizzes.FirstOrDefault(q => q.Id == QuizId)?.Feedback ?? FeedbackMode.Immediate;

    private async Task SaveAsync()
    {
        var adding = Form.Id is null;
        var result = await Studio.SaveQuestionAsync(Chapter.ChapterId, QuizId, Form);
        if (!result.Succeeded)
        {
            checking = false;
            ShowProblems(result.Problems);
            return;
        }

        await Saved.InvokeAsync(adding);
    }

    private void ShowProblems(IReadOnlyList<ValidationProblem> list)
    {
        problems = new FormProblems(list);
        if (list.Count > 0)
        {
            found++;
        }
    }

    private void KindChanged()
    {
        problems = FormProblems.None;
        tryQuestion = null;
        tryStale = false;
    }

    private void Changed()
    {
        tryStale = tryQuestion is not null;
        if (problems.Count > 0)
        {
            // Problems already shown follow the form as it is fixed (without taking the focus again).
            problems = new FormProblems(QuizStudio.Check(Form, PreviewKey, Chapter.LinkableSlideKeys).Problems);
        }
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

    // The preview

    private void TryIt()
    {
        var (question, list) = QuizStudio.Check(Form, PreviewKey, Chapter.LinkableSlideKeys);
        checking = true;
        ShowProblems(list);
        tryQuestion = question;
        tryRun++;
        tryStale = false;
    }

    private string? TryReviewUrl =>
        Chapter.Status == ChapterStatus.Published && Chapter.Slide(tryQuestion?.TeachingSlideKey)?.PublishedNumber is { } number
            ? PlayerLinks.Slide(Chapter.CourseSlug, Chapter.ChapterSlug, number)
            : null;

    // Words

    private string KindName(QuestionKind kind) => QuizWords.KindName(L, kind);

    private string SlideLabel(StudioSlide slide) => QuizWords.SlideLabel(L, Chapter, slide);

    /// <summary>What the real tokenizer makes of the token-count question's text, as the grader will count it.</summary>
    private int TokenCountNow()
    {
        if (string.IsNullOrEmpty(Form.TokenText))
        {
            return 0;
        }

        try
        {
            return Tokens.CountTokens(Form.Model, Form.TokenText);
        }
        catch (ArgumentException)
        {
            return 0; // an unknown model: the form says so
        }
    }
}
