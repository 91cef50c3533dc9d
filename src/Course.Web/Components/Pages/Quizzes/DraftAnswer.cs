using Course.Core.Quizzes;

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
