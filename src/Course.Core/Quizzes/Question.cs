using System.Text.Json.Serialization;

namespace Course.Core.Quizzes;

public enum QuizKind
{
    /// <summary>Offered by the player after a given slide; can be skipped.</summary>
    Checkpoint,

    /// <summary>Offered at the chapter's end.</summary>
    Final,
}

public enum FeedbackMode
{
    /// <summary>Check each question at once, with one retry.</summary>
    Immediate,

    /// <summary>Submit everything, then review.</summary>
    Deferred,
}

/// <summary>A choice a learner can pick, order or match. Ids are stable; texts are what is shown.</summary>
public sealed record Choice(string Id, string Text);

/// <summary>
/// A question with its answer. Lives on the server only: what the browser receives is a
/// <see cref="QuestionView"/>, built from it without the answer.
/// </summary>
public sealed record Question(string Id, string Prompt, string Explanation, string? TeachingSlideKey, QuestionBody Body)
{
    public QuestionKind Kind => Body.Kind;
}

public enum QuestionKind
{
    SingleChoice,
    MultipleResponse,
    TrueFalse,
    Numeric,
    Ordering,
    Matching,
    ShortText,
    TokenCount,
}

/// <summary>The part of a question that depends on its kind, including the correct answer.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ChoiceBody), "choice")]
[JsonDerivedType(typeof(TrueFalseBody), "true-false")]
[JsonDerivedType(typeof(NumericBody), "numeric")]
[JsonDerivedType(typeof(OrderingBody), "ordering")]
[JsonDerivedType(typeof(MatchingBody), "matching")]
[JsonDerivedType(typeof(ShortTextBody), "short-text")]
[JsonDerivedType(typeof(TokenCountBody), "token-count")]
public abstract record QuestionBody
{
    [JsonIgnore]
    public abstract QuestionKind Kind { get; }
}

/// <summary>Single choice (one correct) or multiple response (any number correct, partial credit).</summary>
public sealed record ChoiceBody(IReadOnlyList<Choice> Choices, IReadOnlyList<string> Correct, bool Multiple = false) : QuestionBody
{
    public override QuestionKind Kind => Multiple ? QuestionKind.MultipleResponse : QuestionKind.SingleChoice;
}

public sealed record TrueFalseBody(bool Answer) : QuestionBody
{
    public override QuestionKind Kind => QuestionKind.TrueFalse;
}

/// <summary>A number, right within an absolute tolerance or a relative one (0.05 = 5 %).</summary>
public sealed record NumericBody(decimal Answer, decimal Tolerance = 0, bool Relative = false, string? Unit = null) : QuestionBody
{
    public override QuestionKind Kind => QuestionKind.Numeric;
}

/// <summary>Items to put in order; <see cref="Items"/> is the correct order.</summary>
public sealed record OrderingBody(IReadOnlyList<Choice> Items) : QuestionBody
{
    public override QuestionKind Kind => QuestionKind.Ordering;
}

/// <summary>Each prompt goes with one target; <see cref="Pairs"/> maps prompt id to target id.</summary>
public sealed record MatchingBody(IReadOnlyList<Choice> Prompts, IReadOnlyList<Choice> Targets, IReadOnlyDictionary<string, string> Pairs) : QuestionBody
{
    public override QuestionKind Kind => QuestionKind.Matching;
}

/// <summary>Free text compared with accepted answers, ignoring case, accents, spacing and end punctuation.</summary>
public sealed record ShortTextBody(IReadOnlyList<string> Accepted) : QuestionBody
{
    public override QuestionKind Kind => QuestionKind.ShortText;
}

/// <summary>"How many tokens does <see cref="Model"/> make of <see cref="Text"/>?" — answered by the real tokenizer at grading time.</summary>
public sealed record TokenCountBody(string Model, string Text) : QuestionBody
{
    public override QuestionKind Kind => QuestionKind.TokenCount;
}

/// <summary>A quiz: a checkpoint after a slide, or the chapter's final quiz.</summary>
public sealed record QuizDefinition(
    string Slug,
    string Title,
    QuizKind Kind,
    string? AfterSlideKey,
    FeedbackMode Feedback,
    double PassMark,
    IReadOnlyList<Question> Questions)
{
    public const double DefaultPassMark = 0.7;
}
