using Course.Core.Quizzes;
using Course.Web.Data;

namespace Course.Web.Studio;

// What QuizStudio hands to the quiz editor.

/// <summary>
/// A slide as the quiz editor offers it: "12. The first words of the slide", numbered as in the draft when
/// there is one; <see cref="PublishedNumber"/> is its number for learners, null until it is published.
/// </summary>
public sealed record StudioSlide(string Key, int Number, string FirstLine, int? PublishedNumber);

/// <summary>A stored question with its answer (the studio may show it; learner pages never get one).</summary>
public sealed record StudioQuestion(int Id, int Position, Question Question);

public sealed record StudioQuiz(
    int Id, string Slug, string Title, QuizKind Kind, string? AfterSlideKey, FeedbackMode Feedback, double PassMark,
    IReadOnlyList<StudioQuestion> Questions)
{
    public QuizSettings Settings => new(Title, Kind, AfterSlideKey, Feedback, PassMark);
}

/// <summary>
/// A chapter's quizzes with everything needed to edit them: its slides (the draft's, else the published ones), each
/// question's body, and the keys a question may name (those slides and the published ones, as saving checks).
/// </summary>
public sealed record StudioQuizChapter(
    int ChapterId, string CourseSlug, string ChapterSlug, string Title, string Language, ChapterStatus Status,
    IReadOnlyList<StudioSlide> Slides, IReadOnlyList<StudioQuiz> Quizzes, IReadOnlySet<string> LinkableSlideKeys)
{
    public StudioSlide? Slide(string? key) => key is null ? null : Slides.FirstOrDefault(s => s.Key == key);
}

/// <summary>What a change did: the id of what was saved, or every problem (and then nothing was saved).</summary>
public sealed record StudioChange(IReadOnlyList<ValidationProblem> Problems, int? Id = null)
{
    public bool Succeeded => Problems.Count == 0;

    public static StudioChange Done(int id) => new([], id);

    public static StudioChange NotFound { get; } =
        new([new ValidationProblem("", QuizChecks.Codes.NotFound, "the chapter, quiz or question no longer exists")]);
}
