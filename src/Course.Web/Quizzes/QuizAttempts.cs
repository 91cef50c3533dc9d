using Course.Core.Quizzes;

namespace Course.Web.Quizzes;

/// <summary>
/// A learner's attempts for the life of their connection (one per circuit). A signed-in learner's attempt in
/// progress is shared with their other pages (<see cref="OpenAttempts"/>), so two tabs hold one attempt, and kept in
/// the database as answers are given (<see cref="QuizDrafts"/>), so a new connection takes it up again; an anonymous
/// visitor's is forgotten on leaving, as the quiz page says. Submitted attempts are stored by the quiz page
/// (<c>LearnerProgress.SaveAttemptAsync</c>).
/// </summary>
public sealed class QuizAttempts(QuizGrader grader, TimeProvider clock, OpenAttempts? shared = null)
{
    private readonly Dictionary<string, List<QuizAttempt>> attempts = [];
    private readonly Lock gate = new();

    /// <summary>
    /// The attempt in progress: this page's, else the learner's open one on another page, else the one kept on the
    /// server (<paramref name="kept"/>: taken up again with its id, key and checked answers), else a new one shown
    /// with <paramref name="key"/>'s ids and order.
    /// </summary>
    public QuizAttempt Current(string quizKey, QuizDefinition quiz, AttemptKey key, string? learner = null, QuizDraftState? kept = null)
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
                var attempt = shared.GetOrStart(learner, quizKey, quiz,
                    () => kept is null ? new QuizAttempt(quiz, grader, key, clock.GetUtcNow()) : Resumed(quiz, kept));
                list.Add(attempt);
                return attempt;
            }

            if (kept is not null)
            {
                var resumed = Resumed(quiz, kept);
                list.Add(resumed);
                return resumed;
            }

            return Start(list, quiz, key);
        }
    }

    public QuizAttempt Retake(string quizKey, QuizDefinition quiz, AttemptKey key, string? learner = null)
    {
        lock (gate)
        {
            var attempt = Start(List(quizKey), quiz, key);
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

    private QuizAttempt Resumed(QuizDefinition quiz, QuizDraftState kept)
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

        return attempt;
    }

    private QuizAttempt Start(List<QuizAttempt> list, QuizDefinition quiz, AttemptKey key)
    {
        var attempt = new QuizAttempt(quiz, grader, key, clock.GetUtcNow());
        list.Add(attempt);
        return attempt;
    }
}
