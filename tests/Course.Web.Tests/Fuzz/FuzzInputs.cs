using System.Text;
using CsCheck;

namespace Course.Fuzzing;

/// <summary>
/// Inputs for the importers' fuzz runs (docs/reliability.md, "Bad input"): mutations of a real file (the seed chapter,
/// the seed as Markdown, a course package, the seed's quizzes) and inputs generated from the formats' own pieces,
/// leaning on what breaks parsers: numbers of any length, values at and past their bounds, nesting, long lines,
/// control characters, lone surrogates. Shared by the test suite (a few thousand) and the benchmarks' long run.
/// </summary>
public static class FuzzInputs
{
    /// <summary>Numbers as text: ordinary, at the edges of int, long and decimal, with 30 and 60 digits, negative, exponents.</summary>
    public static readonly Gen<string> Number = Gen.Frequency(
        (4, Gen.Int[0, 20_000].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (3, Gen.OneOf<string>("0", "-1", "-0", "10", "10.0001", "9999.5", "10000", "10001", "2147483647", "2147483648", "-2147483649",
            "9223372036854775808", "79228162514264337593543950335", "79228162514264337593543950336", "999999999999999999999999999999",
            "1e400", "-1e400", "1e-400", "0.1", ".5", "5.", "1.2.3", "NaN", "Infinity", "0x10", "1_000", "١٢", "1,5", "00000000000000000000000000000010")),
        (2, Gen.String[Gen.Char["0123456789"], 1, 60]),
        (1, Gen.Select(Gen.String[Gen.Char["0123456789"], 0, 40], Gen.String[Gen.Char["0123456789"], 0, 40]).Select(t => $"{t.Item1}.{t.Item2}")));

    /// <summary>Characters that mean something to one of the formats, or to a decoder.</summary>
    private static readonly Gen<char> Special = Gen.Char["<>/=\"'\\-#[]{}:,.`~*_+=!?\t\r\n 0123456789sm\0\u0007\u00A0\uFEFF\uD800\uDC00\u2028é¡"];

    private static readonly Gen<string> Word = Gen.OneOf(
        Gen.String[Gen.Char["abcdefghijklmnñopqrstuvwxyzáéíóú"], 1, 10],
        Gen.String[Special, 1, 4],
        Gen.OneOf<string>("**negrita**", "[enlace](https://example.com)", "\\<", "a < b", "🙂", "- ", "1. ", "<b>", "</b>", "<!--", "<?x", "&amp;", "javascript:"));

    private static readonly Gen<string> Break = Gen.OneOf(
        Gen.Select(Number, Gen.OneOf<string>("s", "ms", "", "S", " s")).Select(t => $"<break time=\"{t.Item1}{t.Item2}\"/>"),
        Gen.OneOf<string>("<break/>", "<break strength=\"weak\"/>", "<break strength=\"loud\"/>", "<break time='2s' />", "<break", "<break>",
            "<break time=\"1s\" time=\"2s\"/>", "<break time=1s/>", "<break pitch=\"x\"/>", "<break time=\"1s\" strength=\"weak\"/>", "<break time=\"\"/>"));

    private static readonly Gen<string> Piece = Gen.Frequency((6, Word), (2, Break), (1, Number));

    private static readonly Gen<string> ScriptLine = Gen.Frequency(
        (20, Piece.Array[0, 12].Select(p => string.Join(' ', p))),
        (2, Gen.OneOf<string>("", "", "---", "title: T", "language: es", "slug: a-b", "description: d", "author: x", "language: español", "key:", ": v")),
        (1, Gen.Select(Piece, Gen.Int[1, 12_000]).Select(t => string.Concat(Enumerable.Repeat(t.Item1, t.Item2 / Math.Max(1, t.Item1.Length) + 1)))));

    private static readonly Gen<string> MarkdownLine = Gen.Frequency(
        (12, ScriptLine),
        (2, Gen.Select(Gen.Int[1, 8], Piece.Array[0, 4]).Select(t => new string('#', t.Item1) + " " + string.Join(' ', t.Item2))),
        (2, Gen.Select(Number, Gen.OneOf<string>("s", "ms", "")).Select(t => $"[pause {t.Item1}{t.Item2}]")),
        (1, Gen.OneOf<string>("[pause weak]", "[pause loud]", "[pause 1,5s]", "```", "~~~", "***", "___", "===", "- - -", "  - item", "10) item", "#", "# ")));

    /// <summary>A script made of the format's pieces, good and bad.</summary>
    public static readonly Gen<string> Script = ScriptLine.Array[0, 40].Select(lines => string.Join(Newline(lines.Length), lines));

    /// <summary>A Markdown chapter made of its pieces, good and bad.</summary>
    public static readonly Gen<string> Markdown = MarkdownLine.Array[0, 40].Select(lines => string.Join(Newline(lines.Length), lines));

    private static string Newline(int seed) => (seed % 7) switch { 0 => "\r\n", 1 => "\r", _ => "\n" };

    /// <summary>Any JSON-ish value, well formed or nearly, up to a few levels deep; deeper nesting comes from <see cref="DeepJson"/>.</summary>
    public static readonly Gen<string> JsonValue = Json(3);

    private static Gen<string> Json(int depth)
    {
        var scalar = Gen.Frequency(
            (4, Number),
            (3, Gen.String[Gen.Char["abcdefgh -\"\\é<>/\u0001"], 0, 20].Select(s => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"")),
            (2, Gen.OneOf<string>("null", "true", "false", "\"\"", "\"Checkpoint\"", "\"Final\"", "\"Published\"", "\"choice\"", "\"numeric\"", "7", "-5")),
            (1, Gen.OneOf<string>("{", "]", "\"unclosed", "nul", "01", "+1", "'x'", "/* */", "\"\\ud800\"", "\"\\u0000\"")));
        if (depth == 0)
        {
            return scalar;
        }

        var inner = Json(depth - 1);
        var key = Gen.OneOf<string>("type", "id", "slug", "title", "number", "answer", "tolerance", "passMark", "slide", "choices", "correct",
            "quizzes", "questions", "body", "versions", "format", "formatVersion", "course", "chapters", "status", "script", "x");
        return Gen.Frequency(
            (4, scalar),
            (2, inner.Array[0, 5].Select(items => "[" + string.Join(",", items) + "]")),
            (2, Gen.Select(key, inner).Array[0, 5].Select(pairs => "{" + string.Join(",", pairs.Select(p => $"\"{p.Item1}\":{p.Item2}")) + "}")));
    }

    /// <summary>Arrays or objects nested far past any limit, closed or not.</summary>
    public static readonly Gen<string> DeepJson = Gen.Select(Gen.Int[20, 5_000], Gen.Bool, Gen.Bool).Select(t =>
        string.Concat(Enumerable.Repeat(t.Item2 ? "[" : "{\"a\":", t.Item1)) + "1" + (t.Item3 ? string.Concat(Enumerable.Repeat(t.Item2 ? "]" : "}", t.Item1)) : ""));

    /// <summary>A quiz file in the bank's shape, with generated values in its fields.</summary>
    public static readonly Gen<string> QuizBank = Gen.Select(Question(), Gen.Int[0, 3], JsonValue, JsonValue, JsonValue).Select(t =>
        $"{{\"tools\":[{{\"slide\":{t.Item3},\"kind\":\"tokens\",\"sample\":\"s\"}}],\"quizzes\":[{{\"slug\":\"q\",\"title\":\"Q\",\"kind\":\"Final\",\"afterSlide\":{t.Item4},"
        + $"\"feedback\":\"Immediate\",\"passMark\":{t.Item5},\"questions\":[{string.Join(",", Enumerable.Repeat(t.Item1, t.Item2))}]}}]}}");

    private static Gen<string> Question() => Gen.Select(Gen.OneOf<string>("choice", "numeric", "true-false", "ordering", "matching", "short-text", "token-count", "other"),
        JsonValue, JsonValue, JsonValue, JsonValue).Select(t =>
        $"{{\"id\":\"a\",\"slide\":{t.Item2},\"prompt\":\"p\",\"explanation\":\"e\",\"body\":{{\"type\":\"{t.Item1}\",\"answer\":{t.Item3},\"tolerance\":{t.Item4},"
        + $"\"choices\":{t.Item5},\"correct\":[\"a\"],\"items\":[],\"prompts\":[],\"targets\":[],\"pairs\":{{}},\"accepted\":[\"x\"],\"model\":\"gpt-4o\",\"text\":\"t\"}}}}");

    /// <summary>A course package in its shape, with a generated script and generated values in its fields.</summary>
    public static readonly Gen<string> Package = Gen.Select(Script, QuizBank, JsonValue, JsonValue, JsonValue, Gen.OneOf<string>("Draft", "Published", "Retired", "7"))
        .Select(t => $"{{\"format\":\"course-package\",\"formatVersion\":{(t.Item3.Length % 3 == 0 ? t.Item3 : "1")},\"course\":{{\"slug\":\"c\",\"title\":\"C\",\"language\":\"es\",\"description\":null}},"
            + $"\"chapters\":[{{\"number\":{t.Item4},\"slug\":\"ch\",\"title\":\"T\",\"language\":\"es\",\"description\":null,\"status\":\"{t.Item6}\","
            + $"\"script\":{JsonString(t.Item1)},\"draft\":null,\"versions\":[{{\"number\":{t.Item5},\"publishedBy\":\"a\",\"publishedAt\":\"2026-01-01T00:00:00+01:00\",\"script\":\"x\"}}],"
            + $"\"quizzes\":{t.Item2}}}]}}");

    public static string JsonString(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    /// <summary>One change to a text: where (as a share of its length), how long, and what to put there.</summary>
    public sealed record Mutation(int Kind, double At, double Other, int Length, string Token);

    private static readonly Gen<Mutation> OneMutation = Gen.Select(Gen.Int[0, 8], Gen.Double[0, 1], Gen.Double[0, 1], Gen.Int[1, 200],
        Gen.Frequency((3, Number), (3, Gen.String[Special, 1, 6]), (2, Break), (1, JsonValue), (1, DeepJson)))
        .Select(t => new Mutation(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5));

    /// <summary>The seed with one to eight mutations.</summary>
    public static Gen<string> Mutated(string seed) => OneMutation.Array[1, 8].Select(mutations => Apply(seed, mutations));

    public static string Apply(string seed, IEnumerable<Mutation> mutations)
    {
        var text = new StringBuilder(seed);
        foreach (var m in mutations)
        {
            var at = (int)(m.At * text.Length);
            var length = Math.Min(m.Length, text.Length - at);
            switch (m.Kind)
            {
                case 0: // insert a token
                    text.Insert(at, m.Token);
                    break;
                case 1: // delete a run
                    text.Remove(at, length);
                    break;
                case 2: // copy a run elsewhere
                    text.Insert((int)(m.Other * text.Length), text.ToString(at, length));
                    break;
                case 3: // a number, wherever there is one, becomes another
                    var digit = IndexOfDigit(text, at);
                    if (digit >= 0)
                    {
                        var end = digit;
                        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'))
                        {
                            end++;
                        }

                        text.Remove(digit, end - digit).Insert(digit, m.Token);
                    }

                    break;
                case 4: // one character becomes a special one
                    if (at < text.Length)
                    {
                        text[at] = m.Token[0];
                    }

                    break;
                case 5: // cut the rest
                    text.Length = at;
                    break;
                case 6: // a run repeated many times: long lines, long values
                    text.Insert(at, string.Concat(Enumerable.Repeat(text.ToString(at, Math.Min(length, 20)), 1 + (int)(m.Other * 2_000))));
                    break;
                default: // swap two runs of lines' worth
                    var other = (int)(m.Other * text.Length);
                    var first = text.ToString(at, length);
                    var secondLength = Math.Min(length, text.Length - other);
                    if (other >= at + length)
                    {
                        var second = text.ToString(other, secondLength);
                        text.Remove(other, secondLength).Insert(other, first).Remove(at, length).Insert(at, second);
                    }

                    break;
            }
        }

        return text.ToString();
    }

    private static int IndexOfDigit(StringBuilder text, int from)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var at = (from + i) % text.Length;
            if (char.IsAsciiDigit(text[at]))
            {
                return at;
            }
        }

        return -1;
    }
}
