using Course.Core.Quizzes;
using Course.Web.Chapters;
using Course.Web.Data;
using Course.Web.Quizzes;
using Microsoft.EntityFrameworkCore;

namespace Course.Web.Studio;

/// <summary>
/// What the quiz editor checks before it saves anything: Core's <see cref="QuestionValidator"/> plus what needs
/// the database (the slides exist) or the columns (texts fit), each problem named by the editor's field.
/// </summary>
public static class QuizChecks
{
    /// <summary>Codes of the problems found by the studio rather than in Core (they need the database or parse input).</summary>
    public static class Codes
    {
        public const string NotFound = nameof(NotFound);
        public const string NotANumber = nameof(NotANumber);
        public const string AmbiguousNumber = nameof(AmbiguousNumber);
        public const string UnknownSlide = nameof(UnknownSlide);
        public const string TooLong = nameof(TooLong);
    }

    /// <summary>
    /// Every problem of a question form, by field: numbers that do not read, Core's rules (the teaching slide
    /// required once the chapter has slides), slides that are not the chapter's, texts too long to store.
    /// The question is null when there are problems. Used for saving and for the editor's preview.
    /// </summary>
    public static (Question? Question, IReadOnlyList<ValidationProblem> Problems) Check(QuestionForm form, string key, IReadOnlySet<string> slideKeys)
    {
        var (question, problems) = form.Build(key, requireSlide: slideKeys.Count > 0);
        if (!string.IsNullOrEmpty(question.TeachingSlideKey) && !slideKeys.Contains(question.TeachingSlideKey))
        {
            problems.Add(new("slide", Codes.UnknownSlide, "the slide is not one of this chapter's"));
        }

        TooLong(question.Prompt, QuizLimits.MaxPrompt, "prompt", problems);
        TooLong(question.Explanation, QuizLimits.MaxExplanation, "explanation", problems);
        TooLong(QuizJson.Write(question.Body), QuizLimits.MaxBody, "body", problems);
        return problems.Count == 0 ? (question, problems) : (null, problems);
    }

    /// <summary>A quiz's settings: Core's rules against the chapter's other quizzes, its slide one of the chapter's, its title fits.</summary>
    public static async Task<(QuizSettings? Settings, List<ValidationProblem> Problems)> CheckSettingsAsync(
        CourseDbContext db, int chapterId, QuizSettingsForm form, IReadOnlyList<Quiz> others, CancellationToken cancellationToken)
    {
        var problems = new List<ValidationProblem>();
        var settings = form.ToSettings(problems);
        problems.AddRange(QuestionValidator.CheckQuiz(settings, others.Select(o => new QuizSettings(o.Title, o.Kind, o.AfterSlideKey, o.Feedback, o.PassMark))));
        if (settings.Kind == QuizKind.Checkpoint && !string.IsNullOrEmpty(settings.AfterSlideKey)
            && !(await SlideKeysAsync(db, chapterId, cancellationToken)).Contains(settings.AfterSlideKey))
        {
            problems.Add(new("afterSlide", Codes.UnknownSlide, "the slide is not one of this chapter's"));
        }

        TooLong(settings.Title, QuizLimits.MaxTitle, "title", problems);
        return (problems.Count == 0 ? settings : null, problems);
    }

    /// <summary>
    /// The slides a quiz may name: the draft's (so a chapter can have its quizzes before its first publish)
    /// and the published ones (a question keeps its link until the draft that drops its slide is published).
    /// </summary>
    public static async Task<HashSet<string>> SlideKeysAsync(CourseDbContext db, int chapterId, CancellationToken cancellationToken)
    {
        var keys = (await ChapterReads.WorkingSlidesAsync(db, chapterId, cancellationToken)).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        keys.UnionWith(await db.Slides.Where(s => s.ChapterId == chapterId).Select(s => s.Key).ToListAsync(cancellationToken));
        return keys;
    }

    private static void TooLong(string text, int max, string field, List<ValidationProblem> problems)
    {
        if (text.Length > max)
        {
            problems.Add(new(field, Codes.TooLong, $"at most {max} characters, not {text.Length}") { Arguments = [max, text.Length] });
        }
    }
}
