using System.Text;
using System.Text.Unicode;
using Course.Core.Scripts;

namespace Course.Core.Authoring;

/// <summary>
/// Imports a chapter written in Markdown (docs/markdown-import.md): headings and '---' start slides, and
/// each paragraph or list item is one line of the script. A small line reader rather than Markdig's block
/// parser, so every error points at a line and column of the Markdown file; the text of each block then
/// goes through <see cref="ScriptParser"/>, so breaks, tags and their errors mean what they mean in a script.
/// </summary>
public static class MarkdownChapterReader
{
    private const string FrontMatterFence = "---";

    /// <summary>Reads a Markdown chapter from raw bytes, which must be UTF-8 (a BOM is allowed).</summary>
    public static ScriptParseResult Read(ReadOnlySpan<byte> utf8)
    {
        // The script parser checks the encoding before anything else, so for such bytes its answer is that one error.
        if (!Utf8.IsValid(utf8) || utf8.Contains((byte)0))
        {
            return ScriptParser.Parse(utf8);
        }

        return Read(Encoding.UTF8.GetString(utf8));
    }

    /// <summary>Reads a Markdown chapter: a script, or every problem found with its line and column (never both).</summary>
    public static ScriptParseResult Read(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var text = markdown.StartsWith('\uFEFF') ? markdown[1..] : markdown;
        if (ScriptParser.TooLong(text) is { } tooLong)
        {
            return new ScriptParseResult(null, [tooLong]);
        }

        var errors = new List<ScriptError>();
        var lines = SplitLines(text);

        var metadata = ScriptMetadata.Empty;
        var bodyStart = 0;
        if (lines.Count > 0 && lines[0].TrimEnd() == FrontMatterFence)
        {
            (metadata, bodyStart) = ReadFrontMatter(lines, errors);
        }

        var builder = new ChapterBuilder(metadata, errors);
        builder.Build(ClassifyBody(lines, bodyStart, errors));

        if (builder.Slides.Count == 0 && errors.Count == 0)
        {
            errors.Add(ScriptError.Of(Math.Min(bodyStart, Math.Max(lines.Count - 1, 0)) + 1, 1, ScriptErrorCode.EmptyChapter,
                "the chapter is empty: write at least one line of narration"));
        }

        return errors.Count > 0
            ? new ScriptParseResult(null, ScriptParser.Capped([.. errors.OrderBy(e => e.Line).ThenBy(e => e.Column)]))
            : new ScriptParseResult(new ChapterScript(builder.Metadata, builder.Slides), []);
    }

    private static (ScriptMetadata Metadata, int BodyStart) ReadFrontMatter(List<string> lines, List<ScriptError> errors)
    {
        // The script parser reads the front matter: given the block and one line of narration, its errors are
        // the front matter's, at the same lines.
        var close = lines.FindIndex(1, line => TrimTrailingWhitespace(line) == FrontMatterFence);
        var source = close < 0 ? string.Join('\n', lines) : string.Join('\n', lines.Take(close + 1)) + "\nx";
        var result = ScriptParser.Parse(source);
        errors.AddRange(result.Errors);
        return (result.Script?.Metadata ?? ScriptMetadata.Empty, close < 0 ? lines.Count : close + 1);
    }

    /// <summary>Classifies the lines after the front matter; a fenced code block is reported and skipped whole.</summary>
    private static List<BodyLine> ClassifyBody(List<string> lines, int from, List<ScriptError> errors)
    {
        var body = new List<BodyLine>(lines.Count - from);
        for (var i = from; i < lines.Count; i++)
        {
            var text = TrimTrailingWhitespace(lines[i]);
            var line = MarkdownLines.Classify(text);
            body.Add(new BodyLine(i, text, line));
            if (line.Kind == MarkdownLineKind.Fence)
            {
                errors.Add(ScriptError.Of(i + 1, ScriptParser.Column(text, line.Start), ScriptErrorCode.MarkdownFencedCode,
                    "fenced code blocks are not supported: a segment is one line of text (use `inline code`)"));
                var close = lines.FindIndex(i + 1, l => MarkdownLines.ClosesFence(TrimTrailingWhitespace(l), line.Value));
                i = close < 0 ? lines.Count : close;
            }
        }

        return body;
    }

    // Lines end exactly as in a script, so line numbers in errors agree between the two formats.
    private static List<string> SplitLines(string text) => ScriptParser.SplitLines(text);

    private static string TrimTrailingWhitespace(string line) => ScriptParser.TrimTrailingWhitespace(line);

    private readonly record struct BodyLine(int Index, string Text, MarkdownLine Line);

    /// <summary>
    /// Part of a block's text: from <see cref="Start"/> in line <see cref="Index"/>. A pause line stands in as its
    /// &lt;break/&gt;, and its errors point at the value the author wrote (<see cref="FixedColumn"/>).
    /// </summary>
    private readonly record struct Piece(int Index, string Line, int Start, string Text, int? FixedColumn = null);

    private sealed class ChapterBuilder(ScriptMetadata metadata, List<ScriptError> errors)
    {
        private readonly List<Piece> block = [];
        private List<ScriptSegment> slide = [];

        public ScriptMetadata Metadata { get; private set; } = metadata;

        public List<ScriptSlide> Slides { get; } = [];

        public void Build(List<BodyLine> body)
        {
            var first = body.FindIndex(l => l.Line.Kind != MarkdownLineKind.Blank);
            var titleAt = first >= 0 && IsHeading(body[first], 1) && body.Count(l => IsHeading(l, 1)) == 1 ? first : -1;
            var slideLevel = body.Where((l, i) => i != titleAt && l.Line.Kind == MarkdownLineKind.Heading)
                .Select(l => l.Line.Level).DefaultIfEmpty(0).Min();

            for (var b = 0; b < body.Count && errors.Count <= ScriptParser.MaxErrors; b++)
            {
                var (index, text, line) = body[b];
                switch (line.Kind)
                {
                    case MarkdownLineKind.Blank or MarkdownLineKind.Fence:
                        CloseBlock();
                        break;
                    case MarkdownLineKind.ListItem:
                        CloseBlock();
                        block.Add(new Piece(index, text, line.Start, text[line.Start..]));
                        break;
                    case MarkdownLineKind.Pause:
                        block.Add(new Piece(index, text, line.Start, PauseMarkup(line.Value), ScriptParser.Column(text, line.ValueStart)));
                        break;
                    case MarkdownLineKind.Underline when block.Count > 0:
                        errors.Add(ScriptError.Of(index + 1, ScriptParser.Column(text, line.Start), ScriptErrorCode.MarkdownSetextHeading,
                            "'===' under a line of text makes it a heading (setext), which is not supported: write '# Title' or '## Title'"));
                        CloseBlock();
                        break;
                    case MarkdownLineKind.Text or MarkdownLineKind.Underline:
                        block.Add(new Piece(index, text, line.Start, text[line.Start..]));
                        break;
                    case MarkdownLineKind.SlideBreak:
                        if (block.Count > 0)
                        {
                            errors.Add(ScriptError.Of(index + 1, ScriptParser.Column(text, line.Start), ScriptErrorCode.MarkdownRuleUnderText,
                                $"'{text[line.Start..]}' right under a line of text: leave a blank line before it to start a new slide (in Markdown, '---' under text makes the text a heading)",
                                text[line.Start..]));
                        }

                        CloseBlock();
                        CloseSlide();
                        break;
                    case MarkdownLineKind.Heading:
                        CloseBlock();
                        AddHeading(body[b], b == titleAt, line.Level == slideLevel);
                        break;
                }
            }

            CloseBlock();
            CloseSlide();
        }

        private void AddHeading(BodyLine heading, bool isTitle, bool startsSlide)
        {
            var (index, text, line) = heading;
            if (line.Value.Length == 0)
            {
                errors.Add(ScriptError.Of(index + 1, ScriptParser.Column(text, line.Start), ScriptErrorCode.MarkdownEmptyHeading,
                    "the heading is empty: write its text after the '#' (or use '---' to start a slide without a heading)"));
            }
            else if (isTitle)
            {
                SetTitle(heading);
            }
            else
            {
                if (startsSlide)
                {
                    CloseSlide();
                }

                // The script has no slide titles: a heading's text is the first line of its slide.
                AddSegments([new Piece(index, text, line.ValueStart, line.Value)]);
            }
        }

        private static bool IsHeading(BodyLine line, int level) => line.Line.Kind == MarkdownLineKind.Heading && line.Line.Level == level;

        private static string PauseMarkup(string value) =>
            char.IsAsciiDigit(value[0]) || value[0] is '.' or '-'
                ? $"<break time=\"{value}\"/>"
                : $"<break strength=\"{value}\"/>";

        private void SetTitle(BodyLine heading)
        {
            var (index, text, line) = heading;
            if (Metadata.Title is not null)
            {
                errors.Add(ScriptError.Of(index + 1, ScriptParser.Column(text, line.Start), ScriptErrorCode.MarkdownTitleTwice,
                    "the chapter title is given twice, in the front matter and in this heading: keep one"));
            }
            else if (MetadataRules.Check("title", line.Value) is { } problem)
            {
                errors.Add(ScriptError.Of(index + 1, ScriptParser.Column(text, line.ValueStart), problem.Code, problem.Message, [.. problem.Arguments]));
            }
            else
            {
                Metadata = Metadata with { Title = line.Value };
            }
        }

        private void CloseBlock()
        {
            if (block.Count > 0)
            {
                AddSegments(block);
                block.Clear();
            }
        }

        private void CloseSlide()
        {
            if (slide.Count > 0)
            {
                Slides.Add(new ScriptSlide(slide));
                slide = [];
            }
        }

        /// <summary>Cuts a block into segments: its lines joined with a space are one line of a script.</summary>
        private void AddSegments(List<Piece> pieces)
        {
            var joined = new StringBuilder();
            var starts = new int[pieces.Count];
            for (var p = 0; p < pieces.Count; p++)
            {
                joined.Append(p > 0 ? " " : "");
                starts[p] = joined.Length;
                joined.Append(pieces[p].Text);
            }

            // A line "x" first, so that text such as "---" is never taken for front matter; its segment is dropped.
            var line = joined.ToString();
            var result = ScriptParser.Parse("x\n" + line);
            if (result.Script is { } script)
            {
                slide.AddRange(script.Slides[0].Segments.Skip(1));
                return;
            }

            foreach (var error in result.Errors)
            {
                var at = IndexOfColumn(line, error.Column);
                var p = Array.FindLastIndex(starts, start => start <= at);
                var piece = pieces[Math.Max(p, 0)];
                var offset = Math.Min(at - starts[Math.Max(p, 0)], piece.Text.Length);
                // The parser's error at its place in the Markdown file, with its code for translation.
                errors.Add(error with { Line = piece.Index + 1, Column = piece.FixedColumn ?? ScriptParser.Column(piece.Line, piece.Start + offset) });
            }
        }

        /// <summary>The index of a 1-based column (which counts a surrogate pair as one character).</summary>
        private static int IndexOfColumn(string text, int column)
        {
            var current = 1;
            for (var i = 0; i < text.Length; i++)
            {
                if (char.IsLowSurrogate(text[i]))
                {
                    continue;
                }

                if (current == column)
                {
                    return i;
                }

                current++;
            }

            return text.Length;
        }
    }
}
