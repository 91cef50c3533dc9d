namespace Course.Core.Quizzes;

/// <summary>What a learner submitted for one question.</summary>
public abstract record Answer;

/// <summary>Chosen option ids (one for single choice).</summary>
public sealed record ChoiceAnswer(IReadOnlyList<string> Selected) : Answer;

public sealed record TrueFalseAnswer(bool Value) : Answer;

/// <summary>Typed text: a number, a short answer or a token count.</summary>
public sealed record TextAnswer(string Text) : Answer;

/// <summary>Item ids in the order the learner put them.</summary>
public sealed record OrderingAnswer(IReadOnlyList<string> Order) : Answer;

/// <summary>Prompt id → chosen target id.</summary>
public sealed record MatchingAnswer(IReadOnlyDictionary<string, string> Pairs) : Answer;

/// <summary>
/// The grade of one answer. <see cref="Score"/> runs from 0 to 1 (partial credit where the kind allows it);
/// <see cref="CorrectAnswer"/> is what to show the learner once the question is closed.
/// </summary>
public sealed record GradedAnswer(double Score, string CorrectAnswer)
{
    public bool IsCorrect => Score >= 0.999;
}

/// <summary>An answer that cannot be graded: a forged id, text that is not a number, a missing choice.</summary>
public sealed class InvalidAnswerException(string message) : Exception(message);

/// <summary>Counts tokens with a real tokenizer (the web app supplies Microsoft.ML.Tokenizers).</summary>
public interface ITokenCounter
{
    int CountTokens(string model, string text);
}
