namespace Course.Web.Data;

/// <summary>Where a learner stands in a chapter: the resume point and the totals.</summary>
public sealed class ChapterProgress
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public int ChapterId { get; set; }
    public required string CurrentSlideKey { get; set; }

    /// <summary>1-based segment revealed last on the current slide.</summary>
    public int CurrentSegment { get; set; }

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset LastActivityAt { get; set; }
    public long TimeSpentMilliseconds { get; set; }

    /// <summary>How many of the chapter's current slides are seen; kept as progress is written, recomputed on publish.</summary>
    public int SeenSlides { get; set; }
}

/// <summary>One learner on one slide: when first and last reached, how far revealed, how long.</summary>
public sealed class SlideProgress
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public int ChapterId { get; set; }
    public required string SlideKey { get; set; }
    public DateTimeOffset FirstReachedAt { get; set; }
    public DateTimeOffset LastReachedAt { get; set; }
    public int MaxRevealed { get; set; }
    public long TimeSpentMilliseconds { get; set; }

    /// <summary>The slide's shape when last played: what "seen" is judged against.</summary>
    public int SegmentCount { get; set; }

    public int NeededMilliseconds { get; set; }

    public bool Seen { get; set; }
}

/// <summary>A submitted quiz attempt of a signed-in learner.</summary>
public sealed class QuizAttemptRecord
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public int ChapterId { get; set; }
    public required string QuizSlug { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public double Score { get; set; }
    public bool Passed { get; set; }
    public List<QuizAnswerRecord> Answers { get; set; } = [];
}

/// <summary>One graded answer of an attempt, as the learner gave it (for item statistics).</summary>
public sealed class QuizAnswerRecord
{
    public int Id { get; set; }
    public Guid AttemptId { get; set; }
    public required string QuestionKey { get; set; }
    public double Score { get; set; }

    /// <summary>The answer in words (chosen option texts, typed text), or null when unanswered.</summary>
    public string? Answer { get; set; }
}

/// <summary>
/// A signed-in learner's quiz attempt still in progress: its secret and what was answered so far, kept as the
/// answers are given so a dropped connection or a restarted server loses none. Removed when the attempt is stored.
/// </summary>
public sealed class QuizDraftRecord
{
    public int Id { get; set; }

    public required string UserId { get; set; }

    public int ChapterId { get; set; }

    public required string QuizSlug { get; set; }

    public Guid AttemptId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The attempt's secret, checks and drafts as JSON (<c>Quizzes/QuizDraftState</c>), at most <c>QuizDrafts.MaxStateCharacters</c>.</summary>
    public required string State { get; set; }
}
