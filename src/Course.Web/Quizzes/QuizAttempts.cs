using Course.Core.Quizzes;

namespace Course.Web.Quizzes;

/// <summary>
/// A learner's attempts for the life of their connection (one per circuit). A signed-in learner's attempt in
/// progress is also kept in the database (<see cref="QuizDrafts"/>) and taken up again on a new connection;
/// an anonymous visitor's is forgotten on leaving, as the quiz page says.
/// </summary>
public sealed class QuizAttempts(QuizGrader grader, TimeProvider clock)
{
    private readonly Dictionary<string, List<QuizAttempt>> attempts = [];
    private readonly Lock gate = new();

    /// <summary>
    /// The attempt in progress, or the one kept on the server (<paramref name="kept"/>: taken up again with its id, key
    /// and checked answers), or a new one shown with <paramref name="key"/>'s ids and order.
    /// </summary>
    public QuizAttempt Current(string quizKey, QuizDefinition quiz, AttemptKey key, QuizDraftState? kept = null)
    {
        lock (gate)
        {
            var list = List(quizKey);
            if (list.LastOrDefault() is { IsSubmitted: false } open && ReferenceEquals(open.Quiz, quiz))
            {
                return open;
            }

            if (list.LastOrDefault() is { } last && ReferenceEquals(last.Quiz, quiz) && last.IsSubmitted)
            {
                return last; // the result stays on screen until the learner retakes
            }

            return kept is null ? Start(list, quiz, key) : Resume(list, quiz, kept);
        }
    }

    public QuizAttempt Retake(string quizKey, QuizDefinition quiz, AttemptKey key)
    {
        lock (gate)
        {
            return Start(List(quizKey), quiz, key);
        }
    }

    public IReadOnlyList<QuizAttempt> History(string quizKey)
    {
        lock (gate)
        {
            return [.. List(quizKey).Where(a => a.IsSubmitted)];
        }
    }

    private List<QuizAttempt> List(string quizKey)
    {
        if (!attempts.TryGetValue(quizKey, out var list))
        {
            attempts[quizKey] = list = [];
        }

        return list;
    }

    private QuizAttempt Resume(List<QuizAttempt> list, QuizDefinition quiz, QuizDraftState kept)
    {
        var attempt = new QuizAttempt(quiz, grader, AttemptKey.Parse(kept.Secret), kept.StartedAt, kept.AttemptId);
        foreach (var check in kept.Checks)
        {
            try
            {
                if (quiz.Feedback == FeedbackMode.Immediate && attempt.Questions.FirstOrDefault(q => q.Id == check.QuestionId) is { } question)
                {
                    attempt.Check(question.Id, check.Answer.ToAnswer(question.Kind));
                }
            }
            catch (InvalidAnswerException)
            {
                // The quiz was edited since (an option gone): that question is open again.
            }
        }

        list.Add(attempt);
        return attempt;
    }

    private QuizAttempt Start(List<QuizAttempt> list, QuizDefinition quiz, AttemptKey key)
    {
        var attempt = new QuizAttempt(quiz, grader, key, clock.GetUtcNow());
        list.Add(attempt);
        return attempt;
    }
}
