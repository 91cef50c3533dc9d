using System.Globalization;
using Course.Core.Quizzes;
using Course.Core.Tokens;

namespace Course.Web.Studio;

/// <summary>
/// A question as the editor holds it while the instructor types: every kind's fields at once (switching
/// kind keeps what was typed), numbers as text. <see cref="Build"/> turns it into a <see cref="Question"/>
/// and names each problem by the editor's field: <c>choices.2</c>, <c>pairs.1.target</c>, <c>extras.0</c>, …
/// Options keep their ids across edits, and a removed option's id is never given to a new one, so stored
/// answers keep meaning what they meant.
/// </summary>
public sealed class QuestionForm
{
    private readonly HashSet<string> originalIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> originalTargets = new(StringComparer.Ordinal);

    /// <summary>The stored question's id; null while it is new.</summary>
    public int? Id { get; init; }

    /// <summary>The stored question's key (what answers and links name); null while it is new.</summary>
    public string? Key { get; init; }

    public QuestionKind Kind { get; set; } = QuestionKind.SingleChoice;
    public string Prompt { get; set; } = "";
    public string Explanation { get; set; } = "";
    public string? TeachingSlideKey { get; set; }

    public List<OptionRow> Choices { get; set; } = [];
    public bool TrueFalseAnswer { get; set; } = true;
    public string NumericAnswer { get; set; } = "";
    public string Tolerance { get; set; } = "0";
    public bool Relative { get; set; }
    public string Unit { get; set; } = "";
    public List<OptionRow> Items { get; set; } = [];
    public List<PairRow> Pairs { get; set; } = [];

    /// <summary>Matching: targets no prompt goes with (distractors).</summary>
    public List<OptionRow> ExtraTargets { get; set; } = [];

    public List<OptionRow> Accepted { get; set; } = [];
    public string Model { get; set; } = TokenExplorer.Encodings[0].Model;
    public string TokenText { get; set; } = "";

    /// <summary>A blank question of a kind, with empty rows to type into.</summary>
    public static QuestionForm New(QuestionKind kind = QuestionKind.SingleChoice, string? slideKey = null) => new()
    {
        Kind = kind,
        TeachingSlideKey = slideKey,
        Choices = [new(), new(), new()],
        Items = [new(), new(), new()],
        Pairs = [new(), new()],
        Accepted = [new()],
    };

    public static QuestionForm From(StudioQuestion stored)
    {
        var question = stored.Question;
        var blank = New(question.Kind, question.TeachingSlideKey);
        var form = new QuestionForm
        {
            Id = stored.Id,
            Key = question.Id,
            Kind = question.Kind,
            Prompt = question.Prompt,
            Explanation = question.Explanation,
            TeachingSlideKey = question.TeachingSlideKey,
            // Rows for the other kinds, should the instructor switch.
            Choices = blank.Choices,
            Items = blank.Items,
            Pairs = blank.Pairs,
            Accepted = blank.Accepted,
        };
        switch (question.Body)
        {
            case ChoiceBody body:
                form.Choices = [.. body.Choices.Select(c => new OptionRow { Id = c.Id, Text = c.Text, Correct = body.Correct.Contains(c.Id) })];
                form.originalIds.UnionWith(body.Choices.Select(c => c.Id));
                break;
            case TrueFalseBody body:
                form.TrueFalseAnswer = body.Answer;
                break;
            case NumericBody body:
                form.NumericAnswer = body.Answer.ToString(CultureInfo.InvariantCulture);
                form.Tolerance = body.Tolerance.ToString(CultureInfo.InvariantCulture);
                form.Relative = body.Relative;
                form.Unit = body.Unit ?? "";
                break;
            case OrderingBody body:
                form.Items = [.. body.Items.Select(i => new OptionRow { Id = i.Id, Text = i.Text })];
                form.originalIds.UnionWith(body.Items.Select(i => i.Id));
                break;
            case MatchingBody body:
                form.Pairs = [.. body.Prompts.Select(p => new PairRow
                {
                    PromptId = p.Id,
                    Prompt = p.Text,
                    Target = body.Pairs.TryGetValue(p.Id, out var t) ? body.Targets.FirstOrDefault(x => x.Id == t)?.Text ?? "" : "",
                })];
                var paired = body.Pairs.Values.ToHashSet(StringComparer.Ordinal);
                form.ExtraTargets = [.. body.Targets.Where(t => !paired.Contains(t.Id)).Select(t => new OptionRow { Id = t.Id, Text = t.Text })];
                form.originalIds.UnionWith(body.Prompts.Select(p => p.Id));
                form.originalIds.UnionWith(body.Targets.Select(t => t.Id));
                foreach (var target in body.Targets)
                {
                    form.originalTargets.TryAdd(TextMatching.Normalise(target.Text), target.Id);
                }

                break;
            case ShortTextBody body:
                form.Accepted = [.. body.Accepted.Select(a => new OptionRow { Text = a })];
                break;
            case TokenCountBody body:
                form.Model = body.Model;
                form.TokenText = body.Text;
                break;
        }

        return form;
    }

    /// <summary>Single choice: marks this option as the one right answer.</summary>
    public void MarkOnlyCorrect(OptionRow option)
    {
        foreach (var row in Choices)
        {
            row.Correct = ReferenceEquals(row, option);
        }
    }

    /// <summary>Moves a row one place up (-1) or down (+1).</summary>
    public static void Move<T>(List<T> rows, int index, int by)
    {
        var target = index + by;
        if (index < 0 || index >= rows.Count || target < 0 || target >= rows.Count)
        {
            return;
        }

        (rows[index], rows[target]) = (rows[target], rows[index]);
    }

    /// <summary>The question this form describes (whatever its problems) and its problems by the form's fields.</summary>
    public (Question Question, List<ValidationProblem> Problems) Build(string key, bool requireSlide)
    {
        var problems = new List<ValidationProblem>();
        var used = new HashSet<string>(originalIds, StringComparer.Ordinal);
        var targetFields = new List<string>();
        QuestionBody body;
        switch (Kind)
        {
            case QuestionKind.SingleChoice:
            case QuestionKind.MultipleResponse:
                var choices = ChoiceIds.WithIds(Choices, used);
                body = new ChoiceBody(choices, [.. choices.Where((_, i) => Choices[i].Correct).Select(c => c.Id)], Kind == QuestionKind.MultipleResponse);
                break;
            case QuestionKind.TrueFalse:
                body = new TrueFalseBody(TrueFalseAnswer);
                break;
            case QuestionKind.Numeric:
                var answer = QuizFormValues.ReadNumber(NumericAnswer, "answer", problems, emptyIs: null);
                var tolerance = QuizFormValues.ReadNumber(Tolerance, "tolerance", problems, emptyIs: 0m);
                body = new NumericBody(answer ?? 0, tolerance ?? 0, Relative, string.IsNullOrWhiteSpace(Unit) ? null : Unit.Trim());
                break;
            case QuestionKind.Ordering:
                body = new OrderingBody(ChoiceIds.WithIds(Items, used));
                break;
            case QuestionKind.Matching:
                body = BuildMatching(used, targetFields);
                break;
            case QuestionKind.ShortText:
                body = new ShortTextBody([.. Accepted.Select(a => (a.Text ?? "").Trim())]);
                break;
            default:
                body = new TokenCountBody(Model, TokenText ?? "");
                break;
        }

        var question = new Question(key, (Prompt ?? "").Trim(), (Explanation ?? "").Trim(),
            string.IsNullOrWhiteSpace(TeachingSlideKey) ? null : TeachingSlideKey, body);
        foreach (var problem in QuestionValidator.Check(question, requireSlide))
        {
            var field = FormField(problem.Field, targetFields);
            if (!problems.Any(p => p.Field == field && p.Code == problem.Code))
            {
                problems.Add(problem with { Field = field });
            }
        }

        return (question, problems);
    }

    private MatchingBody BuildMatching(HashSet<string> used, List<string> targetFields)
    {
        var prompts = ChoiceIds.WithIds([.. Pairs.Select(p => new OptionRow { Id = p.PromptId, Text = p.Prompt })], used);
        used.UnionWith(originalTargets.Values);
        var targets = new List<Choice>();
        var byText = new Dictionary<string, string>(StringComparer.Ordinal);
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        string AddTarget(string text, string field)
        {
            var normalised = TextMatching.Normalise(text);
            var id = originalTargets.TryGetValue(normalised, out var known) && targets.All(t => t.Id != known) ? known : ChoiceIds.FreeId(used);
            used.Add(id);
            targets.Add(new Choice(id, text.Trim()));
            targetFields.Add(field);
            return id;
        }

        for (var i = 0; i < Pairs.Count; i++)
        {
            var text = Pairs[i].Target ?? "";
            var normalised = TextMatching.Normalise(text);
            if (normalised.Length > 0 && byText.TryGetValue(normalised, out var shared))
            {
                pairs[prompts[i].Id] = shared; // two prompts may go with one target
                continue;
            }

            var id = AddTarget(text, $"pairs.{i}.target");
            if (normalised.Length > 0)
            {
                byText[normalised] = id;
            }

            pairs[prompts[i].Id] = id;
        }

        for (var i = 0; i < ExtraTargets.Count; i++)
        {
            AddTarget(ExtraTargets[i].Text ?? "", $"extras.{i}");
        }

        return new MatchingBody(prompts, targets, pairs);
    }

    /// <summary>The Core field of a problem as the form's field: prompts are pair rows, targets rows or extras.</summary>
    private string FormField(string field, List<string> targetFields)
    {
        var parts = field.Split('.');
        if (Kind != QuestionKind.Matching || parts.Length != 2 || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var index))
        {
            return field == "prompts" ? "pairs" : field;
        }

        return parts[0] switch
        {
            "prompts" => $"pairs.{index}.prompt",
            "targets" when index < targetFields.Count => targetFields[index],
            _ => field,
        };
    }
}
