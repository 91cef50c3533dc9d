using Course.Core.Quizzes;
using Course.Core.Rendering;

namespace Course.Web.Catalog;

public sealed record CourseSummary(string Slug, string Title, string Language, string? Description, IReadOnlyList<ChapterSummary> Chapters);

public sealed record ChapterSummary(
    int Number,
    string Slug,
    string Title,
    string Language,
    string? Description,
    int SlideCount,
    int SegmentCount,
    int TotalPauseMilliseconds,
    int EstimatedMilliseconds,
    [property: System.Text.Json.Serialization.JsonIgnore] int ChapterId = 0);

/// <summary>A published chapter, rendered and ready for pages and the API.</summary>
public sealed record ChapterView(
    string CourseSlug,
    string CourseTitle,
    ChapterSummary Chapter,
    IReadOnlyList<SlideView> Slides,
    IReadOnlyList<QuizSummary>? Quizzes = null)
{
    public IReadOnlyList<QuizSummary> QuizList => Quizzes ?? [];

    /// <summary>The checkpoint the player offers after a slide (1-based), if any.</summary>
    public QuizSummary? CheckpointAfter(int slideNumber) =>
        QuizList.FirstOrDefault(q => q.Kind == QuizKind.Checkpoint && q.AfterSlide == slideNumber);

    public QuizSummary? FinalQuiz => QuizList.FirstOrDefault(q => q.Kind == QuizKind.Final);

    public int? SlideNumberOf(string? key) => key is null ? null : Slides.FirstOrDefault(s => s.Key == key)?.Number;
}

/// <summary>A quiz as pages may show it: never its questions' answers.</summary>
public sealed record QuizSummary(string Slug, string Title, QuizKind Kind, int? AfterSlide, int QuestionCount, FeedbackMode Feedback, double PassMark);

/// <param name="TokenSample">When set, the slide offers the token explorer, starting with this text.</param>
public sealed record SlideView(int Number, string Key, IReadOnlyList<SegmentView> Segments, string? TokenSample = null)
{
    /// <summary>What the outline shows for the slide: its first words that are not silence.</summary>
    public string FirstLine => Segments.Select(s => s.PlainText).FirstOrDefault(t => t.Length > 0) ?? "";

    public int DurationMilliseconds => Segments.Sum(s => s.ReadingMilliseconds + s.PauseMilliseconds);
}

public sealed record SegmentView(
    string Text,
    string Html,
    string PlainText,
    int PauseMilliseconds,
    int ReadingMilliseconds,
    ListKind List,
    int? ListNumber,
    bool ContinuesLine);
