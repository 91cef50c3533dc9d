using Course.Core.Quizzes;

namespace Course.Web.Quizzes;

/// <summary>
/// A learner's attempts for the life of their connection (one per circuit). Accounts will move them
/// into the database; until then, leaving the site forgets them, as the quiz page says.
/// </summary>
public sealed class QuizAttempts(QuizGrader grader, TimeProvider clock)
{
    private readonly Dictionary<string, List<QuizAttempt>> attempts = [];
    private readonly Lock gate = new();

    /// <summary>The attempt in progress, or a new one shown with <paramref name="key"/>'s ids and order.</summary>
    public QuizAttempt Current(string quizKey, QuizDefinition quiz, AttemptKey key)
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

            return Start(list, quiz, key);
        }
    }

    public QuizAttempt Retake(string quizKey, QuizDefinition quiz)
    {
        lock (gate)
        {
            return Start(List(quizKey), quiz, AttemptKey.New());
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

    private QuizAttempt Start(List<QuizAttempt> list, QuizDefinition quiz, AttemptKey key)
    {
        var attempt = new QuizAttempt(quiz, grader, key, clock.GetUtcNow());
        list.Add(attempt);
        return attempt;
    }
}
