using Course.Web.Data;

namespace Course.Web.Studio;

// What ChapterStudio hands to the studio's pages and endpoints.

public sealed record StudioChapterRow(
    int ChapterId, int Number, string Slug, string Title, string Language, ChapterStatus Status,
    bool HasDraft, int Versions, DateTimeOffset UpdatedAt);

public sealed record StudioCourseRow(int CourseId, string Slug, string Title, string Language, string? Description, IReadOnlyList<StudioChapterRow> Chapters);
