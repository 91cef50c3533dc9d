using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Course.Core.Scripts;

/// <summary>
/// Parses the narration-script format (docs/script-format.md). Collects every problem it finds
/// rather than stopping at the first, so an author can fix a file in one pass.
/// </summary>
public static partial class ScriptParser
{
    private const string FrontMatterFence = "---";

    /// <summary>Parses a script from raw bytes, which must be UTF-8 (a BOM is allowed).</summary>
    public static ScriptParseResult Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length >= 2 && ((utf8[0] == 0xFF && utf8[1] == 0xFE) || (utf8[0] == 0xFE && utf8[1] == 0xFF)))
        {
            return Failed(new ScriptError(1, 1, "the file is UTF-16 text; save it as UTF-8"));
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
        var errors = new List<ScriptError>();
        var lines = SplitLines(source.StartsWith('\uFEFF') ? source[1..] : source);

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

            CheckControlCharacters(line, i + 1, errors);
            ParseLine(line, i + 1, current, errors);
        }

        FlushSlide();

        if (slides.Count == 0 && errors.Count == 0)
        {
            errors.Add(new ScriptError(Math.Min(bodyStart, Math.Max(lines.Count - 1, 0)) + 1, 1,
                "the chapter is empty: write at least one line of narration"));
        }

        return errors.Count > 0 ? Failed([.. errors]) : new ScriptParseResult(new ChapterScript(metadata, slides), []);

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

    private static List<string> SplitLines(string text)
    {
        // CRLF, CR and LF all end a line; the writer only ever writes LF.
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

    private static string TrimTrailingWhitespace(string line) => line.TrimEnd(' ', '\t', '\u00A0');

    private static (ScriptMetadata Metadata, int BodyStart) ParseFrontMatter(List<string> lines, List<ScriptError> errors)
    {
        var close = lines.FindIndex(1, line => TrimTrailingWhitespace(line) == FrontMatterFence);
        if (close < 0)
        {
            errors.Add(new ScriptError(1, 1, "the front matter opened with '---' is never closed: add a line '---' after it"));
            return (ScriptMetadata.Empty, lines.Count);
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < close; i++)
        {
            var line = TrimTrailingWhitespace(lines[i]);

            if (line.Length == 0)
            {
                continue;
            }

            var match = FrontMatterLine().Match(line);
            if (!match.Success)
            {
                errors.Add(new ScriptError(i + 1, 1, "expected 'key: value' in the front matter (or '---' to close it)"));
                continue;
            }

            var key = match.Groups["key"].Value;
            var value = match.Groups["value"].Value.Trim();
            var rawValue = match.Groups["value"];
            var valueColumn = Column(line, rawValue.Index + (rawValue.Length - rawValue.Value.TrimStart().Length));
            if (!MetadataKeys.Contains(key))
            {
                errors.Add(new ScriptError(i + 1, 1, $"unknown front matter key '{key}' (known keys: {string.Join(", ", MetadataKeys)})"));
            }
            else if (values.ContainsKey(key))
            {
                errors.Add(new ScriptError(i + 1, 1, $"front matter key '{key}' is given twice"));
            }
            else if (value.Length == 0)
            {
                errors.Add(new ScriptError(i + 1, valueColumn, $"front matter key '{key}' has no value"));
            }
            else if (ValidateMetadata(key, value) is { } problem)
            {
                errors.Add(new ScriptError(i + 1, valueColumn, problem));
            }
            else
            {
                values[key] = value;
            }
        }

        return (ToMetadata(values), close + 1);
    }

    /// <summary>The front matter keys, in the order the writer writes them.</summary>
    internal static readonly string[] MetadataKeys = ["title", "language", "slug", "description"];

    /// <summary>Checks one metadata value; null when it is valid. Shared with the importer's arguments.</summary>
    public static string? ValidateMetadata(string key, string value) => key switch
    {
        "language" when !LanguageTag().IsMatch(value) => $"'{value}' is not a language tag such as es, en or es-ES",
        "slug" when !Slug().IsMatch(value) => $"'{value}' is not a slug: use lowercase letters, digits and single hyphens",
        "title" or "description" when value.Length > 300 => $"the {key} is longer than 300 characters",
        _ => null,
    };

    private static ScriptMetadata ToMetadata(Dictionary<string, string> values) =>
        new(values.GetValueOrDefault("title"), values.GetValueOrDefault("language"),
            values.GetValueOrDefault("slug"), values.GetValueOrDefault("description"));

    private static void CheckControlCharacters(string line, int lineNumber, List<ScriptError> errors)
    {
        for (var i = 0; i < line.Length; i++)
        {
            if (char.IsControl(line[i]) && line[i] != '\t')
            {
                errors.Add(new ScriptError(lineNumber, Column(line, i),
                    $"control character U+{(int)line[i]:X4} is not text; is this a binary file?"));
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
        while (i < line.Length)
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
                        errors.Add(new ScriptError(lineNumber, Column(line, i),
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

    /// <summary>
    /// A '&lt;' opens a tag when a tag name follows it and then a space, '/', '&gt;' or the end of the line;
    /// anything else ("a &lt; b", "&lt;https://…&gt;") is text for Markdown.
    /// </summary>
    private static bool LooksLikeTag(string line, int at)
    {
        var i = at + 1;
        if (i < line.Length && line[i] is '/' or '!' or '?')
        {
            return true;
        }

        if (i >= line.Length || !char.IsAsciiLetter(line[i]))
        {
            return false;
        }

        while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] == '-'))
        {
            i++;
        }

        return i == line.Length || line[i] is ' ' or '\t' or '/' or '>';
    }

    private readonly record struct Tag(Pause? Pause, int End);

    private static Tag ReadTag(string line, int start, int lineNumber, List<ScriptError> errors)
    {
        var close = line.IndexOf('>', start);
        var end = close < 0 ? line.Length : close + 1;
        var nameEnd = start + 1;
        if (nameEnd < line.Length && line[nameEnd] is '/' or '!' or '?')
        {
            nameEnd++;
        }

        while (nameEnd < line.Length && (char.IsAsciiLetterOrDigit(line[nameEnd]) || line[nameEnd] == '-'))
        {
            nameEnd++;
        }

        var name = line[(start + 1)..nameEnd];
        if (name != "break")
        {
            var shown = close < 0 ? line[start..nameEnd] : line[start..end];
            errors.Add(new ScriptError(lineNumber, Column(line, start),
                $"unknown tag {shown}: only <break .../> is allowed (write \\< to show a literal '<')"));
            return new Tag(null, end);
        }

        if (close < 0)
        {
            errors.Add(new ScriptError(lineNumber, Column(line, start), "unclosed tag <break: end it with '/>'"));
            return new Tag(null, end);
        }

        if (line[close - 1] != '/')
        {
            errors.Add(new ScriptError(lineNumber, Column(line, close), "<break> must be self-closing: end it with '/>'"));
            return new Tag(null, end);
        }

        var attributes = line[nameEnd..(close - 1)];
        var errorCount = errors.Count;
        var milliseconds = ParseBreakAttributes(line, nameEnd, attributes, lineNumber, errors);
        return errors.Count > errorCount || milliseconds is null
            ? new Tag(null, end)
            : new Tag(new Pause(milliseconds.Value, line[start..end]), end);
    }

    private static int? ParseBreakAttributes(string line, int offset, string attributes, int lineNumber, List<ScriptError> errors)
    {
        int? time = null;
        BreakStrength? strength = null;
        var position = 0;
        foreach (Match match in BreakAttribute().Matches(attributes))
        {
            if (attributes[position..match.Index].Trim().Length > 0)
            {
                break; // junk between attributes; reported below
            }

            position = match.Index + match.Length;
            var name = match.Groups["name"].Value;
            var value = match.Groups["value"].Value;
            var column = Column(line, offset + match.Groups["value"].Index);
            switch (name)
            {
                case "time" when time is not null:
                case "strength" when strength is not null:
                    errors.Add(new ScriptError(lineNumber, Column(line, offset + match.Groups["name"].Index), $"attribute '{name}' is given twice"));
                    break;
                case "time":
                    time = ParseTime(value, lineNumber, column, errors) ?? -1;
                    break;
                case "strength":
                    if (BreakStrengths.TryParse(value, out var parsed))
                    {
                        strength = parsed;
                    }
                    else
                    {
                        errors.Add(new ScriptError(lineNumber, column,
                            $"unknown break strength '{value}' (use {string.Join(", ", BreakStrengths.All.Select(BreakStrengths.Name))})"));
                        strength = BreakStrength.None;
                    }

                    break;
                default:
                    errors.Add(new ScriptError(lineNumber, Column(line, offset + match.Groups["name"].Index),
                        $"unknown attribute '{name}' on <break/>: use time or strength"));
                    break;
            }
        }

        if (attributes[position..].Trim().Length > 0)
        {
            var junkAt = position + (attributes.Length - position - attributes[position..].TrimStart().Length);
            errors.Add(new ScriptError(lineNumber, Column(line, offset + junkAt),
                "malformed attribute in <break/>: write time=\"1.5s\" or strength=\"medium\""));
            return null;
        }

        if (time is not null && strength is not null)
        {
            errors.Add(new ScriptError(lineNumber, Column(line, offset), "a break takes time or strength, not both"));
            return null;
        }

        // A bare <break/> is SSML's medium break.
        return time ?? BreakStrengths.Milliseconds(strength ?? BreakStrength.Medium);
    }

    private static int? ParseTime(string value, int lineNumber, int column, List<ScriptError> errors)
    {
        var match = TimeValue().Match(value);
        if (!match.Success)
        {
            var message = value.StartsWith('-')
                ? $"break time '{value}' is negative: a pause cannot be shorter than zero"
                : $"break time '{value}' is not a number with a unit: write e.g. 1.5s or 500ms";
            errors.Add(new ScriptError(lineNumber, column, message));
            return null;
        }

        var number = decimal.Parse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        var milliseconds = match.Groups["unit"].Value == "s" ? number * 1000 : number;
        if (milliseconds > Pause.MaxMilliseconds)
        {
            errors.Add(new ScriptError(lineNumber, column,
                $"break time '{value}' is over the maximum of {Pause.MaxMilliseconds / 1000}s"));
            return null;
        }

        if (milliseconds != decimal.Truncate(milliseconds))
        {
            errors.Add(new ScriptError(lineNumber, column, $"break time '{value}' is finer than a millisecond"));
            return null;
        }

        return (int)milliseconds;
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
                return new ScriptError(line, column,
                    $"the file is not UTF-8 text (byte 0x{bytes[i]:X2} cannot start a character here); save it as UTF-8");
            }

            if (rune.Value == 0)
            {
                return new ScriptError(line, column, "the file contains a NUL byte: it is not a text file");
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

    [GeneratedRegex(@"^(?<key>[a-z][a-z0-9-]*)\s*:(?<value>.*)$")]
    private static partial Regex FrontMatterLine();

    [GeneratedRegex(@"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguageTag();

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();

    [GeneratedRegex("""\s*(?<name>[A-Za-z][A-Za-z0-9:_-]*)\s*=\s*(?:"(?<value>[^"]*)"|'(?<value>[^']*)')""")]
    private static partial Regex BreakAttribute();

    [GeneratedRegex(@"^(?<number>\d+(\.\d+)?|\.\d+)(?<unit>s|ms)$")]
    private static partial Regex TimeValue();
}
