using System.Text.RegularExpressions;
using Course.Core.Rendering;

namespace Course.Core.Authoring;

internal enum MarkdownLineKind
{
    Blank,
    Text,
    ListItem,
    Heading,
    SlideBreak,
    Fence,
    Pause,

    /// <summary>A line of '=': a setext underline right under text, ordinary text anywhere else.</summary>
    Underline,
}

/// <summary>
/// One classified line. <see cref="Start"/> is where its content begins (indentation is skipped);
/// <see cref="ValueStart"/> is where a heading's text or a pause's value begins.
/// </summary>
internal readonly record struct MarkdownLine(MarkdownLineKind Kind, int Start, int Level = 0, int ValueStart = 0, string Value = "");

/// <summary>
/// Which kind of Markdown line a line is. Used by the reader, and by the writer, which checks every line it writes
/// reads back as intended.
/// </summary>
internal static partial class MarkdownLines
{
    /// <summary>Classifies a line whose trailing whitespace is already removed.</summary>
    internal static MarkdownLine Classify(string line)
    {
        // Indentation carries no meaning here: nested items are items, and there are no indented code blocks.
        var start = 0;
        while (start < line.Length && line[start] is ' ' or '\t')
        {
            start++;
        }

        if (start == line.Length)
        {
            return new MarkdownLine(MarkdownLineKind.Blank, start);
        }

        var content = line[start..];
        if (Fence().Match(content) is { Success: true } fence)
        {
            return new MarkdownLine(MarkdownLineKind.Fence, start, Value: fence.Value);
        }

        if (SlideBreak().IsMatch(content))
        {
            return new MarkdownLine(MarkdownLineKind.SlideBreak, start);
        }

        if (Heading().Match(content) is { Success: true } heading)
        {
            return new MarkdownLine(MarkdownLineKind.Heading, start, heading.Groups["marks"].Length, start + heading.Length,
                content[heading.Length..]);
        }

        if (PauseLine().Match(content) is { Success: true } pause)
        {
            var value = pause.Groups["value"];
            return new MarkdownLine(MarkdownLineKind.Pause, start, ValueStart: start + value.Index, Value: value.Value);
        }

        // The same rule as the script format's list segments, so "- item" and "3. item" mean one thing everywhere.
        if (SegmentMarkdown.SplitListMarker(content).List != ListKind.None)
        {
            return new MarkdownLine(MarkdownLineKind.ListItem, start);
        }

        return new MarkdownLine(Underline().IsMatch(content) ? MarkdownLineKind.Underline : MarkdownLineKind.Text, start);
    }

    /// <summary>Whether <paramref name="line"/> closes a fence opened with <paramref name="opening"/> (same character, at least as long).</summary>
    internal static bool ClosesFence(string line, string opening)
    {
        var content = line.TrimStart(' ', '\t');
        var length = 0;
        while (length < content.Length && content[length] == opening[0])
        {
            length++;
        }

        return length >= opening.Length && length == content.Length;
    }

    [GeneratedRegex(@"^(?:`{3,}|~{3,})")]
    private static partial Regex Fence();

    // "- - -" is left to the list rule: in a script it is a list item.
    [GeneratedRegex(@"^(?:-{3,}|\*{3,}|_{3,})$")]
    private static partial Regex SlideBreak();

    [GeneratedRegex(@"^(?<marks>#{1,6})(?:[ \t]+|$)")]
    private static partial Regex Heading();

    // Any value is taken (and checked like a break's), so a mistyped "[pause 1,5s]" is an error rather than text.
    [GeneratedRegex(@"^\[pause[ \t]+(?<value>[^\]\s""'<>]+)[ \t]*\]$")]
    private static partial Regex PauseLine();

    [GeneratedRegex(@"^=+$")]
    private static partial Regex Underline();
}
