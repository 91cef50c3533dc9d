using Course.Core.Scripts;

namespace Course.Core.Authoring;

/// <summary>What is wrong with a segment's text, if anything (see <see cref="ScriptEdits.CheckSegmentText"/>).</summary>
public enum SegmentTextProblem
{
    None,

    /// <summary>The text holds a line break: a segment is one line.</summary>
    LineBreak,

    /// <summary>The text is empty and the segment has no pause, so it would be a blank line (a slide break).</summary>
    Empty,

    /// <summary>The text holds a <c>&lt;break/&gt;</c>: pauses are set on the segment, not in its text.</summary>
    ContainsBreak,

    /// <summary>The parser rejects the text (an unknown tag, a control character, …).</summary>
    Invalid,
}

/// <summary>The outcome of checking a segment's text: the problem and, for <see cref="SegmentTextProblem.Invalid"/>, the parser's message.</summary>
public sealed record SegmentTextCheck(SegmentTextProblem Problem, string? Detail = null)
{
    public static readonly SegmentTextCheck Valid = new(SegmentTextProblem.None);

    /// <summary>For <see cref="SegmentTextProblem.Invalid"/>, the parser's error (with its code, for translation).</summary>
    public ScriptError? Error { get; init; }

    public bool IsValid => Problem == SegmentTextProblem.None;
}

/// <summary>
/// The slide editor's operations on a parsed chapter: each takes a <see cref="ChapterScript"/> and returns
/// a new one, leaving the metadata and every segment it does not touch as they were (the same records,
/// so a break keeps the markup its author wrote and an untouched script is written back byte for byte).
/// Slides and segments are addressed by 0-based index; an index out of range throws
/// <see cref="ArgumentOutOfRangeException"/>, an edit that would leave the chapter unwritable
/// (no slides, an empty slide) throws <see cref="InvalidOperationException"/>.
/// </summary>
/// <remarks>
/// <para>
/// Lines. A break inside a line cuts it into segments; the ones after the first have
/// <see cref="ScriptSegment.ContinuesLine"/> set and are written on the same line. Which positions of a
/// slide share a line is treated as the slide's layout, so the operations keep it where they can and
/// repair it where they cannot, always so that what is written parses back to the same chapter:
/// </para>
/// <list type="bullet">
/// <item>Moving a segment swaps its text and pause with its neighbour's; the line layout stays with the
/// positions (a line of two segments is still a line of two segments). This keeps the reveal order the
/// author asked for, which is what the learner sees.</item>
/// <item>A segment can continue a line only after a segment with a pause (without one, the two would be
/// written as one text), only if it has text (an empty continuation would be two breaks in a row), and
/// never as the first segment of a slide. Wherever an edit breaks one of these rules, the segment starts
/// a line of its own instead: removing the pause in the middle of a line, splitting a slide inside a line,
/// moving a segment with no pause into the middle of a line, deleting the first segment of a line.</item>
/// <item>A new segment always starts a line of its own; added inside a line, it splits the line there.</item>
/// </list>
/// <para>
/// Such a repair is the one way an edit is not undone by its opposite (moving a segment down and back up
/// restores it unless a repair happened in between).
/// </para>
/// </remarks>
public static class ScriptEdits
{
    /// <summary>Moves a slide by <paramref name="offset"/> places (−1 up, +1 down).</summary>
    public static ChapterScript MoveSlide(ChapterScript script, int slide, int offset)
    {
        CheckSlide(script, slide);
        var target = slide + offset;
        if (target < 0 || target >= script.Slides.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset,
                $"slide {slide} cannot move {offset} places in a chapter of {script.Slides.Count} slides");
        }

        var slides = script.Slides.ToList();
        var moved = slides[slide];
        slides.RemoveAt(slide);
        slides.Insert(target, moved);
        return script with { Slides = slides };
    }

    /// <summary>Inserts a slide at <paramref name="index"/> (0 to the slide count).</summary>
    public static ChapterScript InsertSlide(ChapterScript script, int index, ScriptSlide slide)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(slide);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, script.Slides.Count);
        if (slide.Segments.Count == 0)
        {
            throw new ArgumentException("a slide needs at least one segment", nameof(slide));
        }

        foreach (var segment in slide.Segments)
        {
            CheckNewSegment(segment, nameof(slide));
        }

        var slides = script.Slides.ToList();
        slides.Insert(index, Repair(slide.Segments));
        return script with { Slides = slides };
    }

    /// <summary>Deletes a slide; the chapter's only slide cannot be deleted.</summary>
    public static ChapterScript DeleteSlide(ChapterScript script, int slide)
    {
        CheckSlide(script, slide);
        if (script.Slides.Count == 1)
        {
            throw new InvalidOperationException("a chapter needs at least one slide");
        }

        var slides = script.Slides.ToList();
        slides.RemoveAt(slide);
        return script with { Slides = slides };
    }

    /// <summary>
    /// Splits a slide before segment <paramref name="segment"/> (1 to its count − 1): that segment and the ones
    /// after it become a new slide right after it. Split inside a line, the line is cut there.
    /// </summary>
    public static ChapterScript SplitSlide(ChapterScript script, int slide, int segment)
    {
        CheckSlide(script, slide);
        var segments = script.Slides[slide].Segments;
        if (segment < 1 || segment >= segments.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(segment), segment,
                $"a slide of {segments.Count} segments splits before segment 1 to {segments.Count - 1}");
        }

        var slides = script.Slides.ToList();
        slides[slide] = new ScriptSlide([.. segments.Take(segment)]);
        slides.Insert(slide + 1, Repair([.. segments.Skip(segment)]));
        return script with { Slides = slides };
    }

    /// <summary>Merges a slide with the next one: the next slide's segments follow its own.</summary>
    public static ChapterScript MergeWithNext(ChapterScript script, int slide)
    {
        CheckSlide(script, slide);
        if (slide == script.Slides.Count - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(slide), slide, "the last slide has no next slide to merge with");
        }

        var slides = script.Slides.ToList();
        slides[slide] = new ScriptSlide([.. slides[slide].Segments, .. slides[slide + 1].Segments]);
        slides.RemoveAt(slide + 1);
        return script with { Slides = slides };
    }

    /// <summary>Moves a segment within its slide by <paramref name="offset"/> places (−1 up, +1 down).</summary>
    public static ChapterScript MoveSegment(ChapterScript script, int slide, int segment, int offset)
    {
        CheckSegment(script, slide, segment);
        var segments = script.Slides[slide].Segments.ToList();
        var target = segment + offset;
        if (target < 0 || target >= segments.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset,
                $"segment {segment} cannot move {offset} places in a slide of {segments.Count} segments");
        }

        // The contents move; which positions continue a line stays with the positions.
        var moved = segments[segment];
        var step = Math.Sign(offset);
        for (var i = segment; i != target; i += step)
        {
            segments[i] = Place(segments[i + step], segments[i].ContinuesLine);
        }

        segments[target] = Place(moved, segments[target].ContinuesLine);
        return WithSlide(script, slide, Repair(segments));

        static ScriptSegment Place(ScriptSegment segment, bool continuesLine) =>
            segment.ContinuesLine == continuesLine ? segment : segment with { ContinuesLine = continuesLine };
    }

    /// <summary>
    /// Moves a slide's last segment to the start of the next slide (<paramref name="direction"/> +1), or its first
    /// segment to the end of the previous slide (−1), as a line of its own. A slide's only segment stays (merge
    /// the slides instead), and nothing moves past the first or the last slide.
    /// </summary>
    public static ChapterScript MoveSegmentToSlide(ChapterScript script, int slide, int direction)
    {
        CheckSlide(script, slide);
        if (direction is not (1 or -1))
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction, "a segment moves to the next slide (+1) or the previous one (−1)");
        }

        var target = slide + direction;
        if (target < 0 || target >= script.Slides.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction, $"slide {slide} has no slide {(direction > 0 ? "after" : "before")} it");
        }

        var segments = script.Slides[slide].Segments;
        var segment = direction > 0 ? segments.Count - 1 : 0;
        var moved = segments[segment] with { ContinuesLine = false };
        var without = DeleteSegment(script, slide, segment); // refuses a slide's only segment
        return InsertSegment(without, target, direction > 0 ? 0 : without.Slides[target].Segments.Count, moved);
    }

    /// <summary>
    /// Inserts a segment at <paramref name="index"/> of a slide (0 to its segment count). It starts a line of
    /// its own; inserted inside a line, the rest of that line starts a new line after it.
    /// </summary>
    public static ChapterScript InsertSegment(ChapterScript script, int slide, int index, ScriptSegment segment)
    {
        CheckSlide(script, slide);
        ArgumentNullException.ThrowIfNull(segment);
        var segments = script.Slides[slide].Segments.ToList();
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, segments.Count);
        CheckNewSegment(segment, nameof(segment));

        segments.Insert(index, segment.ContinuesLine ? segment with { ContinuesLine = false } : segment);
        if (index + 1 < segments.Count && segments[index + 1].ContinuesLine)
        {
            segments[index + 1] = segments[index + 1] with { ContinuesLine = false };
        }

        return WithSlide(script, slide, Repair(segments));
    }

    /// <summary>
    /// Deletes a segment; a slide's only segment cannot be deleted (delete the slide instead). Deleting the
    /// first segment of a line, the next segment of that line starts it.
    /// </summary>
    public static ChapterScript DeleteSegment(ChapterScript script, int slide, int segment)
    {
        CheckSegment(script, slide, segment);
        var segments = script.Slides[slide].Segments.ToList();
        if (segments.Count == 1)
        {
            throw new InvalidOperationException("a slide needs at least one segment: delete the slide instead");
        }

        var startsLine = !segments[segment].ContinuesLine;
        segments.RemoveAt(segment);
        if (startsLine && segment < segments.Count && segments[segment].ContinuesLine)
        {
            segments[segment] = segments[segment] with { ContinuesLine = false };
        }

        return WithSlide(script, slide, Repair(segments));
    }

    /// <summary>
    /// Sets the pause after a segment, or removes it (<paramref name="pause"/> null). Removing the pause in the
    /// middle of a line cuts the line there; a segment with no text (a silent one) cannot lose its pause.
    /// </summary>
    public static ChapterScript SetPause(ChapterScript script, int slide, int segment, Pause? pause)
    {
        CheckSegment(script, slide, segment);
        var current = script.Slides[slide].Segments[segment];
        if (pause is not null)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(pause.Milliseconds, nameof(pause));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(pause.Milliseconds, Pause.MaxMilliseconds, nameof(pause));
            if (!IsBreakMarkup(pause))
            {
                throw new ArgumentException($"'{pause.Markup}' is not a <break/> meaning {pause.Milliseconds} ms", nameof(pause));
            }
        }
        else if (IsBlank(current.Text))
        {
            throw new InvalidOperationException("a segment with no text needs its pause: delete the segment instead");
        }

        if (current.Pause == pause)
        {
            return script;
        }

        var segments = script.Slides[slide].Segments.ToList();
        segments[segment] = current with { Pause = pause };
        return WithSlide(script, slide, Repair(segments));
    }

    /// <summary>
    /// Replaces a segment's text, which must pass <see cref="CheckSegmentText"/>. Whitespace the writer could
    /// not keep (at the end, or around a segment that continues a line) is trimmed. A segment continuing a
    /// line whose text becomes empty starts a line of its own (a silent segment).
    /// </summary>
    public static ChapterScript SetSegmentText(ChapterScript script, int slide, int segment, string text)
    {
        CheckSegment(script, slide, segment);
        ArgumentNullException.ThrowIfNull(text);
        var current = script.Slides[slide].Segments[segment];
        var check = CheckSegmentText(text, current.Pause is not null);
        if (!check.IsValid)
        {
            throw new ArgumentException($"the text cannot be a segment's: {check.Problem} {check.Detail}".TrimEnd(), nameof(text));
        }

        var normalized = Normalize(text, current.ContinuesLine);
        if (normalized == current.Text)
        {
            return script;
        }

        var segments = script.Slides[slide].Segments.ToList();
        segments[segment] = current with { Text = normalized };
        return WithSlide(script, slide, Repair(segments));
    }

    /// <summary>
    /// Whether <paramref name="text"/> can be a segment's text: one line, no tags but as text (escaped),
    /// and not empty unless the segment has a pause.
    /// </summary>
    public static SegmentTextCheck CheckSegmentText(string text, bool hasPause)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains('\n') || text.Contains('\r'))
        {
            return new SegmentTextCheck(SegmentTextProblem.LineBreak);
        }

        if (IsBlank(text))
        {
            return hasPause ? SegmentTextCheck.Valid : new SegmentTextCheck(SegmentTextProblem.Empty);
        }

        // Parse the text as the second line of a slide (as the first it could open front matter).
        var parsed = ScriptParser.Parse("x\n" + text);
        if (!parsed.Succeeded)
        {
            return new SegmentTextCheck(SegmentTextProblem.Invalid, parsed.Errors[0].Message) { Error = parsed.Errors[0] };
        }

        var segments = parsed.Script!.Slides.SelectMany(s => s.Segments).ToList();
        return segments.Count != 2 || segments[1].Pause is not null
            ? new SegmentTextCheck(SegmentTextProblem.ContainsBreak)
            : SegmentTextCheck.Valid;
    }

    /// <summary>The segments of a slide grouped by line: each line's first segment index and its segment count.</summary>
    public static IReadOnlyList<(int Start, int Count)> Lines(ScriptSlide slide)
    {
        ArgumentNullException.ThrowIfNull(slide);
        var lines = new List<(int Start, int Count)>();
        for (var i = 0; i < slide.Segments.Count; i++)
        {
            if (i == 0 || !slide.Segments[i].ContinuesLine)
            {
                lines.Add((i, 1));
            }
            else
            {
                lines[^1] = (lines[^1].Start, lines[^1].Count + 1);
            }
        }

        return lines;
    }

    /// <summary>Enforces the rules for continuing a line (see the remarks), changing only the segments that break them.</summary>
    private static ScriptSlide Repair(IReadOnlyList<ScriptSegment> segments)
    {
        var repaired = segments.ToArray();
        for (var i = 0; i < repaired.Length; i++)
        {
            var segment = repaired[i];
            if (segment.ContinuesLine && (i == 0 || repaired[i - 1].Pause is null || IsBlank(segment.Text)))
            {
                repaired[i] = segment with { ContinuesLine = false, Text = Normalize(segment.Text, continuesLine: false) };
            }
        }

        return new ScriptSlide(repaired);
    }

    /// <summary>The text as the parser gives it back after writing: no trailing whitespace, and none leading either after a break.</summary>
    private static string Normalize(string text, bool continuesLine)
    {
        var trimmed = text.TrimEnd(' ', '\t', '\u00A0');
        return continuesLine ? trimmed.TrimStart(' ', '\t') : trimmed;
    }

    private static bool IsBlank(string text) => text.Trim(' ', '\t', '\u00A0').Length == 0;

    private static bool IsBreakMarkup(Pause pause)
    {
        var parsed = ScriptParser.Parse("x " + pause.Markup);
        return parsed.Succeeded
            && parsed.Script!.Slides is [{ Segments: [{ Pause: { } read }] }]
            && read.Milliseconds == pause.Milliseconds
            && read.Markup == pause.Markup;
    }

    private static void CheckNewSegment(ScriptSegment segment, string parameter)
    {
        ArgumentNullException.ThrowIfNull(segment, parameter);
        var check = CheckSegmentText(segment.Text, segment.Pause is not null);
        if (!check.IsValid)
        {
            throw new ArgumentException($"'{segment.Text}' cannot be a segment's text: {check.Problem} {check.Detail}".TrimEnd(), parameter);
        }

        if (segment.Pause is { } pause && !IsBreakMarkup(pause))
        {
            throw new ArgumentException($"'{pause.Markup}' is not a <break/> meaning {pause.Milliseconds} ms", parameter);
        }
    }

    private static ChapterScript WithSlide(ChapterScript script, int index, ScriptSlide slide)
    {
        var slides = script.Slides.ToList();
        slides[index] = slide;
        return script with { Slides = slides };
    }

    private static void CheckSlide(ChapterScript script, int slide)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentOutOfRangeException.ThrowIfNegative(slide);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slide, script.Slides.Count);
    }

    private static void CheckSegment(ChapterScript script, int slide, int segment)
    {
        CheckSlide(script, slide);
        ArgumentOutOfRangeException.ThrowIfNegative(segment);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(segment, script.Slides[slide].Segments.Count);
    }
}
