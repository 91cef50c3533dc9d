using System.Text.RegularExpressions;

namespace Course.Web.Tests.Architecture;

/// <summary>
/// One place creates chapters and one writes their content (slide rows, drafts, versions): ChapterStore.
/// A scan of src/Course.Web's C# source (migrations left out) for the ways EF Core is told to add, remove or
/// replace those rows — the same as `git grep -nE '&lt;pattern&gt;' -- 'src/Course.Web/*.cs'`. It reads text, so a
/// write spelt otherwise (raw SQL, a generic Set&lt;T&gt;() outside CourseDbContext) would pass unseen; a
/// course's removal still deletes its chapters by cascade.
/// </summary>
public sealed class ChapterWriterTests
{
    private const string Store = "src/Course.Web/Chapters/ChapterStore.cs";

    public static TheoryData<string, string> Writes => new()
    {
        { "creates a chapter", @"\bnew\s+Chapter\b(?!\w)|\bChapters\s*\.\s*Add(Range)?(Async)?\s*\(" },
        { "writes a draft", @"\bChapterDrafts\s*\.\s*(Add|AddRange|Remove|RemoveRange|Update|Attach)(Async)?\s*\(|\bChapterDrafts\b[^;]*\.Execute(Update|Delete)" },
        { "writes a version", @"\bChapterVersions\s*\.\s*(Add|AddRange|Remove|RemoveRange|Update|Attach)(Async)?\s*\(|\bChapterVersions\b[^;]*\.Execute(Update|Delete)" },
        { "writes clip placements", @"\bClipPlacements\s*\.\s*(Add|AddRange|Remove|RemoveRange|Update|Attach)(Async)?\s*\(|\bClipPlacements\b[^;]*\.Execute(Update|Delete)" },
        { "writes slide rows", @"\bSlides\s*\.\s*(Add|AddRange|Remove|RemoveRange|Update|Attach)(Async)?\s*\(|\bSlides\b[^;]*\.Execute(Update|Delete)|\.Slides\s*=[^=>]" },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public void Only_the_chapter_store(string what, string pattern)
    {
        var found = Matches(pattern);

        Assert.True(found.Count > 0, $"nothing {what} at all: the pattern no longer matches the store's code");
        var elsewhere = found.Where(f => f.File != Store).Select(f => $"{f.File}:{f.Line}: {f.Text}").ToList();
        Assert.True(elsewhere.Count == 0, $"code outside {Store} {what}:{Environment.NewLine}{string.Join(Environment.NewLine, elsewhere)}");
    }

    private static List<(string File, int Line, string Text)> Matches(string pattern)
    {
        var root = RepositoryRoot();
        var regex = new Regex(pattern);
        var found = new List<(string, int, string)>();
        foreach (var path in Directory.EnumerateFiles(Path.Combine(root, "src", "Course.Web"), "*.cs", SearchOption.AllDirectories))
        {
            var file = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (file.Contains("/Migrations/", StringComparison.Ordinal) || file.Contains("/obj/", StringComparison.Ordinal) || file.Contains("/bin/", StringComparison.Ordinal))
            {
                continue;
            }

            var lines = File.ReadAllLines(path);
            for (var i = 0; i < lines.Length; i++)
            {
                if (!lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal) && regex.IsMatch(lines[i]))
                {
                    found.Add((file, i + 1, lines[i].Trim()));
                }
            }
        }

        return found;
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Course.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException($"no Course.sln above {AppContext.BaseDirectory}");
    }
}
