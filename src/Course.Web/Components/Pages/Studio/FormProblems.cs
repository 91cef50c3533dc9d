using System.Globalization;
using Course.Core.Quizzes;
using Microsoft.Extensions.Localization;

namespace Course.Web.Components.Pages.Studio;

/// <summary>
/// The problems of one of the quiz editor's forms, by field ("choices.2", "pairs.1.target"): the ids that tie
/// each field to its message, and the words for both. Ordered as the form reads, top to bottom.
/// </summary>
public sealed class FormProblems(IReadOnlyList<ValidationProblem> problems)
{
    public static readonly FormProblems None = new([]);

    public IReadOnlyList<ValidationProblem> All { get; } = [.. problems.OrderBy(p => FormOrder(p.Field))];

    public int Count => All.Count;

    /// <summary>The id of a form field: "qf-choices-2".</summary>
    public static string Fid(string field) => "qf-" + field.Replace('.', '-');

    public static string ErrorId(string field) => Fid(field) + "-error";

    public IEnumerable<ValidationProblem> Of(string field) => All.Where(p => p.Field == field);

    public bool Has(string field) => All.Any(p => p.Field == field);

    public string? Invalid(string field) => Has(field) ? "true" : null;

    /// <summary>aria-describedby for a field: its problem (when it has one) and any hint.</summary>
    public string? DescribedBy(string field, string? hint = null)
    {
        var joined = string.Join(' ', new[] { Has(field) ? ErrorId(field) : null, hint }.Where(i => i is not null));
        return joined.Length == 0 ? null : joined;
    }

    /// <summary>aria-describedby for a group with problems of its own (e.g. "choices" and "correct").</summary>
    public string? DescribedByAll(params string[] fields)
    {
        var joined = string.Join(' ', fields.Where(Has).Select(ErrorId));
        return joined.Length == 0 ? null : joined;
    }

    /// <summary>The problem in the reader's language ("QuizEdErr" + its code), else the validator's English.</summary>
    public static string Say(IStringLocalizer localizer, ValidationProblem problem)
    {
        var text = localizer[$"QuizEdErr{problem.Code}", [.. problem.Arguments]];
        return text.ResourceNotFound ? problem.Message : text.Value;
    }

    /// <summary>The field's name as the form labels it, for the summary.</summary>
    public static string LabelOf(IStringLocalizer L, string field)
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

    /// <summary>The field a summary link leads to: a group's problems point at the group.</summary>
    public static string AnchorOf(string field) => field switch
    {
        "correct" => "choices",
        "body" => "prompt",
        _ => field,
    };

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
}
