using Course.Core.Quizzes;

namespace Course.Web.Quizzes;

/// <summary>
/// A signed-in learner's attempt in progress, one a quiz, shared by all their pages: a second tab opened on the
/// same quiz shows the same attempt (same questions, same order, same id), so submitting it from both tabs at
/// once grades it once (the attempt's own lock) and stores it once (its id is the row's key). Once submitted it is
/// no longer handed out; the next page opened starts a new attempt. Kept in memory for
/// <see cref="Idle"/> after last use, at most <see cref="MaxKept"/> attempts (the oldest go first).
/// </summary>
public sealed class OpenAttempts(TimeProvider clock)
{
    public static readonly TimeSpan Idle = TimeSpan.FromHours(3);
    public const int MaxKept = 100_000;

    private readonly Dictionary<(string Learner, string Quiz), (QuizAttempt Attempt, DateTimeOffset Used)> open = [];
    private readonly Lock gate = new();

    /// <summary>The learner's open attempt at this quiz (same definition), else the one <paramref name="start"/> makes, kept as theirs.</summary>
    public QuizAttempt GetOrStart(string learner, string quizKey, QuizDefinition quiz, Func<QuizAttempt> start)
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (open.TryGetValue((learner, quizKey), out var kept) && now - kept.Used < Idle
                && !kept.Attempt.IsSubmitted && ReferenceEquals(kept.Attempt.Quiz, quiz))
            {
                open[(learner, quizKey)] = (kept.Attempt, now);
                return kept.Attempt;
            }

            var attempt = start();
            Keep(learner, quizKey, attempt, now);
            return attempt;
        }
    }

    /// <summary>A retake: the new attempt becomes the learner's open one for their other pages too.</summary>
    public void Replace(string learner, string quizKey, QuizAttempt attempt)
    {
        lock (gate)
        {
            Keep(learner, quizKey, attempt, clock.GetUtcNow());
        }
    }

    private void Keep(string learner, string quizKey, QuizAttempt attempt, DateTimeOffset now)
    {
        open[(learner, quizKey)] = (attempt, now);
        if (open.Count > MaxKept)
        {
            // Rare (a very large school): forget what is submitted or idle, else the least recently used.
            foreach (var stale in open.Where(e => e.Value.Attempt.IsSubmitted || now - e.Value.Used >= Idle).Select(e => e.Key).ToList())
            {
                open.Remove(stale);
            }

            if (open.Count > MaxKept)
            {
                open.Remove(open.MinBy(e => e.Value.Used).Key);
            }
        }
    }
}
