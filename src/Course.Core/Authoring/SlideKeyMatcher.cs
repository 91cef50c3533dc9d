namespace Course.Core.Authoring;

/// <summary>
/// Decides which slides of an edited chapter are "the same slide" as before, so they keep their keys
/// and learners' progress and quiz links keep pointing at them. Slides are compared whole: unchanged
/// slides match wherever they moved; within a run of changed slides, old and
/// new are paired in order (an edited slide stays itself); extra new slides are new.
/// </summary>
public static class SlideKeyMatcher
{
    /// <returns>For each new slide, the index of the old slide it continues, or null when it is new.</returns>
    public static IReadOnlyList<int?> Match(IReadOnlyList<string> oldSlides, IReadOnlyList<string> newSlides)
    {
        ArgumentNullException.ThrowIfNull(oldSlides);
        ArgumentNullException.ThrowIfNull(newSlides);

        // One slide per diff line: its text with line breaks replaced, so the line diff compares slides.
        static string AsLines(IEnumerable<string> slides) =>
            string.Join('\n', slides.Select(s => s.Replace("\r", "\u241D", StringComparison.Ordinal).Replace("\n", "\u241E", StringComparison.Ordinal)));

        var result = new int?[newSlides.Count];
        if (oldSlides.Count == 0 || newSlides.Count == 0)
        {
            return result;
        }

        var removed = new Queue<int>();
        foreach (var line in LineDiff.Compare(AsLines(oldSlides) + "\n", AsLines(newSlides) + "\n"))
        {
            switch (line.Kind)
            {
                case DiffKind.Unchanged:
                    removed.Clear();
                    result[line.NewNumber!.Value - 1] = line.OldNumber!.Value - 1;
                    break;
                case DiffKind.Removed:
                    removed.Enqueue(line.OldNumber!.Value - 1);
                    break;
                case DiffKind.Added:
                    result[line.NewNumber!.Value - 1] = removed.Count > 0 ? removed.Dequeue() : null;
                    break;
            }
        }

        // A slide moved past others shows as removed here and added there: same text, same slide.
        var used = result.Where(i => i is not null).Select(i => i!.Value).ToHashSet();
        for (var n = 0; n < result.Length; n++)
        {
            if (result[n] is null)
            {
                var moved = Enumerable.Range(0, oldSlides.Count).FirstOrDefault(o => !used.Contains(o) && oldSlides[o] == newSlides[n], -1);
                if (moved >= 0)
                {
                    result[n] = moved;
                    used.Add(moved);
                }
            }
        }

        return result;
    }
}
