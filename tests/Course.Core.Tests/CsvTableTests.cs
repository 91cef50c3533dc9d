using Course.Core.Analytics;

namespace Course.Core.Tests;

public class CsvTableTests
{
    public static TheoryData<object?, string> Cells => new()
    {
        // Texts a spreadsheet would run as a formula get an apostrophe (and quotes where RFC 4180 needs them).
        { "=HYPERLINK(\"http://evil\",\"x\")", "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"" },
        { "+1+1", "'+1+1" },
        { "-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0" },
        { "@SUM(A1:A9)", "'@SUM(A1:A9)" },
        { "\t=1+1", "'\t=1+1" },
        { "\r=1+1", "\"'\r=1+1\"" },
        // Ordinary texts are left alone, quoted only when they must be.
        { "tokens", "tokens" },
        { "a = b", "a = b" },
        { "uno, dos", "\"uno, dos\"" },
        { "dijo \"hola\"", "\"dijo \"\"hola\"\"\"" },
        { "línea\notra", "\"línea\notra\"" },
        { "", "" },
        { null, "" },
        // Numbers stay numbers, negative ones included.
        { -0.25, "-0.25" },
        { 0.33333, "0.333" },
        { -3, "-3" },
        { 42, "42" },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public void A_cell_is_written_safe_for_spreadsheets(object? value, string expected)
    {
        Assert.Equal(expected, CsvTable.Cell(value));
    }

    [Fact]
    public void A_table_is_a_header_and_CRLF_rows()
    {
        var csv = CsvTable.Write(["quiz", "answer", "count"], [["final", "-1", 3], ["final", "=1+1", 2]]);

        Assert.Equal("quiz,answer,count\r\nfinal,'-1,3\r\nfinal,'=1+1,2\r\n", csv);
    }
}
