using System.Net;
using Course.Web.Cli;
using Course.Web.Data;
using Course.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Cli;

/// <summary>The operator commands against their own database, since they change it.</summary>
public sealed class OperatorCommandTests : IDisposable
{
    private readonly CourseAppFactory app = new();
    private readonly string folder = Directory.CreateTempSubdirectory("course-cli-").FullName;

    public void Dispose()
    {
        app.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await OperatorCommands.RunAsync(app.Services, args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private string File(string name, string content)
    {
        var path = Path.Combine(folder, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    private async Task<int> CountRows()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        return await db.Courses.CountAsync() + await db.Chapters.CountAsync() + await db.Slides.CountAsync() + await db.Segments.CountAsync();
    }

    [Fact]
    public async Task A_reset_link_from_the_command_line_sets_a_new_password_once()
    {
        // Where the site sends no e-mail, Forgot password says to ask an instructor; this is what they can do.
        await SignedInClient.CreateUserAsync(app, "ana@example.com");

        var (exit, output, error) = await Run("users", "reset-link", "ana@example.com", "--site", app.BaseAddress.ToString());

        Assert.Equal((OperatorCommands.Ok, ""), (exit, error));
        var link = new Uri(output.Trim());
        Assert.Equal((app.BaseAddress.Authority, "/account/reset-password"), (link.Authority, link.AbsolutePath));
        using var reset = await SignedInClient.PostFormAsync(SignedInClient.Anonymous(app), link.PathAndQuery,
            new() { ["Input.Password"] = "otra-clave-larga", ["Input.ConfirmPassword"] = "otra-clave-larga" });
        Assert.Contains("Your password has been changed.", await reset.Content.ReadAsStringAsync());
        await SignedInClient.SignInAsync(app, "ana@example.com", "otra-clave-larga");
        using var again = await SignedInClient.PostFormAsync(SignedInClient.Anonymous(app), link.PathAndQuery,
            new() { ["Input.Password"] = "tercera-clave-larga", ["Input.ConfirmPassword"] = "tercera-clave-larga" });
        Assert.Contains("This link is not valid any more", await again.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(OperatorCommands.NotFound, "users", "reset-link", "nadie@example.com", "--site", "https://course.example.org")]
    [InlineData(OperatorCommands.UsageError, "users", "reset-link", "ana@example.com")]
    [InlineData(OperatorCommands.UsageError, "users", "reset-link", "ana@example.com", "--site", "course.example.org")]
    [InlineData(OperatorCommands.UsageError, "users", "reset-link", "ana@example.com", "--site", "javascript:alert(1)")]
    public async Task A_reset_link_needs_an_account_and_the_site_address(int expected, params string[] args)
    {
        await SignedInClient.CreateUserAsync(app, "ana@example.com");

        var (exit, output, error) = await Run(args);

        Assert.Equal(expected, exit);
        Assert.Equal("", output);
        Assert.NotEmpty(error);
    }

    [Fact]
    public async Task Import_stores_a_published_chapter_that_the_api_then_serves_unchanged()
    {
        var script = "---\ntitle: Tokens a fondo\nlanguage: es\n---\n\nUn token <break time=\"1s\"/>\n- uno <break time=\"500ms\"/>\n\nFin";
        var path = File("tokens.txt", script);

        var (exit, output, error) = await Run("import", path, "--course", "ai-engineering", "--publish");

        Assert.Equal((OperatorCommands.Ok, ""), (exit, error));
        Assert.Contains("Imported chapter 2 'Tokens a fondo' as ai-engineering/tokens-a-fondo (published): 2 slides, 3 segments, 1.5 s of pauses.", output);
        var served = await app.CreateHttpClient().GetStringAsync("/api/courses/ai-engineering/chapters/tokens-a-fondo/script");
        Assert.Equal("Un token <break time=\"1s\"/>\n- uno <break time=\"500ms\"/>\n\nFin", served);
    }

    [Fact]
    public async Task Imported_draft_is_invisible_to_anonymous_callers()
    {
        var path = File("draft.txt", "Borrador <break/>");

        var (exit, output, _) = await Run("import", path, "--course", "ai-engineering", "--title", "Borrador", "--slug", "borrador");

        Assert.Equal(OperatorCommands.Ok, exit);
        Assert.Contains("(draft)", output);
        using var response = await app.CreateHttpClient().GetAsync("/api/courses/ai-engineering/chapters/borrador");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Import_of_a_bad_script_lists_every_error_and_stores_nothing()
    {
        var path = File("bad.txt", "Hola <break time=\"abc\"/>\n\nAdiós <b>x</b> <break time=\"20s\"/>");
        var before = await CountRows();

        var (exit, output, error) = await Run("import", path, "--course", "ai-engineering", "--title", "Malo");

        Assert.Equal(OperatorCommands.InvalidInput, exit);
        Assert.Equal("", output);
        Assert.Contains($"{path}:1:19: break time 'abc' is not a number with a unit", error);
        Assert.Contains($"{path}:3:7: unknown tag <b>", error);
        Assert.Contains($"{path}:3:11: unknown tag </b>", error);
        Assert.Contains($"{path}:3:29: break time '20s' is over the maximum of 10s", error);
        Assert.Contains("4 error(s); nothing was imported.", error);
        Assert.Equal(before, await CountRows());
    }

    [Fact]
    public async Task Import_refuses_a_slug_that_exists_and_keeps_the_stored_chapter()
    {
        var path = File("again.txt", "Otra cosa");
        var before = await app.CreateHttpClient().GetByteArrayAsync("/api/courses/ai-engineering/chapters/foundation-models/script");

        var (exit, _, error) = await Run("import", path, "--course", "ai-engineering", "--title", "X", "--slug", "foundation-models", "--publish");

        Assert.Equal(OperatorCommands.InvalidInput, exit);
        Assert.Contains("course 'ai-engineering' already has a chapter 'foundation-models'", error);
        Assert.Equal(before, await app.CreateHttpClient().GetByteArrayAsync("/api/courses/ai-engineering/chapters/foundation-models/script"));
    }

    [Fact]
    public async Task Import_into_a_new_course_needs_its_title()
    {
        var path = File("new.txt", "Hola");

        var (exit, _, error) = await Run("import", path, "--course", "nuevo", "--title", "Uno");
        Assert.Equal(OperatorCommands.InvalidInput, exit);
        Assert.Contains("there is no course 'nuevo': create it by giving its title with --course-title", error);

        (exit, _, _) = await Run("import", path, "--course", "nuevo", "--title", "Uno", "--course-title", "Curso nuevo", "--language", "es", "--publish");
        Assert.Equal(OperatorCommands.Ok, exit);
        Assert.Contains("Curso nuevo", await app.CreateHttpClient().GetStringAsync("/api/courses"));
    }

    [Theory]
    [InlineData(new[] { "import" }, "error: import needs a <file>")]
    [InlineData(new[] { "import", "x.txt" }, "error: import needs --course <value>")]
    [InlineData(new[] { "import", "x.txt", "--course" }, "error: --course needs a value")]
    [InlineData(new[] { "import", "x.txt", "--course", "a", "--colour", "red" }, "error: import does not take --colour")]
    [InlineData(new[] { "export", "ai-engineering" }, "error: export needs a <chapter>")]
    [InlineData(new[] { "export", "ai-engineering", "foundation-models", "--format", "pdf" }, "error: unknown format 'pdf': use script, ssml, json or vtt")]
    public async Task Usage_errors_say_what_is_missing(string[] args, string expected)
    {
        var (exit, _, error) = await Run(args);

        Assert.Equal(OperatorCommands.UsageError, exit);
        Assert.StartsWith(expected, error);
        Assert.Contains("Usage:", error);
    }

    [Fact]
    public async Task Import_of_a_thirty_digit_break_time_says_where_and_stores_nothing()
    {
        var path = File("enorme.txt", "Hola <break time=\"1s\"/>\n\nAdiós <break time=\"999999999999999999999999999999s\"/>");
        var before = await CountRows();

        var (exit, output, error) = await Run("import", path, "--course", "ai-engineering", "--title", "Enorme");

        Assert.Equal((OperatorCommands.InvalidInput, ""), (exit, output));
        Assert.Equal($"{path}:3:20: break time '999999999999999999999999999999s' is over the maximum of 10s\n1 error(s); nothing was imported.\n",
            error.ReplaceLineEndings("\n"));
        Assert.Equal(before, await CountRows());
    }

    /// <summary>The command as an operator runs it: the app's own binary, in a process of its own, on a fresh database.</summary>
    [Fact]
    public async Task The_import_command_prints_file_line_column_and_exits_1_for_a_thirty_digit_break_time()
    {
        var path = File("enorme.txt", "Hola <break time=\"999999999999999999999999999999s\"/>");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Course.Web.dll"), "import", path, "--course", "ai-engineering", "--title", "Enorme" },
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["Database__DataDirectory"] = Directory.CreateDirectory(Path.Combine(folder, "data")).FullName, ["DOTNET_ENVIRONMENT"] = "Development" },
        };

        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(OperatorCommands.InvalidInput, process.ExitCode);
        Assert.Contains($"{path}:1:19: break time '999999999999999999999999999999s' is over the maximum of 10s", await stderr);
        Assert.DoesNotContain("Exception", await stderr + await stdout);
        Assert.DoesNotContain("Imported", await stdout);
    }

    [Fact]
    public async Task Import_of_a_missing_file_is_not_found()
    {
        var (exit, _, error) = await Run("import", Path.Combine(folder, "nope.txt"), "--course", "ai-engineering");

        Assert.Equal(OperatorCommands.NotFound, exit);
        Assert.Contains("nope.txt: no such file", error);
    }

    [Theory]
    [InlineData("script", "¡Hola! Hoy vamos")]
    [InlineData("ssml", "<speak version=\"1.0\" xml:lang=\"es\"")]
    [InlineData("json", "\"slideCount\": 73")]
    public async Task Export_writes_the_chapter_in_each_format(string format, string expected)
    {
        var (exit, output, _) = await Run("export", "ai-engineering", "foundation-models", "--format", format);

        Assert.Equal(OperatorCommands.Ok, exit);
        Assert.Contains(expected, output);
    }

    [Fact]
    public async Task Export_to_a_file_gives_the_seed_bytes()
    {
        var path = Path.Combine(folder, "out.txt");

        var (exit, _, _) = await Run("export", "ai-engineering", "foundation-models", "--output", path);

        Assert.Equal(OperatorCommands.Ok, exit);
        Assert.Equal(SeedFile.Bytes(), await System.IO.File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task Export_of_an_unknown_chapter_is_not_found()
    {
        var (exit, _, error) = await Run("export", "ai-engineering", "nope");

        Assert.Equal(OperatorCommands.NotFound, exit);
        Assert.Contains("there is no published chapter 'nope' in course 'ai-engineering'", error);
    }
}
