using System.Text;
using Course.Core.Scripts;

namespace Course.Core.Authoring;

/// <summary>
/// Writes a chapter as Markdown that <see cref="MarkdownChapterReader"/> reads back as the same chapter:
/// the title as a level-1 heading, the other metadata as front matter, slides separated by '---', and each
/// line of the script as a paragraph or a list item. Breaks are written exactly as stored, like
/// <see cref="ScriptWriter"/> does; the output uses LF and ends with one newline.
/// </summary>
public static class MarkdownChapterWriter
{
    private const string SlideBreak = "\n\n---\n\n";

    /// <exception cref="ArgumentException">A line or the title would not read back unchanged: a script line that
    /// Markdown takes for something else ("# text", "---", "```", "[pause 1s]") or that starts with whitespace.</exception>
    public static string Write(ChapterScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var builder = new StringBuilder(script.SegmentCount * 80);

        // The script's own front matter, keys in its order; the title is the heading instead.
        builder.Append(ScriptWriter.Write(new ChapterScript(script.Metadata with { Title = null }, [])));
        if (script.Metadata.Title is { } title)
        {
            var heading = "# " + title;
            if (title.Length == 0 || title.Contains('\n') || title.Contains('\r') || title.TrimEnd(' ', '\t', '\u00A0') != title
                || MarkdownLines.Classify(heading) is not { Kind: MarkdownLineKind.Heading, Level: 1 } line || line.Value != title)
            {
                throw new ArgumentException($"The title '{title}' cannot be written as a Markdown heading.", nameof(script));
            }

            builder.Append(heading).Append("\n\n");
        }

        for (var s = 0; s < script.Slides.Count; s++)
        {
            if (s > 0)
            {
                builder.Append(SlideBreak);
            }

            WriteSlide(builder, script.Slides[s]);
        }

        return builder.Length == 0 ? "" : builder.ToString().TrimEnd('\n') + "\n";
    }

    private static void WriteSlide(StringBuilder builder, ScriptSlide slide)
    {
        var previous = MarkdownLineKind.Blank;
        foreach (var segments in Lines(slide))
        {
            // A line of a script is written as the script writes it, breaks inside it included.
            var text = ScriptWriter.Write(new ChapterScript(ScriptMetadata.Empty, [new ScriptSlide(segments)]));
            var kind = Check(text);
            if (previous != MarkdownLineKind.Blank)
            {
                // Items of one list stay together; anything else after an item would continue it, so a blank line.
                builder.Append(kind == MarkdownLineKind.ListItem && previous == MarkdownLineKind.ListItem ? "\n" : "\n\n");
            }

            builder.Append(text);
            previous = kind;
        }
    }

    private static IEnumerable<IReadOnlyList<ScriptSegment>> Lines(ScriptSlide slide) =>
        Rendering.SlideLayout.Lines(slide.Segments, s => s.ContinuesLine).Select(line => line.Segments);

    /// <summary>Makes sure the reader takes the line for a paragraph or a list item, with its text unchanged.</summary>
    private static MarkdownLineKind Check(string text)
    {
        var line = MarkdownLines.Classify(text);
        var problem = line switch
        {
            _ when text.Length == 0 => "it is empty",
            { Start: > 0 } => "it starts with whitespace, which Markdown drops",
            _ when text.TrimEnd(' ', '\t', '\u00A0').Length != text.Length => "it ends with whitespace, which Markdown drops",
            { Kind: MarkdownLineKind.Heading } => "it would read as a heading",
            { Kind: MarkdownLineKind.SlideBreak } => "it would read as a slide break",
            { Kind: MarkdownLineKind.Fence } => "it would open a code block",
            { Kind: MarkdownLineKind.Pause } => "it would read as a pause",
            _ => null,
        };

        return problem is null
            ? line.Kind
            : throw new ArgumentException($"The line '{text}' cannot be written as Markdown: {problem}.", "script");
    }
}
