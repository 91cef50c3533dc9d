using Course.Core.Scripts;
using Course.Web.Data;

namespace Course.Web.Studio;

// What ChapterStudio hands to the studio's pages and endpoints.

public sealed record StudioChapterRow(
    int ChapterId, int Number, string Slug, string Title, string Language, ChapterStatus Status,
    bool HasDraft, int Versions, DateTimeOffset UpdatedAt);

public sealed record StudioCourseRow(int CourseId, string Slug, string Title, string Language, string? Description, IReadOnlyList<StudioChapterRow> Chapters);

/// <summary>What the editor opens: the draft (or, without one, the published script) and its revision.</summary>
public sealed record DraftView(
    int ChapterId, string CourseSlug, string ChapterSlug, string Title, string Language, string? Description,
    ChapterStatus Status, string Text, int Revision, string? SavedBy, DateTimeOffset? SavedAt, string PublishedText);

public abstract record SaveResult
{
    public sealed record Saved(int Revision, DateTimeOffset At) : SaveResult;

    /// <summary>Someone else saved since this editor loaded: their text, so the editor can show both.</summary>
    public sealed record Conflict(string TheirText, int TheirRevision, string? TheirAuthor, DateTimeOffset TheirAt) : SaveResult;

    public sealed record NotFound : SaveResult;
}

public abstract record PublishResult
{
    public sealed record Published(int Version, int Slides) : PublishResult;

    public sealed record Invalid(IReadOnlyList<ScriptError> Errors) : PublishResult;

    public sealed record Conflict(string TheirText, int TheirRevision, string? TheirAuthor, DateTimeOffset TheirAt) : PublishResult;

    public sealed record NotFound : PublishResult;
}

public sealed record VersionRow(int Number, string PublishedBy, DateTimeOffset PublishedAt, int Slides);
