using Course.Core.Quizzes;

namespace Course.Web.Data;

/// <summary>A quiz of a chapter: a checkpoint after a slide, or the final quiz.</summary>
public sealed class Quiz
{
    public int Id { get; set; }
    public int ChapterId { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public QuizKind Kind { get; set; }

    /// <summary>The slide after which the player offers a checkpoint (null for the final quiz).</summary>
    public string? AfterSlideKey { get; set; }

    public FeedbackMode Feedback { get; set; }
    public double PassMark { get; set; } = QuizDefinition.DefaultPassMark;
    public int Position { get; set; }
    public List<QuizQuestion> Questions { get; set; } = [];
}

/// <summary>A question; its kind-specific part, answer included, is stored as JSON (<see cref="QuestionBody"/>).</summary>
public sealed class QuizQuestion
{
    public int Id { get; set; }
    public int QuizId { get; set; }
    public int Position { get; set; }

    /// <summary>Stable within the quiz; what answers and links refer to.</summary>
    public required string Key { get; set; }

    public required string Prompt { get; set; }
    public required string Explanation { get; set; }
    public string? TeachingSlideKey { get; set; }
    public required string BodyJson { get; set; }
}

/// <summary>An interactive tool shown under a slide, e.g. the token explorer on the slides about tokens.</summary>
public sealed class SlideTool
{
    public int Id { get; set; }
    public int ChapterId { get; set; }
    public required string SlideKey { get; set; }
    public required string Kind { get; set; }
    public string? Sample { get; set; }
}

/// <summary>Records that a piece of seed data was applied once, so deleting it later is respected.</summary>
public sealed class SeedMarker
{
    public required string Name { get; set; }
    public DateTimeOffset AppliedAt { get; set; }
}
