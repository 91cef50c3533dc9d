using Course.Core.Authoring;
using Course.Core.Quizzes;
using Course.Core.Scripts;

namespace Course.Web.Quizzes;

/// <summary>
/// What a quiz file (or a course package's quizzes) says, checked before anything reads it further: every field
/// present, every number, count and length within its bound (docs/reliability.md, "Bad input"). Whether the
/// questions make sense is <see cref="QuizImporter"/>'s to say, with the chapter's slides. Pure, so the importers
/// and the fuzz tests share it. Each problem starts with its field, e.g.
/// <c>quizzes[0].questions[2].body.answer: …</c>.
/// </summary>
public static class QuizBankCheck
{
    public const int MaxQuizzes = 100;
    public const int MaxQuestions = 200;
    public const int MaxTools = 500;

    /// <summary>The highest slide number a quiz or tool may name.</summary>
    public const int MaxSlideNumber = 10_000;

    public const int MaxSampleLength = 10_000;

    public static List<string> Problems(QuizBankFile? bank, string where = "")
    {
        var problems = new List<string>();
        if (bank is null)
        {
            problems.Add($"{(where.Length == 0 ? "the file" : where)}: missing");
            return problems;
        }

        var tools = Field(where, "tools");
        if (Count(bank.Tools, MaxTools, tools, problems, required: false))
        {
            for (var i = 0; i < bank.Tools!.Count; i++)
            {
                var at = $"{tools}[{i}]";
                if (bank.Tools[i] is not { } tool)
                {
                    problems.Add($"{at}: missing");
                    continue;
                }

                Slide(tool.Slide, $"{at}.slide", problems);
                if (!QuizImporter.ToolKinds.Contains(tool.Kind))
                {
                    problems.Add($"{at}.kind: unknown kind '{Shown(tool.Kind)}' (known: {string.Join(", ", QuizImporter.ToolKinds)})");
                }

                Length(tool.Sample, MaxSampleLength, $"{at}.sample", problems);
            }
        }

        var quizzes = Field(where, "quizzes");
        if (!Count(bank.Quizzes, MaxQuizzes, quizzes, problems, required: true))
        {
            return problems;
        }

        for (var i = 0; i < bank.Quizzes.Count; i++)
        {
            CheckQuiz(bank.Quizzes[i], $"{quizzes}[{i}]", problems);
        }

        return problems;
    }

    private static void CheckQuiz(QuizBankQuiz? quiz, string at, List<string> problems)
    {
        if (quiz is null)
        {
            problems.Add($"{at}: missing");
            return;
        }

        if (quiz.Slug is null || ChapterMetadataRules.CheckField("slug", quiz.Slug) is not null)
        {
            problems.Add($"{at}.slug: '{Shown(quiz.Slug)}' is not a slug (lowercase letters, digits and single hyphens, at most {MetadataRules.MaxSlugLength} characters)");
        }

        if (string.IsNullOrWhiteSpace(quiz.Title) || quiz.Title.Length > MetadataRules.MaxLength)
        {
            problems.Add($"{at}.title: a quiz needs a title of at most {MetadataRules.MaxLength} characters");
        }

        if (!Enum.IsDefined(quiz.Kind))
        {
            problems.Add($"{at}.kind: unknown kind {(int)quiz.Kind} (use Checkpoint or Final)");
        }

        if (!Enum.IsDefined(quiz.Feedback))
        {
            problems.Add($"{at}.feedback: unknown feedback {(int)quiz.Feedback} (use Immediate or Deferred)");
        }

        Slide(quiz.AfterSlide, $"{at}.afterSlide", problems);
        Slide(quiz.AfterDraftSlide, $"{at}.afterDraftSlide", problems);
        if (quiz.PassMark is { } passMark && (double.IsNaN(passMark) || passMark is < 0 or > 1))
        {
            problems.Add($"{at}.passMark: the pass mark is a share between 0 and 1, e.g. 0.7");
        }

        if (!Count(quiz.Questions, MaxQuestions, $"{at}.questions", problems, required: true))
        {
            return;
        }

        for (var q = 0; q < quiz.Questions.Count; q++)
        {
            CheckQuestion(quiz.Questions[q], $"{at}.questions[{q}]", problems);
        }
    }

    private static void CheckQuestion(QuizBankQuestion? question, string at, List<string> problems)
    {
        if (question is null)
        {
            problems.Add($"{at}: missing");
            return;
        }

        if (string.IsNullOrWhiteSpace(question.Id) || question.Id.Length > QuestionBounds.MaxShortTextLength)
        {
            problems.Add($"{at}.id: a question needs an id of at most {QuestionBounds.MaxShortTextLength} characters");
        }

        Length(question.Prompt, QuizLimits.MaxPrompt, $"{at}.prompt", problems);
        Length(question.Explanation, QuizLimits.MaxExplanation, $"{at}.explanation", problems);
        Slide(question.Slide, $"{at}.slide", problems);
        Slide(question.DraftSlide, $"{at}.draftSlide", problems);
        if (MissingInBody(question.Body) is { } missing)
        {
            problems.Add($"{at}.body{missing}: missing");
            return;
        }

        // Only the validator's bounds: whether a question makes sense is the importer's to say, with its slides.
        var checkable = new Question(question.Id ?? "", question.Prompt ?? "", question.Explanation ?? "", null, question.Body!);
        foreach (var problem in QuestionValidator.Check(checkable).Where(p => p.Code is ValidationCodes.NumberRange or ValidationCodes.TooLong or ValidationCodes.TooManyOptions))
        {
            problems.Add($"{at}.body.{problem.Field}: {problem.Message}");
        }
    }

    /// <summary>The path of the first null a body's JSON left where a value must be ("" for the body itself); null when complete.</summary>
    private static string? MissingInBody(QuestionBody? body) => body switch
    {
        null => "",
        ChoiceBody b => MissingInChoices(b.Choices, ".choices") ?? (b.Correct is null ? ".correct" : b.Correct.Contains(null!) ? ".correct[]" : null),
        NumericBody => null,
        TrueFalseBody => null,
        OrderingBody b => MissingInChoices(b.Items, ".items"),
        MatchingBody b => MissingInChoices(b.Prompts, ".prompts") ?? MissingInChoices(b.Targets, ".targets")
            ?? (b.Pairs is null ? ".pairs" : b.Pairs.Values.Contains(null!) ? ".pairs{}" : null),
        ShortTextBody b => b.Accepted is null ? ".accepted" : b.Accepted.Contains(null!) ? ".accepted[]" : null,
        TokenCountBody b => b.Model is null ? ".model" : b.Text is null ? ".text" : null,
        _ => "",
    };

    private static string? MissingInChoices(IReadOnlyList<Choice>? choices, string field)
    {
        if (choices is null)
        {
            return field;
        }

        for (var i = 0; i < choices.Count; i++)
        {
            if (choices[i] is null)
            {
                return $"{field}[{i}]";
            }

            if (choices[i].Id is null)
            {
                return $"{field}[{i}].id";
            }
        }

        return null;
    }

    private static void Slide(int? slide, string at, List<string> problems)
    {
        if (slide is < 1 or > MaxSlideNumber)
        {
            problems.Add($"{at}: a slide number goes from 1 to {MaxSlideNumber}, not {slide}");
        }
    }

    /// <summary>False (with the problem) when the list is missing but required, or longer than its bound.</summary>
    internal static bool Count<T>(IReadOnlyCollection<T>? list, int max, string at, List<string> problems, bool required)
    {
        if (list is null)
        {
            if (required)
            {
                problems.Add($"{at}: missing");
            }

            return false;
        }

        if (list.Count > max)
        {
            problems.Add($"{at}: more than {max} entries");
            return false;
        }

        return true;
    }

    internal static void Length(string? text, int max, string at, List<string> problems)
    {
        if (text is { Length: var length } && length > max)
        {
            problems.Add($"{at}: longer than {max} characters");
        }
    }

    /// <summary>The deepest nesting of JSON objects and arrays an import file may have (a course package needs 11).</summary>
    public const int MaxJsonDepth = 32;

    /// <summary>
    /// Reads JSON into <typeparamref name="T"/>; anything the serializer refuses (bad syntax, a wrong type, an unknown
    /// question type, nesting past <see cref="MaxJsonDepth"/>) is one problem with its line and column.
    /// </summary>
    internal static (T? Value, string? Problem) Deserialize<T>(string json, System.Text.Json.JsonSerializerOptions options, string what)
        where T : class
    {
        try
        {
            return (System.Text.Json.JsonSerializer.Deserialize<T>(json, options), null);
        }
        catch (System.Text.Json.JsonException e)
        {
            var where = e.LineNumber is { } line ? $"line {line + 1}, column {e.BytePositionInLine + 1}: " : "";
            var path = e.Path is { Length: > 0 } p && p != "$" ? $" at {p}" : "";
            return (null, $"{where}not {what}{path} ({FirstSentence(e.Message)})");
        }
        catch (ArgumentException)
        {
            // Only a string can hold this (a file read as UTF-8 cannot): half of a surrogate pair.
            return (null, $"not {what}: the text is not valid Unicode (half of a UTF-16 surrogate pair)");
        }
        catch (NotSupportedException e)
        {
            // E.g. a question body without its "type": the serializer cannot make an abstract body.
            return (null, $"not {what} ({FirstSentence(e.Message)})");
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return Shown(end < 0 ? message : message[..(end + 1)]);
    }

    /// <summary>A value as a message shows it: cut short, since it may be as long as the file.</summary>
    internal static string Shown(string? value) =>
        value is null ? "" : value.Length <= 200 ? value : value[..200] + "…";

    private static string Field(string where, string name) => where.Length == 0 ? name : $"{where}.{name}";
}
