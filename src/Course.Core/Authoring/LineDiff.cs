namespace Course.Core.Authoring;

public enum DiffKind
{
    Unchanged,
    Added,
    Removed,
}

/// <summary>
/// One line of a diff, numbered from 1 in the old and in the new text (null on the side it is not in).
/// <see cref="NoNewlineAtEnd"/> marks a last line with no line end, git's "\ No newline at end of file".
/// </summary>
public sealed record DiffLine(DiffKind Kind, int? OldNumber, int? NewNumber, string Text, bool NoNewlineAtEnd = false);

/// <summary>
/// Changes with the unchanged lines around them, numbered as in a unified diff: a side with no lines
/// starts at the line before the hunk (0 at the top of the text).
/// </summary>
public sealed record DiffHunk(int OldStart, int OldCount, int NewStart, int NewCount, IReadOnlyList<DiffLine> Lines)
{
    public override string ToString() => $"@@ -{OldStart},{OldCount} +{NewStart},{NewCount} @@";
}

/// <summary>
/// A line diff between two versions of a text: Myers' O(ND) algorithm in linear space (bisecting at the
/// middle snake), so a few edits to a long chapter cost little and a full rewrite never needs N×M memory.
/// The result is a shortest edit; within one change, removed lines come before added ones.
/// LF, CRLF and CR all end a line; whether the last line has an end counts, which one does not.
/// </summary>
public static class LineDiff
{
    private readonly record struct Line(string Text, bool Ended);

    private readonly record struct Edit(DiffKind Kind, int Old, int New);

    public static IReadOnlyList<DiffLine> Compare(string oldText, string newText)
    {
        ArgumentNullException.ThrowIfNull(oldText);
        ArgumentNullException.ThrowIfNull(newText);
        var oldLines = SplitLines(oldText);
        var newLines = SplitLines(newText);

        // Compare numbers, not strings: each distinct line (with whether it ends) gets one.
        var ids = new Dictionary<Line, int>();
        var a = oldLines.Select(Id).ToArray();
        var b = newLines.Select(Id).ToArray();
        return ToLines(ShortestEdit(a, b), oldLines, newLines);

        int Id(Line line) => ids.TryGetValue(line, out var id) ? id : ids[line] = ids.Count;
    }

    /// <summary>The changes between two texts grouped into hunks with <paramref name="context"/> unchanged lines around them.</summary>
    public static IReadOnlyList<DiffHunk> Hunks(string oldText, string newText, int context = 3) =>
        Hunks(Compare(oldText, newText), context);

    public static IReadOnlyList<DiffHunk> Hunks(IReadOnlyList<DiffLine> lines, int context = 3)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentOutOfRangeException.ThrowIfNegative(context);
        var changes = Enumerable.Range(0, lines.Count).Where(i => lines[i].Kind != DiffKind.Unchanged).ToList();
        var hunks = new List<DiffHunk>();
        var c = 0;
        while (c < changes.Count)
        {
            // Changes at most 2×context unchanged lines apart share a hunk, so no context line is shown twice.
            var last = c;
            while (last + 1 < changes.Count && changes[last + 1] - changes[last] - 1 <= 2 * context)
            {
                last++;
            }

            var start = Math.Max(0, changes[c] - context);
            var end = Math.Min(lines.Count, changes[last] + context + 1);
            var slice = lines.Skip(start).Take(end - start).ToList();
            var oldBefore = lines.Take(start).Count(l => l.OldNumber is not null);
            var newBefore = lines.Take(start).Count(l => l.NewNumber is not null);
            var oldCount = slice.Count(l => l.OldNumber is not null);
            var newCount = slice.Count(l => l.NewNumber is not null);
            hunks.Add(new DiffHunk(
                oldCount > 0 ? oldBefore + 1 : oldBefore, oldCount,
                newCount > 0 ? newBefore + 1 : newBefore, newCount,
                slice));
            c = last + 1;
        }

        return hunks;
    }

    private static List<Line> SplitLines(string text)
    {
        var lines = new List<Line>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\r' or '\n')
            {
                lines.Add(new Line(text[start..i], true));
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(new Line(text[start..], false));
        }

        return lines;
    }

    private static List<Edit> ShortestEdit(int[] a, int[] b)
    {
        // A line found on one side only can never be unchanged: leave such lines out of the search, which then
        // has only the real choices to make (a text where every other line was rewritten diffs in linear time).
        var inNew = b.ToHashSet();
        var inOld = a.ToHashSet();
        var keptOld = Enumerable.Range(0, a.Length).Where(i => inNew.Contains(a[i])).ToArray();
        var keptNew = Enumerable.Range(0, b.Length).Where(j => inOld.Contains(b[j])).ToArray();
        var search = new List<Edit>(keptOld.Length + keptNew.Length);
        Diff([.. keptOld.Select(i => a[i])], 0, keptOld.Length, [.. keptNew.Select(j => b[j])], 0, keptNew.Length, search);

        // Put the left-out lines back, each before the first edit that comes after it.
        var edits = new List<Edit>(a.Length + b.Length);
        int nextOld = 0, nextNew = 0;
        foreach (var (kind, o, n) in search)
        {
            var old = o < 0 ? -1 : keptOld[o];
            var @new = n < 0 ? -1 : keptNew[n];
            AddLeftOut(old < 0 ? nextOld : old, @new < 0 ? nextNew : @new);
            edits.Add(new Edit(kind, old, @new));
            nextOld = old < 0 ? nextOld : old + 1;
            nextNew = @new < 0 ? nextNew : @new + 1;
        }

        AddLeftOut(a.Length, b.Length);
        return edits;

        void AddLeftOut(int oldUntil, int newUntil)
        {
            for (; nextOld < oldUntil; nextOld++)
            {
                edits.Add(new Edit(DiffKind.Removed, nextOld, -1));
            }

            for (; nextNew < newUntil; nextNew++)
            {
                edits.Add(new Edit(DiffKind.Added, -1, nextNew));
            }
        }
    }

    /// <summary>Appends the edits turning a[aLo..aHi) into b[bLo..bHi), in order.</summary>
    private static void Diff(int[] a, int aLo, int aHi, int[] b, int bLo, int bHi, List<Edit> edits)
    {
        while (aLo < aHi && bLo < bHi && a[aLo] == b[bLo])
        {
            edits.Add(new Edit(DiffKind.Unchanged, aLo++, bLo++));
        }

        var suffix = 0;
        while (aLo < aHi - suffix && bLo < bHi - suffix && a[aHi - 1 - suffix] == b[bHi - 1 - suffix])
        {
            suffix++;
        }

        aHi -= suffix;
        bHi -= suffix;
        if (aLo < aHi && bLo < bHi && MiddleSnake(a, aLo, aHi, b, bLo, bHi) is var (x, y))
        {
            Diff(a, aLo, x, b, bLo, y, edits);
            Diff(a, x, aHi, b, y, bHi, edits);
        }
        else
        {
            for (var i = aLo; i < aHi; i++)
            {
                edits.Add(new Edit(DiffKind.Removed, i, -1));
            }

            for (var j = bLo; j < bHi; j++)
            {
                edits.Add(new Edit(DiffKind.Added, -1, j));
            }
        }

        for (var k = 0; k < suffix; k++)
        {
            edits.Add(new Edit(DiffKind.Unchanged, aHi + k, bHi + k));
        }
    }

    /// <summary>
    /// Runs the search forward from the start and backward from the end until the two paths overlap, and
    /// returns a point on a shortest edit path to split at; null when the ranges share no line.
    /// </summary>
    private static (int X, int Y)? MiddleSnake(int[] a, int aLo, int aHi, int[] b, int bLo, int bHi)
    {
        var n = aHi - aLo;
        var m = bHi - bLo;
        var maxD = (n + m + 1) / 2;
        var offset = maxD;
        var length = 2 * maxD + 2;
        var forward = new int[length];
        var backward = new int[length];
        Array.Fill(forward, -1);
        Array.Fill(backward, -1);
        forward[offset + 1] = 0;
        backward[offset + 1] = 0;
        var delta = n - m;

        // With an odd delta the forward path meets the backward one; with an even delta, the other way round.
        var checkForward = delta % 2 != 0;
        int forwardStart = 0, forwardEnd = 0, backwardStart = 0, backwardEnd = 0;
        for (var d = 0; d < maxD; d++)
        {
            for (var k = -d + forwardStart; k <= d - forwardEnd; k += 2)
            {
                var at = offset + k;
                var x = k == -d || (k != d && forward[at - 1] < forward[at + 1]) ? forward[at + 1] : forward[at - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[aLo + x] == b[bLo + y])
                {
                    x++;
                    y++;
                }

                forward[at] = x;
                if (x > n)
                {
                    forwardEnd += 2; // off the right edge: later diagonals on this side are too
                }
                else if (y > m)
                {
                    forwardStart += 2; // off the bottom edge
                }
                else if (checkForward)
                {
                    var other = offset + delta - k;
                    if (other >= 0 && other < length && backward[other] != -1 && x >= n - backward[other])
                    {
                        return (aLo + x, bLo + y);
                    }
                }
            }

            for (var k = -d + backwardStart; k <= d - backwardEnd; k += 2)
            {
                var at = offset + k;
                var x = k == -d || (k != d && backward[at - 1] < backward[at + 1]) ? backward[at + 1] : backward[at - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[aHi - 1 - x] == b[bHi - 1 - y])
                {
                    x++;
                    y++;
                }

                backward[at] = x;
                if (x > n)
                {
                    backwardEnd += 2;
                }
                else if (y > m)
                {
                    backwardStart += 2;
                }
                else if (!checkForward)
                {
                    var other = offset + delta - k;
                    if (other >= 0 && other < length && forward[other] != -1)
                    {
                        var forwardX = forward[other];
                        var forwardY = offset + forwardX - other;
                        if (forwardX >= n - x)
                        {
                            return (aLo + forwardX, bLo + forwardY);
                        }
                    }
                }
            }
        }

        return null;
    }

    private static List<DiffLine> ToLines(List<Edit> edits, List<Line> oldLines, List<Line> newLines)
    {
        var result = new List<DiffLine>(edits.Count);
        var i = 0;
        while (i < edits.Count)
        {
            if (edits[i].Kind == DiffKind.Unchanged)
            {
                var (_, o, n) = edits[i++];
                result.Add(new DiffLine(DiffKind.Unchanged, o + 1, n + 1, oldLines[o].Text, !oldLines[o].Ended));
                continue;
            }

            var end = i;
            while (end < edits.Count && edits[end].Kind != DiffKind.Unchanged)
            {
                end++;
            }

            // Within one change, removed lines first, then added ones, as a reader expects.
            foreach (var edit in edits.Skip(i).Take(end - i).Where(e => e.Kind == DiffKind.Removed))
            {
                result.Add(new DiffLine(DiffKind.Removed, edit.Old + 1, null, oldLines[edit.Old].Text, !oldLines[edit.Old].Ended));
            }

            foreach (var edit in edits.Skip(i).Take(end - i).Where(e => e.Kind == DiffKind.Added))
            {
                result.Add(new DiffLine(DiffKind.Added, null, edit.New + 1, newLines[edit.New].Text, !newLines[edit.New].Ended));
            }

            i = end;
        }

        return result;
    }
}
