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
    int EstimatedMilliseconds);

/// <summary>A published chapter, rendered and ready for pages and the API.</summary>
public sealed record ChapterView(
    string CourseSlug,
    string CourseTitle,
    ChapterSummary Chapter,
    IReadOnlyList<SlideView> Slides);

public sealed record SlideView(int Number, string Key, IReadOnlyList<SegmentView> Segments)
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
