namespace Course.Web.Data;

/// <summary>
/// A recorded narration clip's bytes, stored once by their SHA-256 (content-addressed: the same recording
/// placed on many lines or chapters is one row). Clips live in the database so every app instance serves them.
/// </summary>
public sealed class NarrationClip
{
    /// <summary>SHA-256 of <see cref="Bytes"/>, lower-case hex: the key, the URL and the strong ETag.</summary>
    public required string Hash { get; set; }

    /// <summary>The container the content showed (<c>Course.Core.Narration.AudioFormat.Extension</c>: webm, ogg, mp3, m4a, wav).</summary>
    public required string Extension { get; set; }

    public required string MediaType { get; set; }
    public int ByteLength { get; set; }
    public int DurationMilliseconds { get; set; }
    public required byte[] Bytes { get; set; }

    /// <summary>When stored, or last stored again or set aside by a trim (<c>ClipLibrary.KeepAsync</c>): an unplaced clip's grace period before pruning counts from here.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A clip on a line of a chapter's draft (<see cref="ChapterVersionId"/> null) or of one published version:
/// the slide by its stable key, the line's index in the slide (from 0, as <c>ScriptLines</c> counts) and the
/// text the line said when it was recorded. Written only by <c>ChapterStore</c>.
/// </summary>
public sealed class ClipPlacementRow
{
    public int Id { get; set; }
    public int ChapterId { get; set; }
    public int? ChapterVersionId { get; set; }
    public required string SlideKey { get; set; }
    public int Line { get; set; }
    public required string RecordedText { get; set; }
    public required string ClipHash { get; set; }
}
