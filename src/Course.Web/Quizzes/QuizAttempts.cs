using Course.Core.Quizzes;

namespace Course.Web.Quizzes;

/// <summary>
/// A learner's attempts for the life of their connection (one per circuit). A signed-in learner's attempt in
/// progress is shared with their other pages (<see cref="OpenAttempts"/>), so two tabs hold one attempt;
/// submitted attempts are stored by the quiz page (<c>LearnerProgress.SaveAttemptAsync</c>).
/// </summary>
public sealed class QuizAttempts(QuizGrader grader, TimeProvider clock, OpenAttempts? shared = null)
{
    private readonly Dictionary<string, List<QuizAttempt>> attempts = [];
    private readonly Lock gate = new();

    /// <summary>The attempt in progress, or a new one shown with <paramref name="key"/>'s ids and order.</summary>
    public QuizAttempt Current(string quizKey, QuizDefinition quiz, AttemptKey key, string? learner = null)
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

            if (learner is not null && shared is not null)
            {
                var attempt = shared.GetOrStart(learner, quizKey, quiz, () => new QuizAttempt(quiz, grader, key, clock.GetUtcNow()));
                list.Add(attempt);
                return attempt;
            }

            return Start(list, quiz, key);
        }
    }

    public QuizAttempt Retake(string quizKey, QuizDefinition quiz, string? learner = null)
    {
        lock (gate)
        {
            var attempt = Start(List(quizKey), quiz, AttemptKey.New());
            if (learner is not null)
            {
                shared?.Replace(learner, quizKey, attempt);
            }

            return attempt;
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
