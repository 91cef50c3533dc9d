namespace Course.Core.Scripts;

/// <summary>A parsed narration script: optional metadata and the chapter's slides in order.</summary>
public sealed record ChapterScript(ScriptMetadata Metadata, IReadOnlyList<ScriptSlide> Slides)
{
    public int SegmentCount => Slides.Sum(s => s.Segments.Count);

    public int TotalPauseMilliseconds => Slides.Sum(s => s.Segments.Sum(g => g.PauseMilliseconds));
}

/// <summary>A slide: a block of consecutive non-blank lines, each cut into segments at its breaks.</summary>
public sealed record ScriptSlide(IReadOnlyList<ScriptSegment> Segments);

/// <summary>
/// One segment of narration: inline Markdown text, then an optional pause.
/// <see cref="ContinuesLine"/> is true when a break inside a line split it: the segment
/// is written on the same line as the one before it, and shown inline after it.
/// </summary>
public sealed record ScriptSegment(string Text, Pause? Pause = null, bool ContinuesLine = false)
{
    public int PauseMilliseconds => Pause?.Milliseconds ?? 0;
}

/// <summary>
/// A pause and the exact <c>&lt;break/&gt;</c> element it was written as, so that writing
/// a parsed script back reproduces it byte for byte (<c>1.0s</c> stays <c>1.0s</c>).
/// </summary>
public sealed record Pause(int Milliseconds, string Markup)
{
    /// <summary>The longest pause a break may ask for, as the major speech engines cap it.</summary>
    public const int MaxMilliseconds = 10_000;

    /// <summary>A pause written in its canonical form, e.g. <c>&lt;break time="1.5s"/&gt;</c>.</summary>
    public static Pause FromMilliseconds(int milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(milliseconds, MaxMilliseconds);
        var seconds = (milliseconds / 1000m).ToString("0.0##", System.Globalization.CultureInfo.InvariantCulture);
        return new Pause(milliseconds, $"<break time=\"{seconds}s\"/>");
    }

    public static Pause FromStrength(BreakStrength strength) =>
        new(BreakStrengths.Milliseconds(strength), $"<break strength=\"{BreakStrengths.Name(strength)}\"/>");
}

/// <summary>Front matter: chapter metadata a script may carry. Every field is optional.</summary>
public sealed record ScriptMetadata(string? Title = null, string? Language = null, string? Slug = null, string? Description = null)
{
    public static readonly ScriptMetadata Empty = new();

    public bool IsEmpty => Title is null && Language is null && Slug is null && Description is null;
}
