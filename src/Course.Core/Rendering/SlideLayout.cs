namespace Course.Core.Rendering;

public enum BlockKind
{
    Paragraph,
    BulletList,
    OrderedList,
}

/// <summary>A run of lines shown together: one paragraph per line, or the items of one list.</summary>
public sealed record SlideBlock<T>(BlockKind Kind, IReadOnlyList<SlideLine<T>> Lines);

/// <summary>One written line of a slide: its segments (more than one when a break stands inside it).</summary>
public sealed record SlideLine<T>(int FirstIndex, IReadOnlyList<T> Segments);

/// <summary>
/// Groups a slide's segments into lines and consecutive list items into lists, so "- item" lines
/// render as a real list and a line split by a mid-line break stays one line.
/// </summary>
public static class SlideLayout
{
    /// <summary>The slide's written lines: a segment that continues a line joins the one before it.</summary>
    public static IReadOnlyList<SlideLine<T>> Lines<T>(IReadOnlyList<T> segments, Func<T, bool> continuesLine)
    {
        var lines = new List<SlideLine<T>>();
        for (var i = 0; i < segments.Count; i++)
        {
            if (i > 0 && continuesLine(segments[i]))
            {
                lines[^1] = lines[^1] with { Segments = [.. lines[^1].Segments, segments[i]] };
            }
            else
            {
                lines.Add(new SlideLine<T>(i, [segments[i]]));
            }
        }

        return lines;
    }

    public static IReadOnlyList<SlideBlock<T>> Group<T>(IReadOnlyList<T> segments, Func<T, ListKind> listOf, Func<T, bool> continuesLine)
    {
        var blocks = new List<SlideBlock<T>>();
        foreach (var line in Lines(segments, continuesLine))
        {
            var kind = listOf(line.Segments[0]) switch
            {
                ListKind.Bullet => BlockKind.BulletList,
                ListKind.Ordered => BlockKind.OrderedList,
                _ => BlockKind.Paragraph,
            };
            if (kind != BlockKind.Paragraph && blocks.Count > 0 && blocks[^1].Kind == kind)
            {
                blocks[^1] = blocks[^1] with { Lines = [.. blocks[^1].Lines, line] };
            }
            else
            {
                blocks.Add(new SlideBlock<T>(kind, [line]));
            }
        }

        return blocks;
    }
}
