namespace Course.Core.Narration;

/// <summary>A slide's spoken lines, by the slide's stable key (see <c>KeyedSlides</c>).</summary>
public sealed record SlideLines(string SlideKey, IReadOnlyList<string> Lines);

/// <summary>A recorded clip where it sits: the slide's key, the line's index in that slide (from 0) and the text it was recorded for.</summary>
public sealed record LineClip(string ClipId, string SlideKey, int Line, string RecordedText);

public enum ClipState
{
    /// <summary>The line still says what was recorded.</summary>
    Current,

    /// <summary>The line's text changed since recording: the clip is kept and plays, flagged until re-recorded or confirmed.</summary>
    TextChanged,
}

/// <summary>A clip placed on a line of the new text.</summary>
public sealed record PlacedClip(string ClipId, string SlideKey, int Line, string Text, string RecordedText)
{
    public ClipState State => string.Equals(Text, RecordedText, StringComparison.Ordinal) ? ClipState.Current : ClipState.TextChanged;
}

/// <summary>Where every clip went: on a line, or left without one (its line was deleted).</summary>
public sealed record ClipPlacement(IReadOnlyList<PlacedClip> Placed, IReadOnlyList<LineClip> Unplaced);

/// <summary>
/// Keeps each recorded clip with its line across an edit. A clip belongs to a line by its slide's key and
/// its text: a line that keeps its text keeps its clip wherever it moves (within its slide or to another);
/// a line edited in place (a removed line and an added one at the same spot of the same slide) keeps the clip,
/// flagged <see cref="ClipState.TextChanged"/>; a deleted line's clip is left unplaced, never put on a line
/// it was not recorded for.
/// </summary>
public static class ClipPlacer
{
    public static ClipPlacement Place(IReadOnlyList<SlideLines> before, IReadOnlyList<SlideLines> after, IReadOnlyList<LineClip> clips)
    {
        var oldSlides = before.ToDictionary(s => s.SlideKey, StringComparer.Ordinal);
        var newSlides = after.ToDictionary(s => s.SlideKey, StringComparer.Ordinal);

        // 1. Within each slide that still exists: lines that kept their text, by a longest common subsequence.
        var movedTo = new Dictionary<(string Key, int Line), (string Key, int Line)>();
        var removed = new List<(string Key, int Line)>();
        var added = new HashSet<(string Key, int Line)>();
        foreach (var slide in after)
        {
            if (!oldSlides.TryGetValue(slide.SlideKey, out var old))
            {
                for (var i = 0; i < slide.Lines.Count; i++)
                {
                    added.Add((slide.SlideKey, i));
                }

                continue;
            }

            var pairs = CommonLines(old.Lines, slide.Lines);
            var keptOld = pairs.Select(p => p.Old).ToHashSet();
            var keptNew = pairs.Select(p => p.New).ToHashSet();
            foreach (var (o, n) in pairs)
            {
                movedTo[(slide.SlideKey, o)] = (slide.SlideKey, n);
            }

            removed.AddRange(Enumerable.Range(0, old.Lines.Count).Where(i => !keptOld.Contains(i)).Select(i => (slide.SlideKey, i)));
            foreach (var i in Enumerable.Range(0, slide.Lines.Count).Where(i => !keptNew.Contains(i)))
            {
                added.Add((slide.SlideKey, i));
            }
        }

        foreach (var slide in before.Where(s => !newSlides.ContainsKey(s.SlideKey)))
        {
            removed.AddRange(Enumerable.Range(0, slide.Lines.Count).Select(i => (slide.SlideKey, i)));
        }

        // 2. A removed line whose text was added elsewhere moved there (first free line with that text, in order).
        var addedByText = added.OrderBy(a => SlideOrder(after, a.Key)).ThenBy(a => a.Line)
            .GroupBy(a => newSlides[a.Key].Lines[a.Line], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new Queue<(string Key, int Line)>(g), StringComparer.Ordinal);
        var stillRemoved = new List<(string Key, int Line)>();
        foreach (var line in removed)
        {
            var text = oldSlides[line.Key].Lines[line.Line];
            if (addedByText.TryGetValue(text, out var free) && free.TryDequeue(out var target))
            {
                movedTo[line] = target;
                added.Remove(target);
            }
            else
            {
                stillRemoved.Add(line);
            }
        }

        // 3. In a slide that still exists, a removed line and an added one between the same kept neighbours
        // were one line edited in place: pair them in order.
        foreach (var group in stillRemoved.Where(r => newSlides.ContainsKey(r.Key)).GroupBy(r => r.Key))
        {
            var key = group.Key;
            var kept = movedTo.Where(m => m.Key.Key == key && m.Value.Key == key).Select(m => (Old: m.Key.Line, New: m.Value.Line)).OrderBy(p => p.Old).ToList();
            foreach (var gap in group.GroupBy(r => kept.Count(k => k.Old < r.Line)))
            {
                var low = gap.Key == 0 ? -1 : kept[gap.Key - 1].New;
                var high = gap.Key < kept.Count ? kept[gap.Key].New : int.MaxValue;
                var free = added.Where(a => a.Key == key && a.Line > low && a.Line < high).OrderBy(a => a.Line).ToList();
                foreach (var (line, target) in gap.OrderBy(r => r.Line).Zip(free))
                {
                    movedTo[line] = target;
                    added.Remove(target);
                }
            }
        }

        var placed = new List<PlacedClip>();
        var unplaced = new List<LineClip>();
        var taken = new HashSet<(string Key, int Line)>();
        foreach (var clip in clips)
        {
            if (movedTo.TryGetValue((clip.SlideKey, clip.Line), out var target) && taken.Add(target))
            {
                placed.Add(new PlacedClip(clip.ClipId, target.Key, target.Line, newSlides[target.Key].Lines[target.Line], clip.RecordedText));
            }
            else
            {
                unplaced.Add(clip);
            }
        }

        return new ClipPlacement(
            [.. placed.OrderBy(p => SlideOrder(after, p.SlideKey)).ThenBy(p => p.Line)],
            unplaced);
    }

    private static int SlideOrder(IReadOnlyList<SlideLines> slides, string key)
    {
        for (var i = 0; i < slides.Count; i++)
        {
            if (slides[i].SlideKey == key)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    // A slide has a handful of lines (the parser bounds them), so the quadratic table is small.
    private static List<(int Old, int New)> CommonLines(IReadOnlyList<string> old, IReadOnlyList<string> @new)
    {
        var length = new int[old.Count + 1, @new.Count + 1];
        for (var i = old.Count - 1; i >= 0; i--)
        {
            for (var j = @new.Count - 1; j >= 0; j--)
            {
                length[i, j] = string.Equals(old[i], @new[j], StringComparison.Ordinal)
                    ? length[i + 1, j + 1] + 1
                    : Math.Max(length[i + 1, j], length[i, j + 1]);
            }
        }

        var pairs = new List<(int, int)>();
        for (int i = 0, j = 0; i < old.Count && j < @new.Count;)
        {
            if (string.Equals(old[i], @new[j], StringComparison.Ordinal))
            {
                pairs.Add((i++, j++));
            }
            else if (length[i + 1, j] >= length[i, j + 1])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return pairs;
    }
}
