using Course.Fuzzing;

namespace Course.Web.Tests.Fuzz;

/// <summary>
/// The short share of the importers' fuzz run (the long one, a million inputs each, is
/// <c>dotnet run -c Release --project tests/Course.Benchmarks -- fuzz</c>, recorded in docs/reliability.md): whatever the
/// input, each importer accepts it or refuses it with its coded error, never another exception.
/// </summary>
public class ImporterFuzzTests
{
    private const int InputsPerImporter = 2_000;

    public static TheoryData<string> Importers => new(ImporterFuzz.All().Select(i => i.Name));

    [Theory]
    [MemberData(nameof(Importers))]
    public void Any_input_is_accepted_or_refused_with_a_coded_error(string name)
    {
        var importer = ImporterFuzz.All().Single(i => i.Name == name);

        var seed = (ulong)Random.Shared.NextInt64();
        var report = ImporterFuzz.Run(importer, InputsPerImporter, seed);

        Assert.True(report.Failed == 0, $"{report.Failed} of {report.Inputs} inputs threw (seed {seed}: fuzz --importer {name} --seed {seed} --count {InputsPerImporter} repeats it); the first: "
            + string.Join("\n---\n", report.Failures.Take(3).Select(f => $"{f.Error}\ninput ({f.Input.Length} chars): {Cut(f.Input)}")));
        Assert.True(report.Refused > 0, "no input was refused: the generators no longer reach the errors");
    }

    [Theory]
    [InlineData("script")]
    [InlineData("markdown")]
    [InlineData("course-package")]
    [InlineData("quiz-file")]
    public void The_unmutated_seed_is_accepted(string name)
    {
        var importer = ImporterFuzz.All().Single(i => i.Name == name);
        var seed = name switch
        {
            "script" => ImporterFuzz.SeedScript(),
            "markdown" => ImporterFuzz.SeedMarkdown(),
            "course-package" => ImporterFuzz.SeedPackage(),
            _ => ImporterFuzz.SeedQuizzes(),
        };

        Assert.True(importer.Run(seed));
    }

    private static string Cut(string input) => input.Length <= 2_000 ? input : input[..2_000] + "…";
}
