using System.Text.Json;
using Course.Core.Scripts;
using Course.Web.Catalog;
using Course.Web.Chapters;
using Course.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Course.Web.Cli;

/// <summary>
/// Commands operators run with the same binary as the site, e.g.
/// <c>dotnet run --project src/Course.Web -- import chapter.txt --course ai-engineering</c>.
/// </summary>
public static class OperatorCommands
{
    public const int Ok = 0;
    public const int InvalidInput = 1;
    public const int UsageError = 2;
    public const int NotFound = 3;

    private static readonly string[] Names = ["migrate", "import", "export", "users", "clips", "help", "--help"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Names.Contains(args[0]);

    /// <summary><c>migrate</c> applies migrations and seeds even where startup migration is switched off.</summary>
    public static bool IsMigrate(string[] args) => args is ["migrate", ..];

    /// <summary><c>help</c> needs no database, so it answers at once.</summary>
    public static bool IsHelp(string[] args) => args is ["help" or "--help", ..];

    public const string Usage = """
        Usage:
          migrate
              Applies database migrations and seeds the first course, then exits. Run it once per
              deployment when the app instances start with Database:MigrateOnStartup=false.
          migrate-data --from sqlite:<file> --to postgres:<connection string>
              Copies a whole database into an empty one (any direction between sqlite: and postgres:),
              then checks every table's row count and checksum.
          healthcheck [url]
              Exits 0 when url (default http://127.0.0.1:8080/health/ready) answers 2xx, else 1.

          import <file> --course <slug> [--title <title>] [--language <tag>] [--slug <slug>]
                        [--description <text>] [--course-title <title>] [--publish]
              Imports a narration script (docs/script-format.md) as a new chapter; a draft unless --publish.
              Creates the course when --course-title is given and it does not exist yet.
          export <course> <chapter> [--format script|ssml|json|vtt] [--front-matter] [--output <file>]
              Writes a published chapter to standard output or a file.

          users promote <email>
              Makes an existing account an instructor.
          users reset-link <email> --site <address>
              Prints a one-time link that lets the account choose a new password, for when the site sends
              no e-mail: give it to the person. <address> is the site as learners open it, e.g.
              https://course.example.org. The link works once, and stops working when the password changes.

          clips prune [--older-than <hours>] [--dry-run]
              Removes recorded clips that no line of any chapter's draft or version uses and that were
              stored more than <hours> ago (default 168, a week; 1 to 87600): re-recorded or deleted lines,
              trimmed originals. --dry-run only counts them.

        Every command takes --verbose. Standard output carries only the command's result (the exported
        chapter, one line saying what was done, this text); errors and log lines go to standard error:
        warnings and errors only, or with --verbose every line the app's log levels let through
        (Information by default, e.g. each migration applied).

        Exit codes: 0 done, 1 invalid input (nothing was stored), 2 usage error, 3 not found.
        """;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            var command = CommandLine.Parse(args);
            await using var scope = services.CreateAsyncScope();
            return command.Name switch
            {
                "migrate" => await MigratedAsync(scope.ServiceProvider, output),
                "import" => await ImportAsync(scope.ServiceProvider, command, output, error),
                "export" => await ExportAsync(scope.ServiceProvider, command, output, error),
                "users" => await UsersAsync(scope.ServiceProvider, command, output, error),
                "clips" => await ClipsAsync(scope.ServiceProvider, command, output),
                _ => Help(output),
            };
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            await error.WriteLineAsync(Usage);
            return UsageError;
        }
    }

    private static async Task<int> MigratedAsync(IServiceProvider services, TextWriter output)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        var applied = (await db.Database.GetAppliedMigrationsAsync()).Count();
        await output.WriteLineAsync($"The database is up to date ({db.Database.ProviderName}, {applied} migrations applied).");
        return Ok;
    }

    public static int Help(TextWriter output)
    {
        output.WriteLine(Usage);
        return Ok;
    }

    private static async Task<int> ImportAsync(IServiceProvider services, CommandLine command, TextWriter output, TextWriter error)
    {
        var file = command.Positional(0, "file");
        var course = command.Required("course");
        command.OnlyOptions("course", "title", "language", "slug", "description", "course-title", "publish");
        if (!File.Exists(file))
        {
            await error.WriteLineAsync($"error: {file}: no such file");
            return NotFound;
        }

        if (new FileInfo(file).Length > Studio.StudioEndpoints.MaxScriptBytes)
        {
            await error.WriteLineAsync($"{file}: the file is larger than {Studio.StudioEndpoints.MaxScriptBytes / (1024 * 1024)} MB, the limit for a chapter; nothing was imported.");
            return InvalidInput;
        }

        var parsed = ScriptParser.Parse(await File.ReadAllBytesAsync(file));
        if (!parsed.Succeeded)
        {
            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync($"{file}:{problem}");
            }

            await error.WriteLineAsync($"{parsed.Errors.Count} error(s); nothing was imported.");
            return InvalidInput;
        }

        var result = await services.GetRequiredService<ChapterImporter>().ImportAsync(new ChapterImportRequest(
            course,
            parsed.Script!,
            command.Option("title"),
            command.Option("language"),
            command.Option("slug"),
            command.Option("description"),
            command.Flag("publish"),
            command.Option("course-title")));
        if (!result.Succeeded)
        {
            foreach (var problem in result.Errors)
            {
                await error.WriteLineAsync($"error: {problem}");
            }

            await error.WriteLineAsync("Nothing was imported.");
            return InvalidInput;
        }

        var chapter = result.Chapter!;
        await output.WriteLineAsync(
            $"Imported chapter {chapter.Number} '{chapter.Title}' as {course}/{chapter.Slug} ({chapter.Status.ToString().ToLowerInvariant()}): " +
            $"{chapter.SlideCount} slides, {chapter.SegmentCount} segments, {chapter.TotalPauseMilliseconds / 1000.0:0.#} s of pauses.");
        return Ok;
    }

    private static async Task<int> UsersAsync(IServiceProvider services, CommandLine command, TextWriter output, TextWriter error)
    {
        var action = command.Positional(0, "action");
        if (action == "reset-link")
        {
            return await ResetLinkAsync(services, command, output, error);
        }

        if (action != "promote")
        {
            throw new UsageException("users takes one action: promote <email>, or reset-link <email> --site <address>");
        }

        var email = command.Positional(1, "email");
        command.OnlyOptions();
        if (!await services.GetRequiredService<Accounts.AccountSeeder>().PromoteAsync(email))
        {
            await error.WriteLineAsync($"error: there is no account with the e-mail '{email}'");
            return NotFound;
        }

        await output.WriteLineAsync($"{email} is now an instructor.");
        return Ok;
    }

    /// <summary>The grace period <c>clips prune</c> gives an unused clip by default: a week.</summary>
    public const int DefaultPruneHours = 168;

    /// <summary>The longest grace period: ten years.</summary>
    public const int MaxPruneHours = 87_600;

    private static async Task<int> ClipsAsync(IServiceProvider services, CommandLine command, TextWriter output)
    {
        if (command.Positional(0, "action") != "prune")
        {
            throw new UsageException("clips takes one action: prune [--older-than <hours>] [--dry-run]");
        }

        command.OnlyOptions("older-than", "dry-run");
        var hours = DefaultPruneHours;
        if (command.Option("older-than") is { } given
            && (!int.TryParse(given, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out hours) || hours is < 1 or > MaxPruneHours))
        {
            throw new UsageException($"--older-than takes whole hours from 1 to {MaxPruneHours}; it is '{given}'");
        }

        var dryRun = command.Flag("dry-run");
        var pruned = await services.GetRequiredService<Narration.ClipLibrary>().PruneAsync(TimeSpan.FromHours(hours), dryRun);
        var clips = pruned.Count == 1 ? "1 clip" : $"{pruned.Count} clips";
        var size = (pruned.Bytes / (1024.0 * 1024)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
        var age = hours == 1 ? "1 hour" : $"{hours} hours";
        await output.WriteLineAsync($"{(dryRun ? "Would remove" : "Removed")} {clips} ({size} MB) that no draft or version uses, stored more than {age} ago.");
        return Ok;
    }

    /// <summary>The reset link the Forgot password page would e-mail, printed for the operator to hand over.</summary>
    private static async Task<int> ResetLinkAsync(IServiceProvider services, CommandLine command, TextWriter output, TextWriter error)
    {
        var email = command.Positional(1, "email");
        var site = command.Option("site");
        command.OnlyOptions("site");
        if (site is null || !Uri.TryCreate(site, UriKind.Absolute, out var root) || root.Scheme is not ("http" or "https"))
        {
            throw new UsageException("users reset-link needs --site with the site's address, e.g. --site https://course.example.org");
        }

        var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Data.AppUser>>();
        if (await users.FindByEmailAsync(email) is not { } user)
        {
            await error.WriteLineAsync($"error: there is no account with the e-mail '{email}'");
            return NotFound;
        }

        var code = await users.GeneratePasswordResetTokenAsync(user);
        var page = new Uri(new Uri(root.ToString().TrimEnd('/') + "/"), "account/reset-password"); // keeps a path the site lives under
        await output.WriteLineAsync($"{page}?email={Uri.EscapeDataString(user.Email!)}&code={Uri.EscapeDataString(code)}");
        return Ok;
    }

    private static async Task<int> ExportAsync(IServiceProvider services, CommandLine command, TextWriter output, TextWriter error)
    {
        var course = command.Positional(0, "course");
        var chapter = command.Positional(1, "chapter");
        command.OnlyOptions("format", "front-matter", "output");
        var format = command.Option("format") ?? "script";
        if (format is not ("script" or "ssml" or "json" or "vtt"))
        {
            throw new UsageException($"unknown format '{format}': use script, ssml, json or vtt");
        }

        var reader = services.GetRequiredService<CatalogReader>();
        string? text = null;
        if (format is "json" or "vtt")
        {
            if (await reader.GetChapterAsync(course, chapter) is { } view)
            {
                // The same view and writer as GET …/captions.vtt, so both give the same file.
                text = format == "vtt"
                    ? ChapterCaptions.WebVtt(view, await services.GetRequiredService<Narration.IPublishedClips>().ForChapterAsync(view.Chapter.ChapterId))
                    : JsonSerializer.Serialize(ChapterDocument.From(view), ApiJson.Options);
            }
        }
        else if (await reader.GetScriptAsync(course, chapter) is { } found)
        {
            text = format == "ssml"
                ? SsmlWriter.Write(found.Script, found.Chapter.Language)
                : ScriptWriter.Write(found.Script, includeMetadata: command.Flag("front-matter"));
        }

        if (text is null)
        {
            await error.WriteLineAsync($"error: there is no published chapter '{chapter}' in course '{course}'");
            return NotFound;
        }

        if (command.Option("output") is { } path)
        {
            await File.WriteAllTextAsync(path, text, new System.Text.UTF8Encoding(false));
        }
        else
        {
            await output.WriteAsync(text);
            await output.FlushAsync();
        }

        return Ok;
    }
}

public sealed class UsageException(string message) : Exception(message);

/// <summary>A command name, positional arguments and --options, parsed without surprises.</summary>
internal sealed class CommandLine
{
    private readonly List<string> positional = [];
    private readonly Dictionary<string, string?> options = new(StringComparer.Ordinal);

    public required string Name { get; init; }

    private static readonly HashSet<string> Flags = ["publish", "front-matter", "dry-run"];

    public static CommandLine Parse(string[] args)
    {
        var line = new CommandLine { Name = args[0] };
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                var name = args[i][2..];
                if (Flags.Contains(name))
                {
                    line.options[name] = null;
                }
                else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    line.options[name] = args[++i];
                }
                else
                {
                    throw new UsageException($"--{name} needs a value");
                }
            }
            else
            {
                line.positional.Add(args[i]);
            }
        }

        return line;
    }

    public string Positional(int index, string what) =>
        index < positional.Count ? positional[index] : throw new UsageException($"{Name} needs a <{what}>");

    public string? PositionalOrDefault(int index) => index < positional.Count ? positional[index] : null;

    public string? Option(string name) => options.GetValueOrDefault(name);

    public string Required(string name) => Option(name) ?? throw new UsageException($"{Name} needs --{name} <value>");

    public bool Flag(string name) => options.ContainsKey(name);

    public void OnlyOptions(params string[] allowed)
    {
        if (options.Keys.FirstOrDefault(k => !allowed.Contains(k)) is { } unknown)
        {
            throw new UsageException($"{Name} does not take --{unknown}");
        }
    }
}
