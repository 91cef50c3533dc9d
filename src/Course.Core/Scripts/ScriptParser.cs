using System.Text;

namespace Course.Core.Scripts;

/// <summary>
/// Parses the narration-script format (docs/script-format.md). Collects every problem it finds
/// rather than stopping at the first, so an author can fix a file in one pass.
/// </summary>
public static class ScriptParser
{
    /// <summary>The longest script, in characters (UTF-16 code units): about 150,000 words.</summary>
    public const int MaxCharacters = 1_000_000;

    /// <summary>The longest line, in characters: a segment is something one says before a pause.</summary>
    public const int MaxLineLength = 10_000;

    /// <summary>How many problems are listed; past that the parser stops, as the author has enough to fix.</summary>
    public const int MaxErrors = 100;

    /// <summary>Parses a script from raw bytes, which must be UTF-8 (a BOM is allowed).</summary>
    public static ScriptParseResult Parse(ReadOnlySpan<byte> utf8)
    {
        if (ScriptEncoding.Check(utf8) is { } notUtf8)
        {
            return Failed(notUtf8);
        }

        return Parse(Encoding.UTF8.GetString(utf8));
    }

    /// <summary>Parses a script from text.</summary>
    public static ScriptParseResult Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var text = source.StartsWith('\uFEFF') ? source[1..] : source;
        if (TooLong(text) is { } tooLong)
        {
            return Failed(tooLong);
        }

        var errors = new List<ScriptError>();
        var lines = SplitLines(text);

        var bodyStart = 0;
        var metadata = ScriptMetadata.Empty;
        LineSpan? frontMatter = null;
        if (FrontMatterReader.Opens(lines))
        {
            (metadata, var span) = FrontMatterReader.Read(lines, errors);
            frontMatter = span;
            bodyStart = span.Last;
        }

        var slides = new List<ParsedSlide>();
        var current = new List<ScriptSegment>();
        var slideStart = 0; // the 1-based first line of the slide being read; 0 between slides
        var errorsBefore = 0;
        var unread = false;
        for (var i = bodyStart; i < lines.Count; i++)
        {
            var line = TrimTrailingWhitespace(lines[i]);
            if (line.Length == 0)
            {
                EndSlide(lastLine: i);
                continue;
            }

            if (slideStart == 0)
            {
                slideStart = i + 1;
                errorsBefore = errors.Count;
            }

            if (errors.Count > MaxErrors)
            {
                unread = true; // Capped says there are more; the slides' lines are still found
                continue;
            }

            if (line.Length > MaxLineLength)
            {
                errors.Add(LineTooLong(line, i + 1));
                continue;
            }

            CheckControlCharacters(line, i + 1, errors);
            ParseLine(line, i + 1, current, errors);
        }

        EndSlide(lastLine: lines.Count);

        if (slides.Count == 0 && errors.Count == 0)
        {
            errors.Add(ScriptError.Of(Math.Min(bodyStart, Math.Max(lines.Count - 1, 0)) + 1, 1, ScriptErrorCode.EmptyChapter,
                "the chapter is empty: write at least one line of narration"));
        }

        // Without errors every slide read has segments, so the parsed slides and the script's are the same list.
        var result = errors.Count > 0
            ? new ScriptParseResult(null, [.. Capped(errors)])
            : new ScriptParseResult(new ChapterScript(metadata, [.. slides.Select(s => s.Slide!)]), []);
        return result with { Slides = slides, FrontMatter = frontMatter };

        void EndSlide(int lastLine)
        {
            if (slideStart == 0)
            {
                return;
            }

            var clean = !unread && errors.Count == errorsBefore && current.Count > 0;
            slides.Add(new ParsedSlide(new LineSpan(slideStart, lastLine), clean ? new ScriptSlide([.. current]) : null));
            current = [];
            slideStart = 0;
            unread = false;
        }
    }

    private static ScriptParseResult Failed(params ScriptError[] errors) => new(null, errors);

    /// <summary>The error for a text over <see cref="MaxCharacters"/>, at the character past the limit; null when it is within.</summary>
    internal static ScriptError? TooLong(string text)
    {
        if (text.Length <= MaxCharacters)
        {
            return null;
        }

        // Lines end as SplitLines ends them: CRLF, CR or LF.
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < MaxCharacters; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && text[i + 1] != '\n'))
            {
                line++;
                lineStart = i + 1;
            }
        }

        return ScriptError.Of(line, Column(text[lineStart..(MaxCharacters + 1)], MaxCharacters - lineStart), ScriptErrorCode.TextTooLong,
            $"the chapter is longer than {MaxCharacters} characters: split it into several chapters", $"{MaxCharacters}");
    }

    internal static ScriptError LineTooLong(string line, int lineNumber) =>
        ScriptError.Of(lineNumber, Column(line, MaxLineLength), ScriptErrorCode.LineTooLong,
            $"the line is longer than {MaxLineLength} characters (in Markdown, the paragraph or item): split it", $"{MaxLineLength}");

    /// <summary>At most <see cref="MaxErrors"/> problems, then one saying there were more (where the next one was).</summary>
    internal static IReadOnlyList<ScriptError> Capped(IReadOnlyList<ScriptError> errors) =>
        errors.Count <= MaxErrors
            ? errors
            : [.. errors.Take(MaxErrors), TooManyErrors(errors[MaxErrors].Line)];

    internal static ScriptError TooManyErrors(int lineNumber) =>
        ScriptError.Of(lineNumber, 1, ScriptErrorCode.TooManyErrors,
            $"more than {MaxErrors} problems: the rest of the file was not checked; fix these first", $"{MaxErrors}");

    /// <summary>Splits text into lines: CRLF, CR and LF all end a line (the writer only ever writes LF).</summary>
    internal static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\r' or '\n')
            {
                lines.Add(text[start..i]);
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        lines.Add(text[start..]);
        return lines;
    }

    internal static string TrimTrailingWhitespace(string line) => line.TrimEnd(' ', '\t', '\u00A0');

    private static void CheckControlCharacters(string line, int lineNumber, List<ScriptError> errors)
    {
        for (var i = 0; i < line.Length; i++)
        {
            if (char.IsControl(line[i]) && line[i] != '\t')
            {
                var character = $"U+{(int)line[i]:X4}";
                errors.Add(ScriptError.Of(lineNumber, Column(line, i), ScriptErrorCode.ControlCharacter,
                    $"control character {character} is not text; is this a binary file?", character));
                return;
            }
        }
    }

    /// <summary>Cuts one line into segments at its breaks.</summary>
    private static void ParseLine(string line, int lineNumber, List<ScriptSegment> segments, List<ScriptError> errors)
    {
        var pieceStart = 0;
        var firstPiece = true;
        var i = 0;
        while (i < line.Length && errors.Count <= MaxErrors) // past that, the rest is not read (each error costs a column count)
        {
            var c = line[i];
            if (c == '\\' && i + 1 < line.Length && IsAsciiPunctuation(line[i + 1]))
            {
                i += 2; // a Markdown escape such as \< is literal text
                continue;
            }

            if (c != '<' || !BreakTagReader.LooksLikeTag(line, i))
            {
                i++;
                continue;
            }

            var tag = BreakTagReader.ReadTag(line, i, lineNumber, errors);
            if (tag.Pause is { } pause)
            {
                var text = line[pieceStart..i].TrimEnd(' ', '\t');
                if (!firstPiece)
                {
                    text = text.TrimStart(' ', '\t');
                    if (text.Length == 0)
                    {
                        errors.Add(ScriptError.Of(lineNumber, Column(line, i), ScriptErrorCode.TwoBreaksWithoutText,
                            "two breaks with no text between them: combine them into one break"));
                    }
                }

                segments.Add(new ScriptSegment(text, pause, ContinuesLine: !firstPiece));
                firstPiece = false;
                pieceStart = tag.End;
            }

            i = tag.End;
        }

        var rest = line[pieceStart..];
        if (!firstPiece)
        {
            rest = rest.TrimStart(' ', '\t');
        }

        if (firstPiece || rest.Length > 0)
        {
            segments.Add(new ScriptSegment(rest, null, ContinuesLine: !firstPiece));
        }
    }

    private static bool IsAsciiPunctuation(char c) => c < 128 && (char.IsPunctuation(c) || char.IsSymbol(c));

    /// <summary>1-based column of a UTF-16 index, counting a surrogate pair as one character.</summary>
    internal static int Column(string line, int index)
    {
        var column = 1;
        for (var i = 0; i < index && i < line.Length; i++)
        {
            if (!char.IsLowSurrogate(line[i]))
            {
                column++;
            }
        }

        return column;
    }
}
