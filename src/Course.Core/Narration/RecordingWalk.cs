namespace Course.Core.Narration;

/// <summary>A spoken line as Record mode walks it: where it is (slide key, line from 0) and whether it has a clip.</summary>
public sealed record WalkLine(string SlideKey, int Line, bool Recorded);

/// <summary>
/// Record mode's place in a chapter's spoken lines (issue 14): the current line, its neighbours, stepping
/// forwards and back, jumping to the next line without a clip, and how many lines are recorded. Pure: the
/// studio hands it the lines again after every change, and the walk stays on the line it was on.
/// </summary>
public sealed class RecordingWalk
{
    private IReadOnlyList<WalkLine> lines;

    public RecordingWalk(IReadOnlyList<WalkLine> lines, int position = 0)
    {
        ArgumentNullException.ThrowIfNull(lines);
        this.lines = lines;
        Position = Math.Clamp(position, 0, Math.Max(0, lines.Count - 1));
    }

    /// <summary>The current line's place among the spoken lines, from 0 (0 when there are none).</summary>
    public int Position { get; private set; }

    public int Count => lines.Count;

    public int RecordedCount => lines.Count(l => l.Recorded);

    public WalkLine? Current => Count == 0 ? null : lines[Position];

    public WalkLine? Previous => Position > 0 ? lines[Position - 1] : null;

    public WalkLine? Next => Position + 1 < Count ? lines[Position + 1] : null;

    public bool MoveNext() => MoveTo(Position + 1);

    public bool MovePrevious() => MoveTo(Position - 1);

    /// <summary>
    /// Moves to the first line after this one without a clip, going on from the chapter's start when none is
    /// after it; answers false (and stays) when every other line is recorded.
    /// </summary>
    public bool MoveToNextUnrecorded()
    {
        for (var step = 1; step < Count; step++)
        {
            var index = (Position + step) % Count;
            if (!lines[index].Recorded)
            {
                return MoveTo(index);
            }
        }

        return false;
    }

    /// <summary>
    /// Takes the chapter's lines again (after a clip or a text change): the walk stays on the same slide's line
    /// when it is still there, else on the same place, within the new count.
    /// </summary>
    public void Update(IReadOnlyList<WalkLine> newLines)
    {
        ArgumentNullException.ThrowIfNull(newLines);
        var current = Current;
        lines = newLines;
        var same = current is null ? -1 : IndexOf(newLines, current.SlideKey, current.Line);
        Position = same >= 0 ? same : Math.Clamp(Position, 0, Math.Max(0, newLines.Count - 1));
    }

    private bool MoveTo(int index)
    {
        if (index < 0 || index >= Count || index == Position)
        {
            return false;
        }

        Position = index;
        return true;
    }

    private static int IndexOf(IReadOnlyList<WalkLine> lines, string slideKey, int line)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].SlideKey == slideKey && lines[i].Line == line)
            {
                return i;
            }
        }

        return -1;
    }
}
