namespace Course.Web.Data;

public enum ChapterStatus
{
    Draft,
    Published,
    /// <summary>No longer offered, but kept so learners' progress survives.</summary>
    Retired,
}

public sealed class CourseEntity
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public required string Language { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<Chapter> Chapters { get; set; } = [];
}

public sealed class Chapter
{
    public int Id { get; set; }
    public int CourseId { get; set; }
    public CourseEntity Course { get; set; } = null!;
    public int Number { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public required string Language { get; set; }
    public string? Description { get; set; }
    public ChapterStatus Status { get; set; }

    /// <summary>Changes when the chapter's published text or details change: part of the key of rendered caches.</summary>
    public Guid Version { get; set; }

    /// <summary>
    /// Grows by one with every write of the chapter's content (a draft saved, a publish, a restore) and never
    /// goes back, draft or no draft. Every write states the revision it started from, so a stale editor meets
    /// a conflict instead of overwriting someone's work. Quiz edits and details do not touch it.
    /// </summary>
    public int ContentRevision { get; set; }

    /// <summary>
    /// Changes when something learners see with the chapter changes outside its text and details: its
    /// quizzes and slide tools, its course's title, its number. The other part of the rendered caches'
    /// key, and no concurrency token, so such a change never meets an editor's save or publish.
    /// </summary>
    public Guid ViewVersion { get; set; }

    // Kept with the chapter so the catalogue lists chapters without reading their slides.
    public int SlideCount { get; set; }
    public int SegmentCount { get; set; }
    public int TotalPauseMilliseconds { get; set; }
    public int EstimatedMilliseconds { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public List<Slide> Slides { get; set; } = [];
}

public sealed class Slide
{
    public int Id { get; set; }
    public int ChapterId { get; set; }

    /// <summary>1-based position in the chapter: the slide's number in URLs.</summary>
    public int Position { get; set; }

    /// <summary>Survives edits that move the slide, so progress and quiz links can follow it.</summary>
    public required string Key { get; set; }

    public List<Segment> Segments { get; set; } = [];
}

public sealed class Segment
{
    public int Id { get; set; }
    public int SlideId { get; set; }
    public int Position { get; set; }
    public required string Text { get; set; }
    public int PauseMilliseconds { get; set; }

    /// <summary>The break element exactly as the author wrote it; null when the segment has no pause.</summary>
    public string? BreakMarkup { get; set; }

    /// <summary>True when a break inside a line split it and this segment continues that line.</summary>
    public bool ContinuesLine { get; set; }
}
