using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Course.Web.Cli;
using Course.Web.Tests.Infrastructure;

namespace Course.Web.Tests.Cli;

/// <summary>
/// The operator commands run as a shell user runs them: the published app, its standard output (the document,
/// byte for byte) apart from its standard error (logs and errors), in Development (plain console logs) and
/// Production (JSON console logs).
/// </summary>
[Collection(PublishedAppCollection.Name)]
public sealed class PublishedCommandTests(PublishedApp app)
{
    private const string Course = "ai-engineering";
    private const string Chapter = "foundation-models";

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task Export_piped_to_a_file_is_the_seed_byte_for_byte_with_nothing_on_stderr(string environment)
    {
        var run = await app.RunAsync(environment, "export", Course, Chapter);

        Assert.True(run.Exit == OperatorCommands.Ok, $"{run.Provider}: exit {run.Exit}\n{run.Error}");
        Assert.Equal(SeedFile.Bytes(), run.OutputBytes);
        Assert.Equal("", ErrorApartFromEfHistoryProbe(run));
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task Verbose_writes_the_migration_log_on_stderr_and_leaves_stdout_the_seed(string environment)
    {
        var run = await app.RunAsync(environment, "export", Course, Chapter, "--verbose");

        Assert.True(run.Exit == OperatorCommands.Ok, $"{run.Provider}: exit {run.Exit}\n{run.Error}");
        Assert.Equal(SeedFile.Bytes(), run.OutputBytes);
        Assert.Contains("Applying migration", run.Error);
        Assert.Contains("Seeded course ai-engineering with chapter foundation-models (73 slides)", run.Error);
        if (environment == "Production")
        {
            // The JSON formatter's lines, one object per line, all of them on stderr.
            var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
            Assert.Contains(lines, line => line.GetProperty("Category").GetString() == "Microsoft.EntityFrameworkCore.Migrations"
                && line.GetProperty("Message").GetString()!.StartsWith("Applying migration", StringComparison.Ordinal));
        }
        else
        {
            Assert.Contains("info: Microsoft.EntityFrameworkCore.Migrations", run.Error);
        }
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task Json_export_has_all_73_slides_with_their_segments(string environment)
    {
        var run = await app.RunAsync(environment, "export", Course, Chapter, "--format", "json");

        Assert.True(run.Exit == OperatorCommands.Ok, $"{run.Provider}: exit {run.Exit}\n{run.Error}");
        Assert.Equal("", ErrorApartFromEfHistoryProbe(run));
        using var document = JsonDocument.Parse(run.OutputBytes);
        var chapter = document.RootElement;
        Assert.Equal(Chapter, chapter.GetProperty("slug").GetString());
        var slides = chapter.GetProperty("slides").EnumerateArray().ToList();
        Assert.Equal(73, slides.Count);
        Assert.Equal(73, chapter.GetProperty("slideCount").GetInt32());
        Assert.Equal(Enumerable.Range(1, 73), slides.Select(s => s.GetProperty("number").GetInt32()));
        Assert.All(slides, slide =>
        {
            var segments = slide.GetProperty("segments").EnumerateArray().ToList();
            Assert.NotEmpty(segments);
            Assert.All(segments, segment => Assert.False(string.IsNullOrWhiteSpace(segment.GetProperty("text").GetString())));
        });
        Assert.Equal(chapter.GetProperty("segmentCount").GetInt32(), slides.Sum(s => s.GetProperty("segments").GetArrayLength()));
        Assert.Equal("¡Hola! Hoy vamos a hablar sobre cómo desarrollar software con Foundation Models",
            slides[0].GetProperty("segments")[0].GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task Ssml_export_is_an_xml_document(string environment)
    {
        var run = await app.RunAsync(environment, "export", Course, Chapter, "--format", "ssml");

        Assert.True(run.Exit == OperatorCommands.Ok, $"{run.Provider}: exit {run.Exit}\n{run.Error}");
        Assert.Equal("", ErrorApartFromEfHistoryProbe(run));
        var ssml = XDocument.Parse(run.Output);
        XNamespace speech = "http://www.w3.org/2001/10/synthesis";
        Assert.Equal(speech + "speak", ssml.Root!.Name);
        Assert.Equal("es", ssml.Root.Attribute(XNamespace.Xml + "lang")?.Value);
        Assert.Contains("Foundation Models", ssml.Root.Value);
    }

    [Fact]
    public async Task Vtt_export_is_the_file_the_captions_address_serves()
    {
        var run = await app.RunAsync("Production", "export", Course, Chapter, "--format", "vtt");

        Assert.True(run.Exit == OperatorCommands.Ok, $"{run.Provider}: exit {run.Exit}\n{run.Error}");
        Assert.Equal("", ErrorApartFromEfHistoryProbe(run));
        await using var server = new CourseAppFactory();
        using var client = server.CreateHttpClient();
        var served = await client.GetByteArrayAsync($"/api/courses/{Course}/chapters/{Chapter}/captions.vtt");
        Assert.Equal(served, run.OutputBytes);
        Assert.StartsWith("WEBVTT\n\n1-1\n", run.Output);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task Export_of_an_unknown_chapter_exits_3_with_the_reason_on_stderr_and_nothing_on_stdout(string environment)
    {
        var run = await app.RunAsync(environment, "export", Course, "nope");

        Assert.Equal(OperatorCommands.NotFound, run.Exit);
        Assert.Empty(run.OutputBytes);
        Assert.Equal("error: there is no published chapter 'nope' in course 'ai-engineering'\n", ErrorApartFromEfHistoryProbe(run));
    }

    /// <summary>
    /// Every command, with --verbose and JSON logs (Production): its standard output is its result and nothing
    /// else, while standard error has the log lines or the reason for the exit code. {script} stands for a small
    /// narration script.
    /// </summary>
    [Theory]
    [InlineData(0, @"^Usage:\n(.|\n)*--verbose(.|\n)*Exit codes:[^\n]*\n$", "", "help")]
    [InlineData(0, @"^The database is up to date \([\w.]+, \d+ migrations applied\)\.\n$", "Applying migration", "migrate")]
    [InlineData(0, @"^Imported chapter 2 'Tokens' as ai-engineering/tokens \(published\): 1 slides, 1 segments, 1 s of pauses\.\n$", "Applying migration",
        "import", "{script}", "--course", Course, "--title", "Tokens", "--publish")]
    [InlineData(3, "^$", "error: there is no account with the e-mail 'nobody@example.com'", "users", "promote", "nobody@example.com")]
    [InlineData(0, @"^Would remove 0 clips \(0\.0 MB\) that no draft or version uses, stored more than 168 hours ago\.\n$", "Applying migration", "clips", "prune", "--dry-run")]
    [InlineData(2, "^$", "error: --older-than takes whole hours from 1 to 87600; it is 'soon'", "clips", "prune", "--older-than", "soon")]
    [InlineData(1, "^$", "http://127.0.0.1:1/health/ready: ", "healthcheck", "http://127.0.0.1:1/health/ready")]
    [InlineData(1, "^$", "/nonexistent/course.db: no such file", "migrate-data", "--from", "sqlite:/nonexistent/course.db", "--to", "sqlite:/nonexistent/copy.db")]
    public async Task Every_command_writes_only_its_result_on_stdout_even_when_verbose(int exit, string stdout, string stderr, params string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("course-published-script-").FullName;
        var script = Path.Combine(folder, "tokens.txt");
        await File.WriteAllTextAsync(script, "Un token <break time=\"1s\"/>");

        var run = await app.RunAsync("Production", [.. args.Select(a => a == "{script}" ? script : a), "--verbose"]);
        Directory.Delete(folder, recursive: true);

        Assert.True(run.Exit == exit, $"{run.Provider}: exit {run.Exit}\n{run.Error}");
        Assert.Matches(new Regex(stdout), run.Output);
        Assert.Contains(stderr, run.Error);
    }

    /// <summary>
    /// Standard error without the one entry EF Core logs on PostgreSQL when it first looks for the migrations
    /// history of an empty database: a failed SELECT logged as an Error although the migration then succeeds
    /// (npgsql/efcore.pg#3407, dotnet/efcore#37328). Every run here starts on an empty database, so on
    /// PostgreSQL that entry is expected; nothing else is. On SQLite standard error is taken whole.
    /// </summary>
    private static string ErrorApartFromEfHistoryProbe(CommandRun run)
    {
        if (run.Provider != "PostgreSQL")
        {
            return run.Error;
        }

        // An entry starts at a line that does not start with a space: a JSON object, or "fail: …" and its indented lines.
        var entries = Regex.Split(run.Error, @"(?m)^(?=\S)");
        return string.Concat(entries.Where(entry =>
            !(entry.Contains("EntityFrameworkCore.Database.Command", StringComparison.Ordinal) && entry.Contains("20102", StringComparison.Ordinal)
              && entry.Contains("__EFMigrationsHistory", StringComparison.Ordinal))));
    }
}
