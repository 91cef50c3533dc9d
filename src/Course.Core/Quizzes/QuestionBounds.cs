namespace Course.Core.Quizzes;

/// <summary>
/// The bounds of a question's numbers, texts and lists (docs/quizzes.md): past one, a problem named by its field with
/// <see cref="ValidationCodes.NumberRange"/>, <see cref="ValidationCodes.TooLong"/> or <see cref="ValidationCodes.TooManyOptions"/>.
/// </summary>
public static class QuestionBounds
{
    /// <summary>The largest number an answer or tolerance may be, either sign: well within a decimal's exact range.</summary>
    public const decimal MaxNumber = 1_000_000_000_000_000m;

    /// <summary>The longest option, item, target, accepted answer, unit, model or id, in characters.</summary>
    public const int MaxShortTextLength = 500;

    /// <summary>The longest text a token-count question asks to count (the tokenizer runs on it at every answer).</summary>
    public const int MaxTokenTextLength = 10_000;

    /// <summary>The most options, items, prompts, targets or accepted answers a question has.</summary>
    public const int MaxOptions = 50;

    /// <summary>Numbers within ±<see cref="MaxNumber"/>, texts and lists within their lengths, each named by its field.</summary>
    public static void Check(QuestionBody body, List<ValidationProblem> problems)
    {
        switch (body)
        {
            case ChoiceBody choice:
                Count(choice.Choices, "choices", problems);
                Count(choice.Correct, "correct", problems);
                Lengths(choice.Choices, "choices", problems);
                break;
            case NumericBody numeric:
                Number(numeric.Answer, "answer", problems);
                Number(numeric.Tolerance, "tolerance", problems);
                Length(numeric.Unit, MaxShortTextLength, "unit", problems);
                break;
            case OrderingBody ordering:
                Count(ordering.Items, "items", problems);
                Lengths(ordering.Items, "items", problems);
                break;
            case MatchingBody matching:
                Count(matching.Prompts, "prompts", problems);
                Count(matching.Targets, "targets", problems);
                Count(matching.Pairs.Keys.ToList(), "prompts", problems);
                Lengths(matching.Prompts, "prompts", problems);
                Lengths(matching.Targets, "targets", problems);
                break;
            case ShortTextBody shortText:
                Count(shortText.Accepted, "accepted", problems);
                for (var i = 0; i < shortText.Accepted.Count && i < MaxOptions; i++)
                {
                    Length(shortText.Accepted[i], MaxShortTextLength, $"accepted.{i}", problems);
                }

                break;
            case TokenCountBody token:
                Length(token.Model, MaxShortTextLength, "model", problems);
                Length(token.Text, MaxTokenTextLength, "text", problems);
                break;
        }
    }

    private static void Number(decimal value, string field, List<ValidationProblem> problems)
    {
        if (Math.Abs(value) > MaxNumber)
        {
            problems.Add(new(field, ValidationCodes.NumberRange, $"the number is beyond ±{MaxNumber:0}") { Arguments = [MaxNumber] });
        }
    }

    private static void Length(string? text, int max, string field, List<ValidationProblem> problems)
    {
        if (text is { Length: var length } && length > max)
        {
            problems.Add(new(field, ValidationCodes.TooLong, $"at most {max} characters, not {length}") { Arguments = [max, length] });
        }
    }

    private static void Lengths(IReadOnlyList<Choice> choices, string field, List<ValidationProblem> problems)
    {
        for (var i = 0; i < choices.Count && i < MaxOptions; i++)
        {
            Length(choices[i].Id, MaxShortTextLength, $"{field}.{i}", problems);
            Length(choices[i].Text, MaxShortTextLength, $"{field}.{i}", problems);
        }
    }

    private static void Count<T>(IReadOnlyCollection<T> list, string field, List<ValidationProblem> problems)
    {
        if (list.Count > MaxOptions)
        {
            problems.Add(new(field, ValidationCodes.TooManyOptions, $"more than {MaxOptions} {field}") { Arguments = [MaxOptions] });
        }
    }
}
