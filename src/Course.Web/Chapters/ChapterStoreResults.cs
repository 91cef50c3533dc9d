using Course.Core.Scripts;
using Course.Web.Data;

namespace Course.Web.Chapters;

// What ChapterStore hands to the studio's pages and endpoints, and what it is given to create a chapter.

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

/// <summary>What a clip change on a draft's line came to.</summary>
public abstract record ClipResult
{
    public sealed record Changed(int Revision, DateTimeOffset At) : ClipResult;

    /// <summary>Someone else changed the chapter since this editor loaded: nothing was changed.</summary>
    public sealed record Conflict(SaveResult.Conflict Theirs) : ClipResult;

    /// <summary>The draft has no such slide or line (it was edited away).</summary>
    public sealed record NoSuchLine : ClipResult;

    public sealed record NotFound : ClipResult;
}

public sealed record VersionRow(int Number, string PublishedBy, DateTimeOffset PublishedAt, int Slides);

/// <summary>
/// A chapter to create, as every path gives it (studio, Markdown or script import, course package, seed).
/// <paramref name="Number"/> null: after the course's last chapter.
/// </summary>
public sealed record NewChapter(string Slug, string Title, string Language, string? Description, string Author, int? Number = null)
{
    public ChapterStatus Status { get; init; } = ChapterStatus.Draft;

    /// <summary>The slides stored as rows (what learners get once the chapter is published); null for none.</summary>
    public ChapterScript? Slides { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>Its publication history, oldest first.</summary>
    public IReadOnlyList<NewVersion> Versions { get; init; } = [];

    /// <summary>A draft to keep (text as typed, errors and all); its slides take the keys of the rows they continue.</summary>
    public string? Draft { get; init; }

    /// <summary>The draft's clips (stored already), on its slides by number.</summary>
    public IReadOnlyList<NumberedClip> DraftClips { get; init; } = [];
}

/// <summary>A version of a new chapter; its clips (stored already) on its slides by number.</summary>
public sealed record NewVersion(int Number, string Script, string PublishedBy, DateTimeOffset PublishedAt)
{
    public IReadOnlyList<NumberedClip> Clips { get; init; } = [];
}

/// <summary>A clip on a line of a text whose slides are numbered (1-based) rather than keyed: a course package's.</summary>
public sealed record NumberedClip(int Slide, int Line, string RecordedText, string ClipHash);
