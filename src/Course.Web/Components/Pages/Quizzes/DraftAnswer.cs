using Course.Core.Quizzes;
using Course.Web.Quizzes;

namespace Course.Web.Components.Pages.Quizzes;

/// <summary>What a learner has entered for a question so far, before it is checked or submitted.</summary>
public sealed class DraftAnswer(QuestionView question)
{
    public HashSet<string> Selected { get; } = [];

    public string Text { get; set; } = "";

    public bool? Value { get; set; }

    /// <summary>Ordering questions start in this attempt's shuffled order.</summary>
    public List<string> Order { get; } = question.Kind == QuestionKind.Ordering ? [.. question.Options.Select(o => o.Id)] : [];

    public Dictionary<string, string> Pairs { get; } = [];

    private bool moved;

    public bool IsEmpty => question.Kind switch
    {
        QuestionKind.SingleChoice or QuestionKind.MultipleResponse => Selected.Count == 0,
        QuestionKind.TrueFalse => Value is null,
        QuestionKind.Matching => Pairs.Count < question.Options.Count,
        QuestionKind.Ordering => !moved, // the start order is random: a list the learner has not touched is no answer yet
        _ => string.IsNullOrWhiteSpace(Text),
    };

    public Answer ToAnswer() => question.Kind switch
    {
        QuestionKind.SingleChoice or QuestionKind.MultipleResponse => new ChoiceAnswer([.. Selected]),
        QuestionKind.TrueFalse => Value is { } value ? new TrueFalseAnswer(value) : throw new InvalidAnswerException("Choose true or false."),
        QuestionKind.Ordering => new OrderingAnswer([.. Order]),
        QuestionKind.Matching => new MatchingAnswer(new Dictionary<string, string>(Pairs)),
        _ => new TextAnswer(Text),
    };

    /// <summary>What to keep on the server (null when nothing is entered yet).</summary>
    public KeptAnswer? Keep() => IsEmpty && Pairs.Count == 0 && Text.Length == 0
        ? null
        : new KeptAnswer(question.Kind == QuestionKind.Ordering ? [.. Order] : [.. Selected],
            Text.Length > QuizDrafts.MaxTextCharacters ? Text[..QuizDrafts.MaxTextCharacters] : Text, Value, new Dictionary<string, string>(Pairs), moved);

    /// <summary>Puts back what was kept, leaving out any id this question no longer shows (the quiz was edited since).</summary>
    public void Restore(KeptAnswer kept)
    {
        var options = question.Options.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var targets = question.Targets.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        switch (question.Kind)
        {
            case QuestionKind.SingleChoice or QuestionKind.MultipleResponse:
                Selected.UnionWith((kept.Ids ?? []).Where(options.Contains));
                break;
            case QuestionKind.TrueFalse:
                Value = kept.Value;
                break;
            case QuestionKind.Ordering when kept.Ids is { } order && order.Length == Order.Count && order.All(options.Contains) && order.Distinct().Count() == Order.Count:
                Order.Clear();
                Order.AddRange(order);
                moved = kept.Moved;
                break;
            case QuestionKind.Matching:
                foreach (var (prompt, target) in kept.Pairs ?? [])
                {
                    if (options.Contains(prompt) && targets.Contains(target))
                    {
                        Pairs[prompt] = target;
                    }
                }

                break;
            case QuestionKind.Ordering:
                break;
            default:
                Text = kept.Text ?? "";
                break;
        }
    }

    public void Move(int index, int by)
    {
        var target = index + by;
        if (target < 0 || target >= Order.Count)
        {
            return;
        }

        (Order[index], Order[target]) = (Order[target], Order[index]);
        moved = true;
    }
}
