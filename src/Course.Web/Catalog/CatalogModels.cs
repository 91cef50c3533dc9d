using Course.Core.Quizzes;
using System.Text.Json.Serialization;
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
    [property: JsonIgnore] int ChapterId = 0);

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

/// <summary>A slide of a chapter as pages and the API show it: its place, its key and its rendered content.</summary>
/// <param name="Content">The slide as <see cref="ChapterRenderer"/> rendered it; the API shows its segments, first line and duration.</param>
/// <param name="TokenSample">When set, the slide offers the token explorer, starting with this text.</param>
public sealed record SlideView(
    int Number,
    string Key,
    [property: JsonIgnore] RenderedSlide Content,
    [property: JsonPropertyOrder(1)] string? TokenSample = null)
{
    public IReadOnlyList<SlideSegment> Segments => Content.Segments;

    /// <inheritdoc cref="RenderedSlide.FirstLine"/>
    [JsonPropertyOrder(2)]
    public string FirstLine => Content.FirstLine;

    /// <inheritdoc cref="RenderedSlide.DurationMilliseconds"/>
    [JsonPropertyOrder(2)]
    public int DurationMilliseconds => Content.DurationMilliseconds;
}
