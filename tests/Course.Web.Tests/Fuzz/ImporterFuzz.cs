using System.Diagnostics;
using Course.Core.Authoring;
using Course.Core.Quizzes;
using Course.Core.Scripts;
using Course.Web.Data;
using Course.Web.Quizzes;
using Course.Web.Studio;
using CsCheck;

namespace Course.Fuzzing;

/// <summary>
/// One importer under fuzz: its inputs, and what it does with one. <see cref="Run"/> answers whether the input was
/// accepted; a refusal is its coded error, caught here; any other exception escapes, and is what the fuzz looks for.
/// </summary>
public sealed record Importer(string Name, Gen<string> Inputs, Func<string, bool> Run);

/// <summary>What a run of one importer found (docs/reliability.md, "Bad input").</summary>
/// <param name="MaxOwnMilliseconds">
/// The slowest input's own time: every input over <see cref="ImporterFuzz.RetimeOverMilliseconds"/> is run three more
/// times and counts its fastest, so a stall of a busy machine (another process on the core, a collection) is not
/// taken for the input's cost. <see cref="MaxMilliseconds"/> is the slowest first run, stalls included.
/// </param>
public sealed record FuzzReport(string Importer, int Inputs, int Accepted, int Refused, int Failed, IReadOnlyList<(string Input, Exception Error)> Failures,
    double MaxMilliseconds, double P99Milliseconds, string Slowest, double MaxOwnMilliseconds, int Retimed);

public static class ImporterFuzz
{
    public const double RetimeOverMilliseconds = 100;

    private static string SeedFolder => Path.Combine(AppContext.BaseDirectory, "Seed");

    public static string SeedScript() => File.ReadAllText(Path.Combine(SeedFolder, "chapter-01-foundation-models.es.txt"));

    public static string SeedQuizzes() => File.ReadAllText(Path.Combine(SeedFolder, "chapter-01-foundation-models.quizzes.es.json"));

    public static string SeedMarkdown() => MarkdownChapterWriter.Write(ScriptParser.Parse(SeedScript()).GetScriptOrThrow());

    /// <summary>The seed course as a package: its chapter published, a draft, a version and its quizzes.</summary>
    public static string SeedPackage()
    {
        var script = SeedScript();
        var chapter = new PackageChapter(1, "foundation-models", "Foundation Models", "es", "Una introducción", ChapterStatus.Published,
            script, script + "\n\nUna línea más <break time=\"1s\"/>",
            [new PackageVersion(1, "ana@example.com", new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero), script)],
            QuizBankFile.Read(SeedQuizzes()));
        return CoursePackages.Write(new CoursePackage(CoursePackage.FormatName, CoursePackage.WithoutClipsVersion,
            new PackageCourse("ai-engineering", "Ingeniería de IA", "es", null), [chapter]));
    }

    /// <summary>The four importers, each fed half mutations of its seed and half generated inputs.</summary>
    public static IReadOnlyList<Importer> All()
    {
        var script = SeedScript();
        var markdown = SeedMarkdown();
        var package = SeedPackage();
        var quizzes = SeedQuizzes();
        return
        [
            new("script", Gen.OneOf(FuzzInputs.Mutated(script), FuzzInputs.Script), ReadScript),
            new("markdown", Gen.OneOf(FuzzInputs.Mutated(markdown), FuzzInputs.Markdown), ReadMarkdown),
            new("course-package", Gen.Frequency((5, FuzzInputs.Mutated(package)), (4, FuzzInputs.Package), (1, FuzzInputs.DeepJson)), ReadPackage),
            new("quiz-file", Gen.Frequency((5, FuzzInputs.Mutated(quizzes)), (4, FuzzInputs.QuizBank), (1, FuzzInputs.JsonValue), (1, FuzzInputs.DeepJson)), ReadQuizzes),
        ];
    }

    /// <summary>As the studio's import and the command line read a script: from its bytes, then written back.</summary>
    private static bool ReadScript(string input)
    {
        var result = ScriptParser.Parse(System.Text.Encoding.UTF8.GetBytes(input));
        if (result.Script is { } parsed)
        {
            ScriptWriter.Write(parsed);
        }

        return Checked(result);
    }

    private static bool ReadMarkdown(string input)
    {
        var result = MarkdownChapterReader.Read(System.Text.Encoding.UTF8.GetBytes(input));
        if (result.Script is { } parsed)
        {
            ScriptWriter.Write(parsed);
        }

        return Checked(result);
    }

    /// <summary>A refusal has at least one problem, each at a line and column within the input.</summary>
    private static bool Checked(ScriptParseResult result)
    {
        if (result.Succeeded != (result.Errors.Count == 0) || result.Errors.Any(e => e.Line < 1 || e.Column < 1 || e.Code is null))
        {
            throw new InvalidOperationException("a refusal without a coded problem at a place: " + string.Join("; ", result.Errors));
        }

        return result.Succeeded;
    }

    private static bool ReadPackage(string input)
    {
        try
        {
            CoursePackages.Read(input);
            return true;
        }
        catch (CoursePackageException e) when (e.Problems.Count > 0)
        {
            return false;
        }
    }

    /// <summary>As the importer reads a quiz file: the file, then every question judged.</summary>
    private static bool ReadQuizzes(string input)
    {
        try
        {
            var bank = QuizBankFile.Read(input);
            foreach (var question in bank.Quizzes.SelectMany(q => q.Questions))
            {
                QuestionValidator.Check(new Question(question.Id, question.Prompt, question.Explanation, null, question.Body));
            }

            return true;
        }
        catch (QuizFileException e) when (e.Problems.Count > 0)
        {
            return false;
        }
    }

    /// <summary>Feeds <paramref name="count"/> inputs to an importer, timing each; failures are kept, not thrown.</summary>
    public static FuzzReport Run(Importer importer, int count, ulong seed, int keepFailures = 10)
    {
        var pcg = new PCG(1, seed);
        var failures = new List<(string, Exception)>();
        var ticks = new long[count];
        var accepted = 0;
        var failed = 0;
        var slowest = "";
        var slowestTicks = -1L;
        var ownTicks = new long[count];
        var retimed = 0;
        var retimeOver = (long)(RetimeOverMilliseconds * Stopwatch.Frequency / 1000);
        var timer = new Stopwatch();
        for (var i = 0; i < count; i++)
        {
            var input = importer.Inputs.Generate(pcg, null, out _);
            timer.Restart();
            try
            {
                accepted += importer.Run(input) ? 1 : 0;
            }
            catch (Exception e)
            {
                failed++;
                if (failures.Count < keepFailures)
                {
                    failures.Add((input, e));
                }
            }

            ticks[i] = ownTicks[i] = timer.ElapsedTicks;
            if (ticks[i] > retimeOver)
            {
                retimed++;
                for (var again = 0; again < 3; again++)
                {
                    timer.Restart();
                    try
                    {
                        importer.Run(input);
                    }
                    catch (Exception)
                    {
                        // counted above
                    }

                    ownTicks[i] = Math.Min(ownTicks[i], timer.ElapsedTicks);
                }
            }

            if (ticks[i] > slowestTicks)
            {
                (slowestTicks, slowest) = (ticks[i], input);
            }
        }

        var ordered = ticks.Order().ToArray();
        double Milliseconds(long t) => t * 1000.0 / Stopwatch.Frequency;
        return new FuzzReport(importer.Name, count, accepted, count - accepted - failed, failed, failures,
            Milliseconds(ordered[^1]), Milliseconds(ordered[(int)Math.Min(ordered.Length - 1, Math.Ceiling(ordered.Length * 0.99) - 1)]), slowest,
            Milliseconds(ownTicks.Max()), retimed);
    }
}
