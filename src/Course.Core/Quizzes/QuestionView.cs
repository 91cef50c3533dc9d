namespace Course.Core.Quizzes;

/// <summary>
/// What the learner's browser may see of a question: its prompt and its choices in this attempt's
/// shuffled order, never which are right.
/// </summary>
public sealed record QuestionView(
    string Id,
    QuestionKind Kind,
    string Prompt,
    string? TeachingSlideKey,
    IReadOnlyList<Choice> Options,
    IReadOnlyList<Choice> Targets,
    string? Unit)
{
    public static QuestionView From(Question question, Random random) => question.Body switch
    {
        ChoiceBody body => new(question.Id, question.Kind, question.Prompt, question.TeachingSlideKey, Shuffle(body.Choices, random), [], null),
        OrderingBody body => new(question.Id, question.Kind, question.Prompt, question.TeachingSlideKey, ShuffleNotInOrder(body.Items, random), [], null),
        MatchingBody body => new(question.Id, question.Kind, question.Prompt, question.TeachingSlideKey, body.Prompts, Shuffle(body.Targets, random), null),
        NumericBody body => new(question.Id, question.Kind, question.Prompt, question.TeachingSlideKey, [], [], body.Unit),
        _ => new(question.Id, question.Kind, question.Prompt, question.TeachingSlideKey, [], [], null),
    };

    private static Choice[] Shuffle(IReadOnlyList<Choice> choices, Random random)
    {
        var copy = choices.ToArray();
        random.Shuffle(copy);
        return copy;
    }

    /// <summary>An ordering question must never start in its answer's order.</summary>
    private static Choice[] ShuffleNotInOrder(IReadOnlyList<Choice> items, Random random)
    {
        var copy = items.ToArray();
        if (copy.Length < 2)
        {
            return copy;
        }

        do
        {
            random.Shuffle(copy);
        }
        while (copy.Select(c => c.Id).SequenceEqual(items.Select(i => i.Id)));

        return copy;
    }
}
