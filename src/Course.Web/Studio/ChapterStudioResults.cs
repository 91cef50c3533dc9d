using Course.Core.Scripts;
using Course.Web.Data;

namespace Course.Web.Studio;

// What ChapterStudio hands to the studio's pages and endpoints.

public sealed record StudioChapterRow(
    int ChapterId, int Number, string Slug, string Title, string Language, ChapterStatus Status,
    bool HasDraft, int Versions, DateTimeOffset UpdatedAt);

public sealed record StudioCourseRow(int CourseId, string Slug, string Title, string Language, string? Description, IReadOnlyList<StudioChapterRow> Chapters);

/// <summary>
/// What the editor opens: the draft (or, without one, the published script) and the chapter's content
/// revision, which the editor states on every save, publish and restore.
/// </summary>
public sealed record DraftView(
    int ChapterId, string CourseSlug, string ChapterSlug, string Title, string Language, string? Description,
    ChapterStatus Status, string Text, int Revision, bool HasDraft, string? SavedBy, DateTimeOffset? SavedAt, string PublishedText);

public abstract record SaveResult
{
    public sealed record Saved(int Revision, DateTimeOffset At) : SaveResult;

    /// <summary>Someone else saved since this editor loaded: their text, so the editor can show both.</summary>
    public sealed record Conflict(string TheirText, int TheirRevision, string? TheirAuthor, DateTimeOffset TheirAt) : SaveResult;

    public sealed record NotFound : SaveResult;
}

public abstract record PublishResult
{
    /// <param name="Revision">The chapter's content revision after publishing: where the editor goes on from.</param>
    public sealed record Published(int Version, int Slides, int Revision) : PublishResult;

    public sealed record Invalid(IReadOnlyList<ScriptError> Errors) : PublishResult;

    public sealed record Conflict(string TheirText, int TheirRevision, string? TheirAuthor, DateTimeOffset TheirAt) : PublishResult;

    public sealed record NotFound : PublishResult;
}

public sealed record VersionRow(int Number, string PublishedBy, DateTimeOffset PublishedAt, int Slides);
