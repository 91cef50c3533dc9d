using System.Globalization;

namespace Course.Core.Scripts;

/// <summary>
/// Reads the tags in a line of a script: the &lt;break/&gt; element and its attributes, and the error for any other tag.
/// Hand-written, since it runs once per segment.
/// </summary>
internal static class BreakTagReader
{
    /// <summary>
    /// A '&lt;' opens a tag when a tag name follows it and then a space, '/', '&gt;' or the end of the line;
    /// anything else ("a &lt; b", "&lt;https://…&gt;") is text for Markdown.
    /// </summary>
    internal static bool LooksLikeTag(string line, int at)
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

    internal readonly record struct Tag(Pause? Pause, int End);

    internal static Tag ReadTag(string line, int start, int lineNumber, List<ScriptError> errors)
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

        if (!line.AsSpan(start + 1, nameEnd - start - 1).SequenceEqual("break"))
        {
            var shown = close < 0 ? line[start..nameEnd] : line[start..end];
            errors.Add(ScriptError.Of(lineNumber, ScriptParser.Column(line, start), ScriptErrorCode.UnknownTag,
                $"unknown tag {shown}: only <break .../> is allowed (write \\< to show a literal '<')", shown));
            return new Tag(null, end);
        }

        if (close < 0)
        {
            errors.Add(ScriptError.Of(lineNumber, ScriptParser.Column(line, start), ScriptErrorCode.UnclosedBreak, "unclosed tag <break: end it with '/>'"));
            return new Tag(null, end);
        }

        if (line[close - 1] != '/')
        {
            errors.Add(ScriptError.Of(lineNumber, ScriptParser.Column(line, close), ScriptErrorCode.BreakNotSelfClosing, "<break> must be self-closing: end it with '/>'"));
            return new Tag(null, end);
        }

        var errorCount = errors.Count;
        var milliseconds = ParseBreakAttributes(line, nameEnd, close - 1, lineNumber, errors);
        return errors.Count > errorCount || milliseconds is null
            ? new Tag(null, end)
            : new Tag(new Pause(milliseconds.Value, line[start..end]), end);
    }

    /// <summary>Reads <c>name="value"</c> pairs in line[from..to) and returns the break's duration.</summary>
    private static int? ParseBreakAttributes(string line, int from, int to, int lineNumber, List<ScriptError> errors)
    {
        int? time = null;
        BreakStrength? strength = null;
        var i = from;
        while (true)
        {
            while (i < to && line[i] is ' ' or '\t')
            {
                i++;
            }

            if (i == to)
            {
                break;
            }

            var nameStart = i;
            while (i < to && (char.IsAsciiLetterOrDigit(line[i]) || line[i] is '-' or '_' or ':'))
            {
                i++;
            }

            var equals = i;
            while (equals < to && line[equals] is ' ' or '\t')
            {
                equals++;
            }

            var quoteAt = equals + 1;
            while (quoteAt < to && line[quoteAt] is ' ' or '\t')
            {
                quoteAt++;
            }

            var closeQuote = quoteAt < to && line[quoteAt] is '"' or '\'' ? line.IndexOf(line[quoteAt], quoteAt + 1, to - quoteAt - 1) : -1;
            if (i == nameStart || !char.IsAsciiLetter(line[nameStart]) || equals >= to || line[equals] != '=' || closeQuote < 0)
            {
                errors.Add(ScriptError.Of(lineNumber, ScriptParser.Column(line, nameStart), ScriptErrorCode.MalformedAttribute,
                    "malformed attribute in <break/>: write time=\"1.5s\" or strength=\"medium\""));
                return null;
            }

            var name = line.AsSpan(nameStart, i - nameStart);
            var value = line.AsSpan(quoteAt + 1, closeQuote - quoteAt - 1);
            var valueColumn = ScriptParser.Column(line, quoteAt + 1);
            if ((name.SequenceEqual("time") && time is not null) || (name.SequenceEqual("strength") && strength is not null))
            {
                errors.Add(ScriptError.Of(lineNumber, ScriptParser.Column(line, nameStart), ScriptErrorCode.AttributeTwice, $"attribute '{name}' is given twice", name.ToString()));
            }
            else if (name.SequenceEqual("time"))
            {
                time = ParseTime(value, lineNumber, valueColumn, errors) ?? -1;
            }
            else if (name.SequenceEqual("strength"))
            {
                if (!BreakStrengths.TryParse(value.ToString(), out var parsed))
                {
                    var known = string.Join(", ", BreakStrengths.All.Select(BreakStrengths.Name));
                    errors.Add(ScriptError.Of(lineNumber, valueColumn, ScriptErrorCode.UnknownStrength,
                        $"unknown break strength '{value}' (use {known})", value.ToString(), known));
                }

                strength = parsed;
            }
            else
            {
                errors.Add(ScriptError.Of(lineNumber, ScriptParser.Column(line, nameStart), ScriptErrorCode.UnknownAttribute,
                    $"unknown attribute '{name}' on <break/>: use time or strength", name.ToString()));
            }

            i = closeQuote + 1;
        }

        if (time is not null && strength is not null)
        {
            errors.Add(ScriptError.Of(lineNumber, ScriptParser.Column(line, from), ScriptErrorCode.TimeAndStrength, "a break takes time or strength, not both"));
            return null;
        }

        // A bare <break/> is SSML's medium break.
        return time ?? BreakStrengths.Milliseconds(strength ?? BreakStrength.Medium);
    }

    /// <summary>
    /// "1.5s", "500ms", ".25s": a non-negative decimal and a unit, a whole number of milliseconds, at most 10 s.
    /// Read digit by digit rather than with decimal.Parse, so any number of digits is an answer, never an overflow.
    /// </summary>
    private static int? ParseTime(ReadOnlySpan<char> value, int lineNumber, int column, List<ScriptError> errors)
    {
        var unitLength = value.EndsWith("ms") ? 2 : value.EndsWith("s") ? 1 : 0;
        var number = value[..^unitLength];
        var digits = 0;
        var dots = 0;
        foreach (var c in number)
        {
            digits += char.IsAsciiDigit(c) ? 1 : 0;
            dots += c == '.' ? 1 : 0;
        }

        if (unitLength == 0 || digits == 0 || dots > 1 || digits + dots != number.Length || number[^1] == '.')
        {
            errors.Add(value.StartsWith("-")
                ? ScriptError.Of(lineNumber, column, ScriptErrorCode.TimeNegative, $"break time '{value}' is negative: a pause cannot be shorter than zero", value.ToString())
                : ScriptError.Of(lineNumber, column, ScriptErrorCode.TimeNotANumber, $"break time '{value}' is not a number with a unit: write e.g. 1.5s or 500ms", value.ToString()));
            return null;
        }

        var dot = number.IndexOf('.');
        var whole = (dot < 0 ? number : number[..dot]).TrimStart('0');
        var fraction = dot < 0 ? [] : number[(dot + 1)..];
        var fractionInMilliseconds = unitLength == 1 ? 3 : 0; // the digits of a second's fraction that are whole milliseconds
        var milliseconds = 0L;
        var overMaximum = whole.Length > 9; // far over, and more digits would not fit a long
        if (!overMaximum)
        {
            foreach (var c in whole)
            {
                milliseconds = (milliseconds * 10) + (c - '0');
            }

            for (var i = 0; i < fractionInMilliseconds; i++)
            {
                milliseconds = (milliseconds * 10) + (i < fraction.Length ? fraction[i] - '0' : 0);
            }
        }

        var finer = fraction.Length > fractionInMilliseconds && fraction[fractionInMilliseconds..].ContainsAnyExcept('0');
        if (overMaximum || milliseconds > Pause.MaxMilliseconds || (milliseconds == Pause.MaxMilliseconds && finer))
        {
            errors.Add(ScriptError.Of(lineNumber, column, ScriptErrorCode.TimeOverMaximum, $"break time '{value}' is over the maximum of {Pause.MaxMilliseconds / 1000}s",
                value.ToString(), (Pause.MaxMilliseconds / 1000).ToString(CultureInfo.InvariantCulture)));
            return null;
        }

        if (finer)
        {
            errors.Add(ScriptError.Of(lineNumber, column, ScriptErrorCode.TimeFinerThanMillisecond, $"break time '{value}' is finer than a millisecond", value.ToString()));
            return null;
        }

        return (int)milliseconds;
    }
}
