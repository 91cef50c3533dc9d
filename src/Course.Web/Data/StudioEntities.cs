namespace Course.Web.Data;

/// <summary>
/// The chapter as an instructor is editing it: the whole script as text, saved as they type (errors and
/// all, so nothing typed is lost). The chapter's <see cref="Chapter.ContentRevision"/> guards against two editors
/// overwriting each other.
/// </summary>
public sealed class ChapterDraft
{
    public int Id { get; set; }
    public int ChapterId { get; set; }
    public required string ScriptText { get; set; }
    public string? SavedBy { get; set; }
    public DateTimeOffset SavedAt { get; set; }

    /// <summary>
    /// The draft's slides with their keys (JSON), as of its last save that parsed, so quizzes can name
    /// slides before they are published. Null for drafts saved before keys were kept.
    /// </summary>
    public string? SlideKeysJson { get; set; }
}

/// <summary>One publication of a chapter: its script text as learners got it, by whom and when.</summary>
public sealed class ChapterVersion
{
    public int Id { get; set; }
    public int ChapterId { get; set; }
    public int Number { get; set; }
    public required string ScriptText { get; set; }
    public required string PublishedBy { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public int SlideCount { get; set; }

    /// <summary>
    /// The version's slides with their keys (JSON), so a restore can carry the version's clips to the lines
    /// they were recorded on. Null for versions published before clips were kept.
    /// </summary>
    public string? SlideKeysJson { get; set; }
}
