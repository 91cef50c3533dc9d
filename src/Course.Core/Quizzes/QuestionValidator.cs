namespace Course.Core.Quizzes;

/// <summary>Checks that a question can be answered and graded; each problem is a sentence for its author.</summary>
public static class QuestionValidator
{
    public static IReadOnlyList<string> Validate(Question question)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(question.Prompt))
        {
            problems.Add("the question has no prompt");
        }

        if (string.IsNullOrWhiteSpace(question.Explanation))
        {
            problems.Add("the question has no explanation");
        }

        switch (question.Body)
        {
            case ChoiceBody body:
                Unique(body.Choices, "option", problems);
                if (body.Choices.Count < 2)
                {
                    problems.Add("a choice question needs at least two options");
                }

                if (body.Correct.Any(id => body.Choices.All(c => c.Id != id)))
                {
                    problems.Add("a correct answer names an option that does not exist");
                }

                if (!body.Multiple && body.Correct.Count != 1)
                {
                    problems.Add($"a single-choice question has exactly one correct option, not {body.Correct.Count}");
                }
                else if (body.Multiple && body.Correct.Count == 0)
                {
                    problems.Add("a multiple-response question needs at least one correct option");
                }

                break;
            case NumericBody body when body.Tolerance < 0 || (body.Relative && body.Tolerance >= 1):
                problems.Add("the tolerance must be at least 0 (and below 1 when relative)");
                break;
            case OrderingBody body:
                Unique(body.Items, "item", problems);
                if (body.Items.Count < 2)
                {
                    problems.Add("an ordering question needs at least two items");
                }

                break;
            case MatchingBody body:
                Unique(body.Prompts, "prompt", problems);
                Unique(body.Targets, "target", problems);
                if (body.Prompts.Any(p => !body.Pairs.TryGetValue(p.Id, out var t) || body.Targets.All(x => x.Id != t)))
                {
                    problems.Add("every prompt must be paired with an existing target");
                }

                break;
            case ShortTextBody body when body.Accepted.Count == 0 || body.Accepted.Any(a => TextMatching.Normalise(a).Length == 0):
                problems.Add("a short-text question needs at least one accepted answer, and none empty");
                break;
            case TokenCountBody body when string.IsNullOrWhiteSpace(body.Text):
                problems.Add("a token-count question needs a text to count");
                break;
        }

        return problems;
    }

    private static void Unique(IReadOnlyList<Choice> choices, string what, List<string> problems)
    {
        if (choices.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count() != choices.Count)
        {
            problems.Add($"two {what}s share an id");
        }

        if (choices.Any(c => string.IsNullOrWhiteSpace(c.Text)))
        {
            problems.Add($"an {what} has no text");
        }
    }
}
