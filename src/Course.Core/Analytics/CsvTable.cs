using System.Globalization;
using System.Text;

namespace Course.Core.Analytics;

/// <summary>
/// Writes a table as RFC 4180 CSV (CRLF rows, fields quoted when they hold a comma, quote or line break).
/// Text cells are defused against spreadsheet formula injection (OWASP "CSV injection"): a text starting
/// with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return gets a leading apostrophe, so a
/// spreadsheet shows it as text instead of running it. Numbers are written as numbers, never prefixed,
/// so a negative figure stays a number.
/// </summary>
public static class CsvTable
{
    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var builder = new StringBuilder();
        builder.AppendJoin(',', header.Select(h => Cell(h))).Append("\r\n");
        foreach (var row in rows)
        {
            builder.AppendJoin(',', row.Select(Cell)).Append("\r\n");
        }

        return builder.ToString();
    }

    /// <summary>One field as it appears in the file.</summary>
    public static string Cell(object? value)
    {
        var text = value switch
        {
            null => "",
            double d => d.ToString("0.###", CultureInfo.InvariantCulture),
            float f => f.ToString("0.###", CultureInfo.InvariantCulture),
            decimal m => m.ToString("0.###", CultureInfo.InvariantCulture),
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            _ => Defuse(value.ToString() ?? ""),
        };
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }

    private static string Defuse(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
