using Course.Core.Authoring;
using Course.Core.Scripts;
using Course.Web.Data;
using Course.Web.Quizzes;

namespace Course.Web.Studio;

/// <summary>
/// Everything in a course package that can be judged without the database: every field present, every number,
/// count and length within its bound (docs/reliability.md, "Bad input"), every script
/// parsing, every quiz complete and within its bounds (whether its questions make sense is for the import to say). Each problem starts with its field, e.g. <c>chapters[1].versions[0].number: …</c>.
/// </summary>
public static class CoursePackageCheck
{
    public const int MaxChapters = 200;
    public const int MaxChapterNumber = 1_000;
    public const int MaxVersions = 500;
    public const int MaxVersionNumber = 100_000;
    public const int MaxPublisherLength = 256;

    /// <summary>The earliest and latest publishing time a version may carry.</summary>
    public static readonly DateTimeOffset EarliestPublished = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset LatestPublished = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static List<string> Problems(CoursePackage package)
    {
        var problems = new List<string>();
        if (package.Course is not { } course)
        {
            problems.Add("course: missing");
        }
        else
        {
            Details("course", course.Slug, course.Title, course.Language, course.Description, problems);
        }

        if (!QuizBankCheck.Count(package.Chapters, MaxChapters, "chapters", problems, required: true))
        {
            return problems;
        }

        var numbers = new HashSet<int>();
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < package.Chapters.Count; i++)
        {
            var at = $"chapters[{i}]";
            if (package.Chapters[i] is not { } chapter)
            {
                problems.Add($"{at}: missing");
                continue;
            }

            if (chapter.Number is < 1 or > MaxChapterNumber)
            {
                problems.Add($"{at}.number: a chapter number goes from 1 to {MaxChapterNumber}, not {chapter.Number}");
            }
            else if (!numbers.Add(chapter.Number))
            {
                problems.Add($"{at}.number: two chapters are number {chapter.Number}");
            }

            Details(at, chapter.Slug, chapter.Title, chapter.Language, chapter.Description, problems);
            if (chapter.Slug is not null && !slugs.Add(chapter.Slug))
            {
                problems.Add($"{at}.slug: two chapters share the slug '{QuizBankCheck.Shown(chapter.Slug)}'");
            }

            if (!Enum.IsDefined(chapter.Status))
            {
                problems.Add($"{at}.status: unknown status {(int)chapter.Status} (use Draft, Published or Retired)");
            }
            else if (chapter.Status != ChapterStatus.Draft && chapter.Script is null)
            {
                problems.Add($"{at}.script: a {chapter.Status.ToString().ToLowerInvariant()} chapter needs its script");
            }

            Script(chapter.Script, $"{at}.script", problems, mustParse: true);
            Script(chapter.Draft, $"{at}.draft", problems, mustParse: false);
            CheckVersions(chapter.Versions, $"{at}.versions", problems);
            problems.AddRange(QuizBankCheck.Problems(chapter.Quizzes, $"{at}.quizzes"));
        }

        return problems;
    }

    private static void Details(string at, string? slug, string? title, string? language, string? description, List<string> problems) =>
        problems.AddRange(ChapterMetadataRules.Check(new ChapterMetadata(title, language, slug, description),
                MetadataFields.Title | MetadataFields.Language | MetadataFields.Slug)
            .Select(p => $"{at}.{p.Field}: {(p.Message.Length > 300 ? p.Message[..300] + "…" : p.Message)}"));

    /// <summary>A script within the parser's bound; a published one must parse (a draft may be unfinished).</summary>
    private static void Script(string? script, string at, List<string> problems, bool mustParse)
    {
        if (script is null)
        {
            return;
        }

        if (!mustParse)
        {
            QuizBankCheck.Length(script, ScriptParser.MaxCharacters, at, problems);
            return;
        }

        var errors = ScriptParser.Parse(script).Errors;
        problems.AddRange(errors.Select(e => $"{at}:{e}"));
    }

    private static void CheckVersions(IReadOnlyList<PackageVersion>? versions, string at, List<string> problems)
    {
        if (!QuizBankCheck.Count(versions, MaxVersions, at, problems, required: true))
        {
            return;
        }

        var numbers = new HashSet<int>();
        for (var v = 0; v < versions!.Count; v++)
        {
            var item = $"{at}[{v}]";
            if (versions[v] is not { } version)
            {
                problems.Add($"{item}: missing");
                continue;
            }

            if (version.Number is < 1 or > MaxVersionNumber)
            {
                problems.Add($"{item}.number: a version number goes from 1 to {MaxVersionNumber}, not {version.Number}");
            }
            else if (!numbers.Add(version.Number))
            {
                problems.Add($"{item}.number: two versions are number {version.Number}");
            }

            if (string.IsNullOrWhiteSpace(version.PublishedBy) || version.PublishedBy.Length > MaxPublisherLength)
            {
                problems.Add($"{item}.publishedBy: who published it, in at most {MaxPublisherLength} characters");
            }

            if (version.PublishedAt < EarliestPublished || version.PublishedAt >= LatestPublished)
            {
                problems.Add($"{item}.publishedAt: a time from {EarliestPublished:yyyy} to {LatestPublished:yyyy}, not {version.PublishedAt:O}");
            }

            if (version.Script is null)
            {
                problems.Add($"{item}.script: missing");
            }

            // An old version may not parse under today's rules; it is history, kept as it was, within the bound.
            QuizBankCheck.Length(version.Script, ScriptParser.MaxCharacters, $"{item}.script", problems);
        }
    }
}
