using System.Globalization;

namespace Course.Core.Quizzes;

/// <summary>
/// Grades one answer against its question. Rules (docs/quizzes.md):
/// single choice, true/false, numeric, short text, ordering and token count are right or wrong;
/// multiple response scores (right picks / right options) − (wrong picks / wrong options), at least 0;
/// matching scores the share of prompts matched correctly.
/// An answer that names ids the question does not have is rejected, never graded.
/// </summary>
public sealed class QuizGrader(ITokenCounter tokens)
{
    public GradedAnswer Grade(Question question, Answer answer) => (question.Body, answer) switch
    {
        (ChoiceBody body, ChoiceAnswer chosen) => new(GradeChoice(body, chosen), Describe(question)),
        (TrueFalseBody body, TrueFalseAnswer value) => new(value.Value == body.Answer ? 1 : 0, Describe(question)),
        (NumericBody body, TextAnswer text) => new(GradeNumber(body, text.Text), Describe(question)),
        (OrderingBody body, OrderingAnswer order) => new(GradeOrdering(body, order), Describe(question)),
        (MatchingBody body, MatchingAnswer pairs) => new(GradeMatching(body, pairs), Describe(question)),
        (ShortTextBody body, TextAnswer text) => new(GradeText(body, text), Describe(question)),
        (TokenCountBody body, TextAnswer text) => new(GradeTokenCount(body, text), Describe(question)),
        _ => throw new InvalidAnswerException($"This answer does not fit a {question.Kind} question."),
    };

    /// <summary>The correct answer as the learner is shown it once a question is closed.</summary>
    public string Describe(Question question) => question.Body switch
    {
        ChoiceBody body => string.Join("; ", body.Choices.Where(c => body.Correct.Contains(c.Id)).Select(c => c.Text)),
        TrueFalseBody body => body.Answer ? "true" : "false",
        NumericBody body => body.Answer.ToString("#,0.####", CultureInfo.InvariantCulture) + (body.Unit is null ? "" : " " + body.Unit),
        OrderingBody body => string.Join(" → ", body.Items.Select(i => i.Text)),
        MatchingBody body => string.Join("; ", body.Prompts.Select(p => $"{p.Text} → {body.Targets.First(t => t.Id == body.Pairs[p.Id]).Text}")),
        ShortTextBody body => body.Accepted[0],
        TokenCountBody body => tokens.CountTokens(body.Model, body.Text).ToString(CultureInfo.InvariantCulture),
        _ => "",
    };

    private static double GradeChoice(ChoiceBody body, ChoiceAnswer chosen)
    {
        var known = body.Choices.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        if (chosen.Selected.FirstOrDefault(id => !known.Contains(id)) is { } forged)
        {
            throw new InvalidAnswerException($"'{forged}' is not one of this question's options.");
        }

        var selected = chosen.Selected.ToHashSet(StringComparer.Ordinal);
        if (!body.Multiple)
        {
            if (selected.Count != 1)
            {
                throw new InvalidAnswerException("Choose exactly one option.");
            }

            return body.Correct.Contains(selected.Single()) ? 1 : 0;
        }

        var right = body.Correct.Count;
        var wrong = body.Choices.Count - right;
        var rightPicks = selected.Count(body.Correct.Contains);
        var wrongPicks = selected.Count - rightPicks;
        var score = (double)rightPicks / right - (wrong == 0 ? 0 : (double)wrongPicks / wrong);
        return Math.Round(Math.Max(0, score), 4);
    }

    private static double GradeNumber(NumericBody body, string typed)
    {
        var candidates = NumberReading.Candidates(typed);
        if (candidates.Count == 0)
        {
            throw new InvalidAnswerException($"'{typed}' is not a number: write it with digits, e.g. 75 or 75,5.");
        }

        var tolerance = body.Relative ? Math.Abs(body.Answer) * body.Tolerance : body.Tolerance;
        return candidates.Any(c => Within(c, body.Answer, tolerance)) ? 1 : 0;
    }

    /// <summary>|typed − answer| ≤ tolerance, without overflowing a decimal for numbers near its limits.</summary>
    private static bool Within(decimal typed, decimal answer, decimal tolerance)
    {
        const decimal half = decimal.MaxValue / 2;
        if (Math.Sign(typed) * Math.Sign(answer) < 0 && (Math.Abs(typed) > half || Math.Abs(answer) > half))
        {
            return false; // apart by more than any tolerance a question may have
        }

        return Math.Abs(typed - answer) <= tolerance;
    }

    private static double GradeOrdering(OrderingBody body, OrderingAnswer order)
    {
        var expected = body.Items.Select(i => i.Id).ToList();
        if (order.Order.Count != expected.Count || !order.Order.Order(StringComparer.Ordinal).SequenceEqual(expected.Order(StringComparer.Ordinal)))
        {
            throw new InvalidAnswerException("Put every item in the list exactly once.");
        }

        return order.Order.SequenceEqual(expected) ? 1 : 0;
    }

    private static double GradeMatching(MatchingBody body, MatchingAnswer answer)
    {
        var prompts = body.Prompts.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var targets = body.Targets.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        if (answer.Pairs.FirstOrDefault(p => !prompts.Contains(p.Key) || !targets.Contains(p.Value)) is { Key: not null } forged)
        {
            throw new InvalidAnswerException($"'{forged.Key} → {forged.Value}' is not a pair this question offers.");
        }

        if (answer.Pairs.Count != prompts.Count)
        {
            throw new InvalidAnswerException("Match every item before checking.");
        }

        var right = answer.Pairs.Count(p => body.Pairs.TryGetValue(p.Key, out var target) && target == p.Value);
        return Math.Round((double)right / prompts.Count, 4);
    }

    private static double GradeText(ShortTextBody body, TextAnswer text)
    {
        if (string.IsNullOrWhiteSpace(text.Text))
        {
            throw new InvalidAnswerException("Write an answer before checking.");
        }

        return TextMatching.Matches(text.Text, body.Accepted) ? 1 : 0;
    }

    private double GradeTokenCount(TokenCountBody body, TextAnswer text)
    {
        var count = tokens.CountTokens(body.Model, body.Text);
        if (!int.TryParse(text.Text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var typed))
        {
            throw new InvalidAnswerException($"'{text.Text}' is not a whole number of tokens.");
        }

        return typed == count ? 1 : 0;
    }
}
