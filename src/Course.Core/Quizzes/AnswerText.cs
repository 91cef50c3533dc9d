namespace Course.Core.Quizzes;

/// <summary>An answer in words, as instructors read it in item statistics ("most common wrong answers").</summary>
public static class AnswerText
{
    public static string Describe(QuestionView question, Answer answer) => answer switch
    {
        ChoiceAnswer choice => string.Join("; ", choice.Selected.Select(id => Text(question.Options, id)).Order(StringComparer.Ordinal)),
        TrueFalseAnswer value => value.Value ? "true" : "false",
        TextAnswer text => text.Text.Trim(),
        OrderingAnswer order => string.Join(" → ", order.Order.Select(id => Text(question.Options, id))),
        MatchingAnswer pairs => string.Join("; ", question.Options.Select(p => $"{p.Text} → {(pairs.Pairs.TryGetValue(p.Id, out var t) ? Text(question.Targets, t) : "—")}")),
        _ => "",
    };

    private static string Text(IReadOnlyList<Choice> choices, string id) => choices.FirstOrDefault(c => c.Id == id)?.Text ?? id;
}
