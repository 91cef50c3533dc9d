namespace Course.Core.Scripts;

/// <summary>Lines of a text, 1-based and inclusive: <see cref="First"/> to <see cref="Last"/>.</summary>
public readonly record struct LineSpan(int First, int Last)
{
    public bool Contains(int line) => line >= First && line <= Last;
}

/// <summary>
/// A slide as the parser found it in the text: its lines (a run of non-blank lines after the front matter) and,
/// when those lines have no error, the slide they make. A script with errors still has its slides' lines, so an
/// editor can find its way around it and preview the slides that are right.
/// </summary>
public sealed record ParsedSlide(LineSpan Lines, ScriptSlide? Slide);
