using System.Diagnostics;
using System.Text;
using Course.Core.Authoring;
using CsCheck;

namespace Course.Core.Tests.Authoring;

public class LineDiffTests
{
    public static TheoryData<string, string, string[]> Diffs => new()
    {
        // old, new → each line as {kind}{old number}:{new number} {text}, '_' on the side a line is not in,
        // and a final '\' on a last line with no line end
        { "a\nb\nc\n", "a\nb\nc\n", [" 1:1 a", " 2:2 b", " 3:3 c"] },
        { "a\nc\n", "a\nb\nc\n", [" 1:1 a", "+_:2 b", " 2:3 c"] },
        { "a\nb\nc\n", "a\nc\n", [" 1:1 a", "-2:_ b", " 3:2 c"] },
        { "a\nb\nc\nd\n", "a\nx\ny\nd\n", [" 1:1 a", "-2:_ b", "-3:_ c", "+_:2 x", "+_:3 y", " 4:4 d"] },
        { "a\nb\nc\n", "a\nB\nc\n", [" 1:1 a", "-2:_ b", "+_:2 B", " 3:3 c"] },
        { "", "a\nb\n", ["+_:1 a", "+_:2 b"] },
        { "a\nb\n", "", ["-1:_ a", "-2:_ b"] },
        { "", "", [] },
        { "a\nb", "a\nb", [" 1:1 a", " 2:2 b\\"] },
        { "a\nb", "a\nb\n", [" 1:1 a", "-2:_ b\\", "+_:2 b"] },
        { "a\nb\n", "a\nb", [" 1:1 a", "-2:_ b", "+_:2 b\\"] },
        { "a\n", "a\n\n", [" 1:1 a", "+_:2 "] },
        { "a\r\nb\r\n", "a\nb\rc", [" 1:1 a", " 2:2 b", "+_:3 c\\"] },
        { "a\nb\nc\n", "c\na\nb\n", ["+_:1 c", " 1:2 a", " 2:3 b", "-3:_ c"] },
        { "a\na\na", "a\na", [" 1:1 a", "-2:_ a", " 3:2 a\\"] },
        { "x\na\ny\nb\nz\n", "a\nb\n", ["-1:_ x", " 2:1 a", "-3:_ y", " 4:2 b", "-5:_ z"] },
        { "a\nb\n", "c\nd\n", ["-1:_ a", "-2:_ b", "+_:1 c", "+_:2 d"] },
    };

    [Theory]
    [MemberData(nameof(Diffs))]
    public void Diff_lists_every_line_with_its_kind_and_numbers(string oldText, string newText, string[] expected)
    {
        Assert.Equal(expected, LineDiff.Compare(oldText, newText).Select(Show));
    }

    private static readonly string Twenty = string.Concat(Enumerable.Range(1, 20).Select(i => $"{i}\n"));

    public static TheoryData<string, string, int, string[]> HunkHeaders => new()
    {
        // old, new, context lines → the hunks' headers
        { Twenty, Twenty, 3, [] },
        { Twenty, Twenty.Replace("\n10\n", "\nten\n"), 3, ["@@ -7,7 +7,7 @@"] },
        { Twenty, Twenty.Replace("\n10\n", "\nten\n"), 0, ["@@ -10,1 +10,1 @@"] },
        { Twenty, Twenty.Replace("\n2\n", "\ntwo\n").Replace("\n19\n", "\nnineteen\n"), 3, ["@@ -1,5 +1,5 @@", "@@ -16,5 +16,5 @@"] },
        { Twenty, Twenty.Replace("\n10\n", "\nten\n").Replace("\n16\n", "\nsixteen\n"), 3, ["@@ -7,13 +7,13 @@"] },
        { "1\n2\n3\n4\n5\n", "1\n2\n3\nx\n4\n5\n", 1, ["@@ -3,2 +3,3 @@"] },
        { "1\n2\n3\n4\n5\n", "1\n2\n3\nx\n4\n5\n", 0, ["@@ -3,0 +4,1 @@"] },
        { "", "a\nb\n", 3, ["@@ -0,0 +1,2 @@"] },
        { "a\nb\n", "", 3, ["@@ -1,2 +0,0 @@"] },
    };

    [Theory]
    [MemberData(nameof(HunkHeaders))]
    public void Changes_are_grouped_in_hunks_with_context(string oldText, string newText, int context, string[] expected)
    {
        var hunks = LineDiff.Hunks(oldText, newText, context);

        Assert.Equal(expected, hunks.Select(h => h.ToString()));
        foreach (var hunk in hunks)
        {
            Assert.Equal(hunk.OldCount, hunk.Lines.Count(l => l.OldNumber is not null));
            Assert.Equal(hunk.NewCount, hunk.Lines.Count(l => l.NewNumber is not null));
        }
    }

    [Fact]
    public void Hunk_holds_its_lines_in_order()
    {
        var hunk = LineDiff.Hunks("1\n2\n3\n4\n5\n", "1\n2\nthree\n4\n5\n", context: 1).Single();

        Assert.Equal([" 2:2 2", "-3:_ 3", "+_:3 three", " 4:4 4"], hunk.Lines.Select(Show));
    }

    [Fact]
    public void Seed_chapter_against_an_edited_copy_is_quick_and_exact()
    {
        var seed = Encoding.UTF8.GetString(SeedChapter.Bytes());
        var lines = seed.Replace("tokens", "fichas").Split('\n').ToList();
        lines.Insert(100, "Una línea nueva <break time=\"1s\"/>");
        lines.RemoveRange(200, 3);
        var edited = string.Join('\n', lines);
        var rewritten = string.Join('\n', Enumerable.Range(0, 10_000).Select(i => i % 2 == 0 ? $"igual {i}" : $"antes {i}"));
        var everyOtherLine = string.Join('\n', Enumerable.Range(0, 10_000).Select(i => i % 2 == 0 ? $"igual {i}" : $"después {i}"));

        var clock = Stopwatch.StartNew();
        var diff = LineDiff.Compare(seed, edited);
        var reversed = LineDiff.Compare(seed, string.Join('\n', seed.Split('\n').Reverse()));
        var large = LineDiff.Compare(rewritten, everyOtherLine);
        clock.Stop();

        // Generous bounds for a slow machine: these take milliseconds.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        AssertSidesAreTheTexts(seed, edited, diff);
        AssertSidesAreTheTexts(rewritten, everyOtherLine, large);
        AssertSidesAreTheTexts(seed, string.Join('\n', seed.Split('\n').Reverse()), reversed);
        Assert.Equal(LongestCommonSubsequence(Lines(seed), Lines(edited)), diff.Count(l => l.Kind == DiffKind.Unchanged));
        Assert.Equal(1, diff.Count(l => l.Kind == DiffKind.Added && l.Text.StartsWith("Una línea nueva", StringComparison.Ordinal)));
        Assert.Equal(10_000, large.Count(l => l.Kind != DiffKind.Unchanged));
    }

    [Fact]
    public void Diff_is_a_shortest_edit_between_any_two_texts()
    {
        var text = Gen.Select(Gen.OneOf<string>("a", "b", "c", "").Array[0, 12], Gen.Bool)
            .Select(t => string.Join('\n', t.Item1) + (t.Item2 ? "\n" : ""));
        Gen.Select(text, text).Sample(t =>
        {
            var (oldText, newText) = t;

            var diff = LineDiff.Compare(oldText, newText);

            AssertSidesAreTheTexts(oldText, newText, diff);
            Assert.Equal(LongestCommonSubsequence(Lines(oldText), Lines(newText)), diff.Count(l => l.Kind == DiffKind.Unchanged));
        }, iter: 1000);
    }

    private static string Show(DiffLine line)
    {
        var sign = line.Kind switch
        {
            DiffKind.Added => '+',
            DiffKind.Removed => '-',
            _ => ' ',
        };
        return $"{sign}{line.OldNumber?.ToString() ?? "_"}:{line.NewNumber?.ToString() ?? "_"} {line.Text}{(line.NoNewlineAtEnd ? "\\" : "")}";
    }

    /// <summary>Each side of the diff, read alone, is its text line for line, numbered from 1.</summary>
    private static void AssertSidesAreTheTexts(string oldText, string newText, IReadOnlyList<DiffLine> diff)
    {
        var old = diff.Where(l => l.Kind != DiffKind.Added).ToList();
        var @new = diff.Where(l => l.Kind != DiffKind.Removed).ToList();
        Assert.Equal(Lines(oldText), old.Select(l => (l.Text, !l.NoNewlineAtEnd)));
        Assert.Equal(Lines(newText), @new.Select(l => (l.Text, !l.NoNewlineAtEnd)));
        Assert.Equal(Enumerable.Range(1, old.Count), old.Select(l => l.OldNumber!.Value));
        Assert.Equal(Enumerable.Range(1, @new.Count), @new.Select(l => l.NewNumber!.Value));
    }

    private static (string Text, bool Ended)[] Lines(string text)
    {
        var parts = text.Split('\n');
        return [.. parts.Select((part, i) => (part, i < parts.Length - 1)).Where(line => line.Item2 || line.part.Length > 0)];
    }

    private static int LongestCommonSubsequence<T>(T[] a, T[] b)
    {
        var table = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                table[i, j] = EqualityComparer<T>.Default.Equals(a[i], b[j])
                    ? table[i + 1, j + 1] + 1
                    : Math.Max(table[i + 1, j], table[i, j + 1]);
            }
        }

        return table[0, 0];
    }
}
