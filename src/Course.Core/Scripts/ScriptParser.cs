using System.Text;

namespace Course.Core.Scripts;

/// <summary>
/// Parses the narration-script format (docs/script-format.md). Collects every problem it finds
/// rather than stopping at the first, so an author can fix a file in one pass.
/// </summary>
public static partial class ScriptParser
{
    private const string FrontMatterFence = "---";

    /// <summary>The longest script, in characters (UTF-16 code units): about 150,000 words.</summary>
    public const int MaxCharacters = 1_000_000;

    /// <summary>The longest line, in characters: a segment is something one says before a pause.</summary>
    public const int MaxLineLength = 10_000;

    /// <summary>How many problems are listed; past that the parser stops, as the author has enough to fix.</summary>
    public const int MaxErrors = 100;

    /// <summary>Parses a script from raw bytes, which must be UTF-8 (a BOM is allowed).</summary>
    public static ScriptParseResult Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length >= 2 && ((utf8[0] == 0xFF && utf8[1] == 0xFE) || (utf8[0] == 0xFE && utf8[1] == 0xFF)))
        {
            return Failed(ScriptError.Of(1, 1, ScriptErrorCode.Utf16, "the file is UTF-16 text; save it as UTF-8"));
        }

        if (FindInvalidUtf8(utf8) is { } invalid)
        {
            return Failed(invalid);
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
        if (lines.Count > 0 && lines[0].TrimEnd() == FrontMatterFence)
        {
            (metadata, bodyStart) = ParseFrontMatter(lines, errors);
        }

        var slides = new List<ScriptSlide>();
        var current = new List<ScriptSegment>();
        for (var i = bodyStart; i < lines.Count; i++)
        {
            var line = TrimTrailingWhitespace(lines[i]);
            if (line.Length == 0)
            {
                FlushSlide();
                continue;
            }

            if (errors.Count > MaxErrors)
            {
                break; // Capped says there are more
            }

            if (line.Length > MaxLineLength)
            {
                errors.Add(LineTooLong(line, i + 1));
                continue;
            }

            CheckControlCharacters(line, i + 1, errors);
            ParseLine(line, i + 1, current, errors);
        }

        FlushSlide();

        if (slides.Count == 0 && errors.Count == 0)
        {
            errors.Add(ScriptError.Of(Math.Min(bodyStart, Math.Max(lines.Count - 1, 0)) + 1, 1, ScriptErrorCode.EmptyChapter,
                "the chapter is empty: write at least one line of narration"));
        }

        return errors.Count > 0 ? Failed([.. Capped(errors)]) : new ScriptParseResult(new ChapterScript(metadata, slides), []);

        void FlushSlide()
        {
            if (current.Count > 0)
            {
                slides.Add(new ScriptSlide([.. current]));
                current = [];
            }
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

            if (c != '<' || !LooksLikeTag(line, i))
            {
                i++;
                continue;
            }

            var tag = ReadTag(line, i, lineNumber, errors);
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

    private static ScriptError? FindInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var line = 1;
        var column = 1;
        var i = 0;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            i = 3;
        }

        while (i < bytes.Length)
        {
            var status = Rune.DecodeFromUtf8(bytes[i..], out var rune, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                var at = $"0x{bytes[i]:X2}";
                return ScriptError.Of(line, column, ScriptErrorCode.NotUtf8,
                    $"the file is not UTF-8 text (byte {at} cannot start a character here); save it as UTF-8", at);
            }

            if (rune.Value == 0)
            {
                return ScriptError.Of(line, column, ScriptErrorCode.NulByte, "the file contains a NUL byte: it is not a text file");
            }

            if (rune.Value == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }

            i += consumed;
        }

        return null;
    }

}
