using System.Text;
using Course.Core.Scripts;
using CsCheck;

namespace Course.Core.Tests;

/// <summary>Round trips over generated scripts: what the format promises for any valid input.</summary>
public class ScriptRoundTripProperties
{
    // Words mix Spanish letters, Markdown, digits and a '<' that is not a tag.
    private static readonly Gen<string> Word = Gen.OneOf(
        Gen.String[Gen.Char["abcdefghijklmnñopqrstuvwxyzáéíóúüÁÉ¡!¿?.,:;\"'()*_`0123456789¾"], 1, 12],
        Gen.OneOf<string>("a < b", "3<4", "**negrita**", "[enlace](https://example.com)", "\\<break/>", "🙂", "- ", "1. "));

    private static readonly Gen<string> Text = Word.Array[1, 8].Select(words => string.Join(' ', words).Trim());

    private static readonly Gen<string> Break = Gen.OneOf(
        Gen.Int[0, 10_000].Select(ms => $"<break time=\"{ms}ms\"/>"),
        Gen.Int[0, 100].Select(tenths => $"<break time=\"{tenths / 10}.{tenths % 10}s\"/>"),
        Gen.OneOf<string>("<break/>", "<break strength=\"weak\"/>", "<break strength=\"x-strong\"/>", "<break time='2s' />"));

    // A line: one to three pieces of text, each followed by a break (the last one's break is optional).
    private static readonly Gen<string> Line = Gen.Select(Gen.Select(Text, Break).Array[0, 2], Text, Break, Gen.Bool)
        .Where(t => t.Item2.Trim().Length > 0)
        .Select(t => string.Concat(t.Item1.Select(p => $"{p.Item1} {p.Item2} ")) + t.Item2 + (t.Item4 ? " " + t.Item3 : ""))
        .Where(line => line.Trim() == line && !line.StartsWith('<') && ScriptParser.Parse(line).Succeeded);

    private static readonly Gen<string> Canonical = Line.Array[1, 5]
        .Select(lines => string.Join('\n', lines))
        .Array[1, 6]
        .Select(slides => string.Join("\n\n", slides));

    [Fact]
    public void Canonical_scripts_are_written_back_unchanged()
    {
        Canonical.Sample(source =>
        {
            var script = ScriptParser.Parse(source).GetScriptOrThrow();
            Assert.Equal(source, ScriptWriter.Write(script));
        }, iter: 500);
    }

    [Fact]
    public void Parse_write_parse_is_a_fixed_point_and_loses_no_text_whatever_the_layout()
    {
        var noisy = Gen.Select(Canonical, Gen.Bool, Gen.Bool, Gen.Int[1, 4], Gen.String[Gen.Char[" \t"], 0, 3]);
        noisy.Sample(t =>
        {
            var (canonical, crlf, bom, blankRun, trailing) = t;
            var layout = canonical
                .Replace("\n\n", "\n" + string.Concat(Enumerable.Repeat(trailing + "\n", blankRun)))
                .Replace("\n", trailing + "\n");
            if (crlf)
            {
                layout = layout.Replace("\n", "\r\n");
            }

            var input = (bom ? "\uFEFF" : "") + "\n" + layout + trailing + "\n";
            var first = ScriptParser.Parse(Encoding.UTF8.GetBytes(input)).GetScriptOrThrow();
            var written = ScriptWriter.Write(first);
            var second = ScriptParser.Parse(written).GetScriptOrThrow();

            Assert.Equal(canonical, written);
            Assert.Equal(Texts(first), Texts(second));
            Assert.Equal(Texts(ScriptParser.Parse(canonical).GetScriptOrThrow()), Texts(first));
        }, iter: 300);
    }

    private static string[] Texts(ChapterScript script) =>
        [.. script.Slides.SelectMany(s => s.Segments).Select(s => $"{s.Text}|{s.PauseMilliseconds}|{s.ContinuesLine}")];
}
