using System.Globalization;
using System.Text.RegularExpressions;

namespace Course.Core.Quizzes;

/// <summary>
/// Reads a number typed in English or Spanish style: 75, 75.0, 75,0, 1,000, 1.000, 1 000, 1.000,5, 1,000.5.
/// One separator followed by exactly three digits ("32.000", "32,000") is ambiguous between a decimal
/// and a thousands separator, so both readings are returned and a grader accepts either.
/// </summary>
public static partial class NumberReading
{
    /// <summary>The longest text read as a number: far more than any number a question asks for, short enough to read at once.</summary>
    public const int MaxLength = 100;

    public static IReadOnlyList<decimal> Candidates(string? input)
    {
        if (input is { Length: > MaxLength })
        {
            return [];
        }

        var text = (input ?? "").Trim().Replace('\u00A0', ' ').Replace('\u202F', ' ').Replace('−', '-');
        var match = Number().Match(text);
        if (!match.Success)
        {
            return [];
        }

        var sign = match.Groups["sign"].Value == "-" ? -1m : 1m;
        var digits = match.Groups["digits"].Value.Replace(" ", "");
        var commas = digits.Count(c => c == ',');
        var dots = digits.Count(c => c == '.');

        if (commas > 0 && dots > 0)
        {
            // Both kinds: the last one is the decimal mark.
            var decimalMark = digits.LastIndexOf(',') > digits.LastIndexOf('.') ? ',' : '.';
            var thousands = decimalMark == ',' ? '.' : ',';
            if (digits.Count(c => c == decimalMark) > 1 || !Grouped(digits[..digits.LastIndexOf(decimalMark)], thousands))
            {
                return [];
            }

            return Parse(digits.Replace(thousands.ToString(), "").Replace(decimalMark, '.'), sign);
        }

        var mark = commas > 0 ? ',' : dots > 0 ? '.' : '\0';
        var count = commas + dots;
        if (count == 0)
        {
            return Parse(digits, sign);
        }

        if (count > 1)
        {
            // Several of one kind can only be thousands: 1.000.000 or 1,000,000.
            return Grouped(digits, mark) ? Parse(digits.Replace(mark.ToString(), ""), sign) : [];
        }

        var asDecimal = Parse(digits.Replace(mark, '.'), sign);
        var after = digits.Length - digits.IndexOf(mark) - 1;
        var before = digits[..digits.IndexOf(mark)];
        if (after == 3 && before.Length is >= 1 and <= 3 && before[0] != '0')
        {
            return [.. asDecimal, .. Parse(digits.Replace(mark.ToString(), ""), sign)];
        }

        return asDecimal;
    }

    /// <summary>True when separators split the integer part into groups of three after the first.</summary>
    private static bool Grouped(string integerPart, char separator)
    {
        var groups = integerPart.Split(separator);
        return groups[0].Length is >= 1 and <= 3 && groups.Skip(1).All(g => g.Length == 3);
    }

    private static decimal[] Parse(string invariant, decimal sign) =>
        decimal.TryParse(invariant, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? [sign * value]
            : [];

    [GeneratedRegex(@"^(?<sign>[-+])?\s*(?<digits>\d[\d.,]*(?: \d{3})*(?:[.,]\d+)?)$")]
    private static partial Regex Number();
}
