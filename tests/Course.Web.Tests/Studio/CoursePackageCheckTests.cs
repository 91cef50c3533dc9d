using System.Text.Json.Nodes;
using Course.Fuzzing;
using Course.Web.Quizzes;
using Course.Web.Studio;

namespace Course.Web.Tests.Studio;

/// <summary>
/// Every field of a course package and a quiz file is bounded: a value past its bound, missing or of the wrong kind
/// is refused with the field it is in, as the package's only exception (docs/reliability.md, "Bad input").
/// </summary>
public class CoursePackageCheckTests
{
    private const string ThirtyDigits = "999999999999999999999999999999";

    public static TheoryData<string, string, string> PackageCases => new()
    {
        // path in the seed package, the JSON put there, the start of the expected problem
        { "chapters.0.script", JsonString($"Hola <break time=\"{ThirtyDigits}s\"/>"), $"chapters[0].script:1:19: break time '{ThirtyDigits}s' is over the maximum of 10s" },
        { "chapters.0.number", ThirtyDigits, "line 1" },
        { "chapters.0.number", "0", "chapters[0].number: a chapter number goes from 1 to 1000, not 0" },
        { "chapters.0.number", "1001", "chapters[0].number: a chapter number goes from 1 to 1000, not 1001" },
        { "chapters.0.status", "7", "chapters[0].status: unknown status 7" },
        { "chapters.0.slug", JsonString(new string('a', 101)), "chapters[0].slug: the slug is longer than 100 characters" },
        { "chapters.0.title", "null", "chapters[0].title: missing" },
        { "chapters.0.versions", "null", "chapters[0].versions: missing" },
        { "chapters.0.versions.0", "null", "chapters[0].versions[0]: missing" },
        { "chapters.0.versions.0.number", "-3", "chapters[0].versions[0].number: a version number goes from 1 to 100000, not -3" },
        { "chapters.0.versions.0.publishedAt", "\"1900-01-01T00:00:00Z\"", "chapters[0].versions[0].publishedAt: a time from 1970 to 9999" },
        { "chapters.0.versions.0.publishedBy", JsonString(new string('a', 257)), "chapters[0].versions[0].publishedBy: who published it, in at most 256 characters" },
        { "chapters.0.quizzes.quizzes.0.passMark", "1.5", "chapters[0].quizzes.quizzes[0].passMark: the pass mark is a share between 0 and 1" },
        { "chapters.0.quizzes.quizzes.0.afterSlide", ThirtyDigits, "line 1" },
        { "chapters.0.quizzes.quizzes.0.afterSlide", "10001", "chapters[0].quizzes.quizzes[0].afterSlide: a slide number goes from 1 to 10000, not 10001" },
        { "chapters.0.quizzes.quizzes.0.kind", "5", "chapters[0].quizzes.quizzes[0].kind: unknown kind 5" },
        { "chapters.0.quizzes.quizzes.0.questions.1.body.answer", ThirtyDigits, "line 1" },
        { "chapters.0.quizzes.quizzes.0.questions.1.body.answer", "1e16", "chapters[0].quizzes.quizzes[0].questions[1].body.answer: the number is beyond ±1000000000000000" },
        { "chapters.0.quizzes.quizzes.0.questions.1.body", "{\"answer\": 1}", "not a course package" },
        { "chapters.0.quizzes.quizzes.0.questions.0.body.choices", "null", "chapters[0].quizzes.quizzes[0].questions[0].body.choices: missing" },
        { "chapters.0.quizzes.quizzes.0.questions.0.body.choices.0", "null", "chapters[0].quizzes.quizzes[0].questions[0].body.choices[0]: missing" },
        { "chapters.0.quizzes.tools.0.slide", "0", "chapters[0].quizzes.tools[0].slide: a slide number goes from 1 to 10000, not 0" },
        { "chapters.0.quizzes.tools.0.kind", "\"paint\"", "chapters[0].quizzes.tools[0].kind: unknown kind 'paint'" },
        { "course", "null", "course: missing" },
        { "formatVersion", "0", "formatVersion: this package is format version 0" },
        { "chapters", "[" + string.Join(",", Enumerable.Repeat("null", 201)) + "]", "chapters: more than 200 entries" },
        { "chapters.0.versions.0.script", string.Concat(Enumerable.Repeat("[", 40)) + string.Concat(Enumerable.Repeat("]", 40)), "line 1" },
    };

    [Theory]
    [MemberData(nameof(PackageCases))]
    public void A_package_field_past_its_bound_is_refused_with_its_field(string path, string json, string expected)
    {
        var package = With(ImporterFuzz.SeedPackage(), path, json);

        var refused = Assert.Throws<CoursePackageException>(() => CoursePackages.Read(package));

        Assert.Contains(refused.Problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_seed_package_is_read_whole()
    {
        var package = CoursePackages.Read(ImporterFuzz.SeedPackage());

        Assert.Equal(4, package.Chapters[0].Quizzes.Quizzes.Count);
    }

    [Fact]
    public void A_package_of_many_problems_lists_the_first_hundred_and_counts_the_rest()
    {
        var script = string.Join("\n", Enumerable.Repeat("<b>", 150));
        var package = ImporterFuzz.SeedPackage();
        for (var i = 0; i < 3; i++)
        {
            package = With(package, $"chapters.{i}", JsonNode.Parse(package)!["chapters"]![0]!.ToJsonString());
            package = With(package, $"chapters.{i}.number", $"{i + 1}");
            package = With(package, $"chapters.{i}.slug", $"\"c{i}\"");
            package = With(package, $"chapters.{i}.script", JsonString(script));
        }

        var refused = Assert.Throws<CoursePackageException>(() => CoursePackages.Read(package));

        Assert.Equal(CoursePackages.MaxProblems + 1, refused.Problems.Count);
        Assert.Matches(@"^and \d+ more problems$", refused.Problems[^1]);
    }

    [Fact]
    public void Nesting_past_the_limit_is_refused_with_its_line_not_a_stack_overflow()
    {
        // Nested in a property the package does not have: the reader still goes through it.
        var deep = "{\"format\": \"course-package\", \"notes\": " + string.Concat(Enumerable.Repeat("[", 100_000));

        var refused = Assert.Throws<CoursePackageException>(() => CoursePackages.Read(deep));

        Assert.Matches(@"^line 1, column \d+: not a course package .*depth", Assert.Single(refused.Problems));
    }

    public static TheoryData<string, string, string> QuizFileCases => new()
    {
        { "quizzes.0.questions.1.body.tolerance", ThirtyDigits, "line 1" },
        { "quizzes.0.questions.1.body.tolerance", "-1e20", "quizzes[0].questions[1].body.tolerance: the number is beyond" },
        { "quizzes.0.questions.0.prompt", JsonString(new string('x', 2001)), "quizzes[0].questions[0].prompt: longer than 2000 characters" },
        { "quizzes.0.questions.0.id", "\"\"", "quizzes[0].questions[0].id: a question needs an id" },
        { "quizzes.0.slug", "\"No Vale\"", "quizzes[0].slug: 'No Vale' is not a slug" },
        { "quizzes.0.questions", "[" + string.Join(",", Enumerable.Repeat("null", 201)) + "]", "quizzes[0].questions: more than 200 entries" },
        { "tools.0.sample", JsonString(new string('x', 10_001)), "tools[0].sample: longer than 10000 characters" },
        { "quizzes", "null", "quizzes: missing" },
    };

    [Theory]
    [MemberData(nameof(QuizFileCases))]
    public void A_quiz_file_field_past_its_bound_is_refused_with_its_field(string path, string json, string expected)
    {
        var file = With(ImporterFuzz.SeedQuizzes(), path, json);

        var refused = Assert.Throws<QuizFileException>(() => QuizBankFile.Read(file));

        Assert.Contains(refused.Problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    private static string JsonString(string text) => FuzzInputs.JsonString(text);

    /// <summary>The JSON with the value at a dotted path (indices for arrays) replaced by raw JSON text, written on one line.</summary>
    private static string With(string json, string path, string raw)
    {
        var root = JsonNode.Parse(json)!;
        var parts = path.Split('.');
        var parent = root;
        foreach (var part in parts[..^1])
        {
            parent = int.TryParse(part, out var index) ? parent[index]! : parent[part]!;
        }

        var text = root.ToJsonString();
        const string marker = "\"__REPLACED__\"";
        if (int.TryParse(parts[^1], out var last))
        {
            var array = parent.AsArray();
            if (last >= array.Count)
            {
                array.Add(JsonValue.Create("__REPLACED__"));
            }
            else
            {
                array[last] = JsonValue.Create("__REPLACED__");
            }
        }
        else
        {
            parent[parts[^1]] = JsonValue.Create("__REPLACED__");
        }

        text = root.ToJsonString();
        return text.Replace(marker, raw, StringComparison.Ordinal);
    }
}
