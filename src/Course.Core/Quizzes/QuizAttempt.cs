namespace Course.Core.Quizzes;

/// <summary>Where one question of an attempt stands.</summary>
public sealed record QuestionOutcome(
    string QuestionId,
    Answer? LastAnswer,
    int Tries,
    GradedAnswer? Grade,
    bool Closed,
    string? Explanation)
{
    public bool CanRetry => !Closed && Tries > 0;
}

/// <summary>
/// One learner's attempt at a quiz: a shuffled view of its questions, the answers given, and the grades.
/// Immediate feedback: each question is checked on its own and may be tried twice.
/// Deferred feedback: everything is graded at once on submit.
/// Once closed, a question's answer cannot change; submitting twice changes nothing.
/// </summary>
public sealed class QuizAttempt
{
    public const int TriesInImmediateMode = 2;

    private readonly QuizDefinition quiz;
    private readonly QuizGrader grader;
    private readonly Dictionary<string, QuestionOutcome> outcomes;
    private readonly Dictionary<string, PresentedQuestion> presented;
    private readonly Lock gate = new();

    /// <param name="key">This attempt's secret: the same key shows the same ids in the same order (prerendered and live page alike).</param>
    /// <param name="id">The attempt's id when it is taken up again (its answers were kept while it was in progress); new otherwise.</param>
    public QuizAttempt(QuizDefinition quiz, QuizGrader grader, AttemptKey key, DateTimeOffset startedAt, Guid? id = null)
    {
        Id = id ?? Guid.NewGuid();
        Key = key;
        this.quiz = quiz;
        this.grader = grader;
        StartedAt = startedAt;
        presented = quiz.Questions.ToDictionary(q => q.Id, q => new PresentedQuestion(q, key), StringComparer.Ordinal);
        Questions = [.. quiz.Questions.Select(q => presented[q.Id].View)];
        outcomes = quiz.Questions.ToDictionary(q => q.Id, q => new QuestionOutcome(q.Id, null, 0, null, false, null), StringComparer.Ordinal);
    }

    public Guid Id { get; }

    /// <summary>The secret its ids and order come from: a page showing this attempt keeps it (never sent readable).</summary>
    public AttemptKey Key { get; }

    public DateTimeOffset StartedAt { get; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public QuizDefinition Quiz => quiz;

    public IReadOnlyList<QuestionView> Questions { get; }

    public bool IsSubmitted => SubmittedAt is not null;

    public QuestionOutcome Outcome(string questionId)
    {
        lock (gate)
        {
            return outcomes.TryGetValue(questionId, out var outcome)
                ? outcome
                : throw new InvalidAnswerException($"'{questionId}' is not a question of this quiz.");
        }
    }

    /// <summary>
    /// Immediate mode: grades one question; a wrong first try may be tried once more. Answers name options by
    /// the ids this attempt showed (<see cref="Questions"/>); outcomes keep them that way.
    /// </summary>
    public QuestionOutcome Check(string questionId, Answer answer)
    {
        lock (gate)
        {
            if (quiz.Feedback != FeedbackMode.Immediate)
            {
                throw new InvalidOperationException("This quiz gives feedback when it is submitted, not per question.");
            }

            var current = Outcome(questionId);
            if (current.Closed || IsSubmitted)
            {
                return current; // a double click or a replayed message: the first grade stands
            }

            var question = presented[questionId];
            var grade = grader.Grade(question.Question, question.ToAuthoring(answer));
            var tries = current.Tries + 1;
            var closed = grade.IsCorrect || tries >= TriesInImmediateMode;
            var outcome = new QuestionOutcome(questionId, answer, tries, closed ? grade : grade with { CorrectAnswer = "" }, closed,
                closed ? question.Question.Explanation : null);
            outcomes[questionId] = outcome;
            return outcome;
        }
    }

    /// <summary>
    /// Closes the attempt. In deferred mode grades every answer given (an unanswered question scores 0);
    /// in immediate mode closes what is still open. Answers that cannot be graded are reported and
    /// nothing is closed, so the learner can fix them. A second submit returns the same result.
    /// </summary>
    public IReadOnlyDictionary<string, string> Submit(IReadOnlyDictionary<string, Answer> answers, DateTimeOffset now)
    {
        lock (gate)
        {
            if (IsSubmitted)
            {
                return new Dictionary<string, string>();
            }

            var graded = new Dictionary<string, QuestionOutcome>(StringComparer.Ordinal);
            var problems = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var question in quiz.Questions)
            {
                var current = outcomes[question.Id];
                if (current.Closed)
                {
                    continue;
                }

                var answer = quiz.Feedback == FeedbackMode.Deferred ? answers.GetValueOrDefault(question.Id) : current.LastAnswer;
                if (answer is null)
                {
                    graded[question.Id] = current with { Grade = new GradedAnswer(0, grader.Describe(question)), Closed = true, Explanation = question.Explanation };
                    continue;
                }

                try
                {
                    var grade = grader.Grade(question, presented[question.Id].ToAuthoring(answer));
                    graded[question.Id] = new QuestionOutcome(question.Id, answer, current.Tries + 1, grade, true, question.Explanation);
                }
                catch (InvalidAnswerException e)
                {
                    problems[question.Id] = e.Message;
                }
            }

            if (problems.Count > 0)
            {
                return problems;
            }

            foreach (var (id, outcome) in graded)
            {
                outcomes[id] = outcome;
            }

            SubmittedAt = now;
            return problems;
        }
    }

    /// <summary>The mean of the questions' scores, from 0 to 1.</summary>
    public double Score
    {
        get
        {
            lock (gate)
            {
                return outcomes.Values.Sum(o => o.Grade?.Score ?? 0) / Math.Max(1, outcomes.Count);
            }
        }
    }

    public bool Passed => IsSubmitted && Score + 1e-9 >= quiz.PassMark;
}
