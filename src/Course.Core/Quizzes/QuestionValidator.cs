using Course.Core.Tokens;

namespace Course.Core.Quizzes;

/// <summary>
/// One problem with a question or a quiz, for its author: the field it belongs to (<c>prompt</c>,
/// <c>choices.2</c>, <c>tolerance</c>, …, see <see cref="QuestionValidator"/>), a stable code an editor can
/// translate (<see cref="ValidationCodes"/>), and the problem as an English sentence.
/// </summary>
public sealed record ValidationProblem(string Field, string Code, string Message)
{
    /// <summary>Values the translated message needs, e.g. the number of options marked correct.</summary>
    public IReadOnlyList<object> Arguments { get; init; } = [];
}

/// <summary>The codes of <see cref="ValidationProblem"/>: one per kind of mistake.</summary>
public static class ValidationCodes
{
    public const string NoPrompt = nameof(NoPrompt);
    public const string NoExplanation = nameof(NoExplanation);
    public const string NoSlide = nameof(NoSlide);
    public const string DuplicateId = nameof(DuplicateId);
    public const string EmptyText = nameof(EmptyText);
    public const string DuplicateText = nameof(DuplicateText);
    public const string TooFewOptions = nameof(TooFewOptions);
    public const string UnknownCorrect = nameof(UnknownCorrect);
    public const string OneCorrect = nameof(OneCorrect);
    public const string SomeCorrect = nameof(SomeCorrect);
    public const string ToleranceRange = nameof(ToleranceRange);
    public const string TooFewItems = nameof(TooFewItems);
    public const string TooFewPairs = nameof(TooFewPairs);
    public const string Unpaired = nameof(Unpaired);
    public const string NoAccepted = nameof(NoAccepted);
    public const string NoTokenText = nameof(NoTokenText);
    public const string UnknownModel = nameof(UnknownModel);
    public const string NoTitle = nameof(NoTitle);
    public const string NoCheckpointSlide = nameof(NoCheckpointSlide);
    public const string PassMarkRange = nameof(PassMarkRange);
    public const string SecondFinal = nameof(SecondFinal);
    public const string CheckpointTaken = nameof(CheckpointTaken);
    public const string NumberRange = nameof(NumberRange);
    public const string TooLong = nameof(TooLong);
    public const string TooManyOptions = nameof(TooManyOptions);
}

/// <summary>A quiz's settings as its author sets them: what <see cref="QuestionValidator.CheckQuiz"/> judges.</summary>
public sealed record QuizSettings(string Title, QuizKind Kind, string? AfterSlideKey, FeedbackMode Feedback, double PassMark);

/// <summary>
/// Checks that a question can be answered and graded, and that a quiz's settings make sense.
/// <see cref="Check"/> names each problem's field: <c>prompt</c>, <c>explanation</c>, <c>slide</c>;
/// <c>choices</c>, <c>choices.{i}</c> and <c>correct</c> (choice); <c>tolerance</c> (numeric);
/// <c>items</c>, <c>items.{i}</c> (ordering); <c>prompts</c>, <c>prompts.{i}</c>, <c>targets.{i}</c> (matching);
/// <c>accepted</c>, <c>accepted.{i}</c> (short text); <c>model</c>, <c>text</c> (token count); and
/// <c>title</c>, <c>afterSlide</c>, <c>passMark</c> for a quiz.
/// </summary>
public static class QuestionValidator
{
    /// <summary>Each problem as a sentence (the form import files report).</summary>
    public static IReadOnlyList<string> Validate(Question question) =>
        [.. Check(question)
            .Where(p => p.Code != ValidationCodes.UnknownModel) // the importer names unknown models itself
            .Select(p => p.Message)
            .Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Every problem with its field. <paramref name="requireSlide"/>: the studio asks every question for the
    /// slide that teaches it once the chapter has slides; import files may leave it out.
    /// </summary>
    public static IReadOnlyList<ValidationProblem> Check(Question question, bool requireSlide = false)
    {
        var problems = new List<ValidationProblem>();
        if (string.IsNullOrWhiteSpace(question.Prompt))
        {
            problems.Add(new("prompt", ValidationCodes.NoPrompt, "the question has no prompt"));
        }

        if (string.IsNullOrWhiteSpace(question.Explanation))
        {
            problems.Add(new("explanation", ValidationCodes.NoExplanation, "the question has no explanation"));
        }

        if (requireSlide && string.IsNullOrWhiteSpace(question.TeachingSlideKey))
        {
            problems.Add(new("slide", ValidationCodes.NoSlide, "the question needs the slide that teaches it"));
        }

        QuestionBounds.Check(question.Body, problems);
        if (problems.Any(p => p.Code == ValidationCodes.TooManyOptions))
        {
            return problems; // the checks below compare every entry with every other
        }

        switch (question.Body)
        {
            case ChoiceBody body:
                CheckChoices(body, problems);
                break;
            case NumericBody body when body.Tolerance < 0 || (body.Relative && body.Tolerance >= 1):
                problems.Add(new("tolerance", ValidationCodes.ToleranceRange, "the tolerance must be at least 0 (and below 1 when relative)"));
                break;
            case OrderingBody body:
                Unique(body.Items, "items", "item", problems);
                if (body.Items.Count < 2)
                {
                    problems.Add(new("items", ValidationCodes.TooFewItems, "an ordering question needs at least two items") { Arguments = [2] });
                }

                break;
            case MatchingBody body:
                CheckMatching(body, problems);
                break;
            case ShortTextBody body:
                CheckAccepted(body, problems);
                break;
            case TokenCountBody body:
                if (TokenExplorer.Encodings.All(e => e.Model != body.Model))
                {
                    problems.Add(new("model", ValidationCodes.UnknownModel, $"unknown tokenizer model '{body.Model}'") { Arguments = [body.Model] });
                }

                if (string.IsNullOrWhiteSpace(body.Text))
                {
                    problems.Add(new("text", ValidationCodes.NoTokenText, "a token-count question needs a text to count"));
                }

                break;
        }

        return problems;
    }

    /// <summary>
    /// A quiz's settings, and how they sit with the chapter's <paramref name="others"/>: one final quiz per
    /// chapter, and one checkpoint per slide (the player offers only the first).
    /// </summary>
    public static IReadOnlyList<ValidationProblem> CheckQuiz(QuizSettings quiz, IEnumerable<QuizSettings>? others = null)
    {
        var problems = new List<ValidationProblem>();
        if (string.IsNullOrWhiteSpace(quiz.Title))
        {
            problems.Add(new("title", ValidationCodes.NoTitle, "the quiz has no title"));
        }

        if (quiz.Kind == QuizKind.Checkpoint && string.IsNullOrWhiteSpace(quiz.AfterSlideKey))
        {
            problems.Add(new("afterSlide", ValidationCodes.NoCheckpointSlide, "a checkpoint needs the slide it follows"));
        }

        if (double.IsNaN(quiz.PassMark) || quiz.PassMark is < 0 or > 1)
        {
            problems.Add(new("passMark", ValidationCodes.PassMarkRange, "the pass mark is a share between 0 and 1, e.g. 0.7"));
        }

        var rest = others?.ToList() ?? [];
        if (quiz.Kind == QuizKind.Final && rest.Any(o => o.Kind == QuizKind.Final))
        {
            problems.Add(new("kind", ValidationCodes.SecondFinal, "the chapter already has a final quiz"));
        }

        if (quiz.Kind == QuizKind.Checkpoint && !string.IsNullOrWhiteSpace(quiz.AfterSlideKey)
            && rest.FirstOrDefault(o => o.Kind == QuizKind.Checkpoint && o.AfterSlideKey == quiz.AfterSlideKey) is { } taken)
        {
            problems.Add(new("afterSlide", ValidationCodes.CheckpointTaken, $"the checkpoint '{taken.Title}' already follows this slide") { Arguments = [taken.Title] });
        }

        return problems;
    }

    private static void CheckChoices(ChoiceBody body, List<ValidationProblem> problems)
    {
        Unique(body.Choices, "choices", "option", problems);
        if (body.Choices.Count < 2)
        {
            problems.Add(new("choices", ValidationCodes.TooFewOptions, "a choice question needs at least two options") { Arguments = [2] });
        }

        if (body.Correct.Any(id => body.Choices.All(c => c.Id != id)))
        {
            problems.Add(new("correct", ValidationCodes.UnknownCorrect, "a correct answer names an option that does not exist"));
        }

        var correct = body.Correct.Distinct(StringComparer.Ordinal).Count();
        if (!body.Multiple && body.Correct.Count != 1)
        {
            problems.Add(new("correct", ValidationCodes.OneCorrect, $"a single-choice question has exactly one correct option, not {body.Correct.Count}") { Arguments = [body.Correct.Count] });
        }
        else if (body.Multiple && correct == 0)
        {
            problems.Add(new("correct", ValidationCodes.SomeCorrect, "a multiple-response question needs at least one correct option"));
        }
    }

    private static void CheckMatching(MatchingBody body, List<ValidationProblem> problems)
    {
        Unique(body.Prompts, "prompts", "prompt", problems);
        Unique(body.Targets, "targets", "target", problems);
        if (body.Prompts.Count < 2)
        {
            problems.Add(new("prompts", ValidationCodes.TooFewPairs, "a matching question needs at least two prompts") { Arguments = [2] });
        }

        for (var i = 0; i < body.Prompts.Count; i++)
        {
            if (!body.Pairs.TryGetValue(body.Prompts[i].Id, out var target) || body.Targets.All(t => t.Id != target))
            {
                problems.Add(new($"prompts.{i}", ValidationCodes.Unpaired, "every prompt must be paired with an existing target"));
            }
        }
    }

    private static void CheckAccepted(ShortTextBody body, List<ValidationProblem> problems)
    {
        const string message = "a short-text question needs at least one accepted answer, and none empty";
        if (body.Accepted.Count == 0)
        {
            problems.Add(new("accepted", ValidationCodes.NoAccepted, message));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < body.Accepted.Count; i++)
        {
            var normalised = TextMatching.Normalise(body.Accepted[i]);
            if (normalised.Length == 0)
            {
                problems.Add(new($"accepted.{i}", ValidationCodes.EmptyText, message));
            }
            else if (!seen.Add(normalised))
            {
                problems.Add(new($"accepted.{i}", ValidationCodes.DuplicateText, "two accepted answers are the same once case, accents and spacing are ignored"));
            }
        }
    }

    /// <summary>
    /// Ids distinct; texts present and distinct (ignoring case, accents and spacing: two options a learner
    /// cannot tell apart are one too many). Problems with one entry name it: <c>choices.2</c>.
    /// </summary>
    private static void Unique(IReadOnlyList<Choice> choices, string field, string what, List<ValidationProblem> problems)
    {
        if (choices.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count() != choices.Count)
        {
            problems.Add(new(field, ValidationCodes.DuplicateId, $"two {what}s share an id"));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < choices.Count; i++)
        {
            var normalised = TextMatching.Normalise(choices[i].Text ?? "");
            if (string.IsNullOrWhiteSpace(choices[i].Text))
            {
                problems.Add(new($"{field}.{i}", ValidationCodes.EmptyText, $"{Article(what)} {what} has no text"));
            }
            else if (!seen.Add(normalised))
            {
                problems.Add(new($"{field}.{i}", ValidationCodes.DuplicateText, $"two {what}s have the same text"));
            }
        }
    }

    private static string Article(string word) => "aeiou".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";
}
