using System.Globalization;
using Course.Core.Quizzes;
using Course.Core.Tokens;

namespace Course.Web.Studio;

// The quiz editor's forms: what an instructor typed, turned into Core's quiz model with every problem named.

/// <summary>A quiz's settings as typed: the pass mark in percent, as text, so a wrong entry can be named.</summary>
public sealed class QuizSettingsForm
{
    public string Title { get; set; } = "";
    public QuizKind Kind { get; set; } = QuizKind.Checkpoint;
    public string? AfterSlideKey { get; set; }
    public FeedbackMode Feedback { get; set; } = FeedbackMode.Immediate;
    public string PassMarkPercent { get; set; } = Percent(QuizDefinition.DefaultPassMark);

    public static QuizSettingsForm From(StudioQuiz quiz) => new()
    {
        Title = quiz.Title,
        Kind = quiz.Kind,
        AfterSlideKey = quiz.AfterSlideKey,
        Feedback = quiz.Feedback,
        PassMarkPercent = Percent(quiz.PassMark),
    };

    internal QuizSettings ToSettings(List<ValidationProblem> problems)
    {
        var percent = QuizFormValues.ReadNumber((PassMarkPercent ?? "").Trim().TrimEnd('%'), "passMark", problems, emptyIs: null);
        return new QuizSettings(
            (Title ?? "").Trim(),
            Kind,
            Kind == QuizKind.Checkpoint && !string.IsNullOrWhiteSpace(AfterSlideKey) ? AfterSlideKey : null,
            Feedback,
            percent is { } p ? (double)(p / 100m) : QuizDefinition.DefaultPassMark);
    }

    private static string Percent(double share) => Math.Round(share * 100, 2).ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>One option, item or accepted answer in the editor. <see cref="Id"/> is null for a new one.</summary>
public sealed class OptionRow
{
    public string? Id { get; set; }
    public string Text { get; set; } = "";

    /// <summary>Choice questions: whether this option is right.</summary>
    public bool Correct { get; set; }
}

/// <summary>A matching row: a prompt and the target it goes with. Rows naming the same target share it.</summary>
public sealed class PairRow
{
    public string? PromptId { get; set; }
    public string Prompt { get; set; } = "";
    public string Target { get; set; } = "";
}
