namespace Course.Core.Quizzes;

/// <summary>
/// A question as one attempt shows it: the <see cref="View"/> for the browser (opaque ids, shuffled where
/// the kind allows) and, kept on the server, the way back from the ids the browser sends to the authoring
/// ids the grader knows. An id this attempt did not show — an authoring id, another attempt's id — is refused.
/// </summary>
public sealed class PresentedQuestion
{
    private readonly Dictionary<string, string> options = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> targets = new(StringComparer.Ordinal);

    public PresentedQuestion(Question question, AttemptKey key)
    {
        Question = question;
        var id = question.Id;
        View = question.Body switch
        {
            ChoiceBody body => ViewOf(Shown(body.Choices, key, id, "option", options), []),
            OrderingBody body => ViewOf(Shown(body.Items, key, id, "item", options), []),
            MatchingBody body => ViewOf(Shown(body.Prompts, key, id, "prompt", options), Shown(body.Targets, key, id, "target", targets)),
            // True comes first, as people expect; the values are opaque all the same.
            TrueFalseBody => ViewOf([new(key.ShownId(id, "value", "true"), "true"), new(key.ShownId(id, "value", "false"), "false")], []),
            NumericBody body => ViewOf([], [], body.Unit),
            _ => ViewOf([], []),
        };
    }

    public Question Question { get; }

    public QuestionView View { get; }

    /// <summary>The learner's answer in authoring ids, ready for the grader.</summary>
    /// <exception cref="InvalidAnswerException">The answer names an id this attempt did not show.</exception>
    public Answer ToAuthoring(Answer shown) => shown switch
    {
        ChoiceAnswer choice => new ChoiceAnswer([.. choice.Selected.Select(o => Authoring(options, o, "options"))]),
        OrderingAnswer order => new OrderingAnswer([.. order.Order.Select(o => Authoring(options, o, "items"))]),
        MatchingAnswer pairs => new MatchingAnswer(pairs.Pairs.ToDictionary(
            p => Authoring(options, p.Key, "items"), p => Authoring(targets, p.Value, "matches"), StringComparer.Ordinal)),
        _ => shown,
    };

    private QuestionView ViewOf(IReadOnlyList<Choice> options, IReadOnlyList<Choice> targets, string? unit = null) =>
        new(Question.Id, Question.Kind, Question.Prompt, Question.TeachingSlideKey, options, targets, unit);

    private static Choice[] Shown(IReadOnlyList<Choice> choices, AttemptKey key, string questionId, string part, Dictionary<string, string> back)
    {
        var shown = new Choice[choices.Count];
        for (var i = 0; i < choices.Count; i++)
        {
            var id = key.ShownId(questionId, part, choices[i].Id);
            back[id] = choices[i].Id;
            shown[i] = new Choice(id, choices[i].Text);
        }

        // Uniform, the authoring order included: excluding any order would tell something about the answer.
        key.Order(questionId, part).Shuffle(shown);
        return shown;
    }

    private static string Authoring(Dictionary<string, string> back, string shownId, string what) =>
        back.TryGetValue(shownId, out var authoring)
            ? authoring
            : throw new InvalidAnswerException($"'{shownId}' is not one of this question's {what}.");
}
