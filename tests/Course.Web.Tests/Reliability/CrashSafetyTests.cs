using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Course.Web.Tests.Cli;
using Course.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Course.Web.Tests.Reliability;

/// <summary>
/// The published app, killed with SIGKILL at random moments while simulated learners (the load client, its
/// journal of what the server confirmed) play and submit quizzes and an instructor (Chromium) saves and
/// publishes the chapter they play; after each restart <see cref="CrashChecks"/> must find nothing lost.
/// CI kills 3 times a provider; <c>COURSE_CRASH_KILLS=20</c> is the recorded run (docs/reliability.md).
/// </summary>
[Collection(PublishedAppCollection.Name)]
[Trait("Category", "Crash")]
public sealed partial class CrashSafetyTests(PublishedApp app, ITestOutputHelper output)
{
    private const string Password = "crash-test-password";
    // COURSE_CRASH_PORT lets the recorded runs of both providers go side by side.
    private static readonly int Port = int.TryParse(Environment.GetEnvironmentVariable("COURSE_CRASH_PORT"), out var port) && port is > 1024 and < 65536 ? port : 5114;
    private static readonly Uri Address = new($"http://127.0.0.1:{Port}/");

    [Fact]
    public async Task Killed_at_random_moments_the_app_keeps_every_confirmed_submission_its_progress_and_a_whole_published_chapter()
    {
        var kills = int.TryParse(Environment.GetEnvironmentVariable("COURSE_CRASH_KILLS"), out var k) && k is > 0 and <= 1000 ? k : 3;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("COURSE_CRASH_SEED"), out var s) ? s : Environment.TickCount;
        var random = new Random(seed);
        var data = Directory.CreateTempSubdirectory("course-crash-").FullName;
        var postgres = CourseAppFactory.CreatePostgresDatabase();
        var settings = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = Address.ToString().TrimEnd('/'),
            ["Database__DataDirectory"] = data,
            ["Database__Provider"] = postgres is null ? null : "Postgres",
            ["ConnectionStrings__Course"] = postgres,
            ["RateLimits__AccountPostsPerMinute"] = "100000", // the learners register through the form
        };
        var checks = new CrashChecks(postgres, Path.Combine(data, "course.db"));
        var provider = postgres is null ? "SQLite" : "PostgreSQL";
        output.WriteLine($"{provider}: {kills} kills, COURSE_CRASH_SEED={seed}");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Args = ["--no-sandbox", "--disable-gpu"], Headless = true });
        Assertions.SetDefaultExpectTimeout(15_000);
        var problems = new List<string>();
        var totals = (Submissions: 0, Progress: 0, Publishes: 0);
        ServerProcess? server = null;
        Process? learners = null;
        using var stopInstructor = new CancellationTokenSource();
        try
        {
            var started = Stopwatch.StartNew();
            server = ServerProcess.Start(app.Folder, settings);
            await server.WaitReadyAsync(Address, TimeSpan.FromMinutes(2));
            output.WriteLine($"  first start (migrations, seed) ready in {started.Elapsed.TotalSeconds:0.0} s");
            var instructor = await InstructorAsync(browser, settings);
            int chapterId;
            await using (var db = checks.Open())
            {
                chapterId = await db.Chapters.Where(c => c.Slug == "foundation-models").Select(c => c.Id).SingleAsync();
            }

            var baseText = await OpenEditorAsync(instructor, chapterId);
            var journalPath = Path.Combine(data, "journal.tsv");
            var publishes = new List<ConfirmedPublish>();
            var publishing = PublishRepeatedlyAsync(instructor, chapterId, baseText, publishes, output.WriteLine, stopInstructor.Token);
            learners = StartLearners(journalPath, $"crash-{seed}");
            var clock = Stopwatch.StartNew();
            var killTimes = new List<DateTimeOffset>();
            for (var kill = 1; kill <= kills; kill++)
            {
                // Some progress since the (re)start, and a submission at first, so each kill has something to lose;
                // the kill then falls anywhere: mid-answer, mid-submit, mid-save, mid-publish, mid-batch.
                var since = DateTimeOffset.UtcNow;
                int publishedBefore;
                lock (publishes)
                {
                    publishedBefore = publishes.Count;
                }

                if (!await WaitForActivityAsync(journalPath, since, needSubmission: kill == 1, TimeSpan.FromMinutes(2)))
                {
                    problems.Add($"kill {kill}: the learners confirmed no progress for 2 minutes after the restart");
                    output.WriteLine("  " + problems[^1]);
                    break;
                }

                output.WriteLine($"  learners active after {clock.Elapsed.TotalSeconds:0.0} s");
                if (kill == 1 && !await WaitForPublishAsync(publishes, TimeSpan.FromMinutes(2), publishedBefore: 0))
                {
                    // Without one publish confirmed there is no published version whose wholeness a kill can test.
                    problems.Add("kill 1: the instructor confirmed no publish within 2 minutes of the first start");
                    output.WriteLine("  " + problems[^1]);
                    break;
                }

                // Every second restart also waits for the instructor to publish on the restarted server, so kills
                // fall in the edits and publishes that follow a crash too, not only in the learners' reconnections.
                if (kill > 1 && kill % 2 == 0 && !await WaitForPublishAsync(publishes, TimeSpan.FromMinutes(1), publishedBefore))
                {
                    problems.Add($"kill {kill}: the instructor confirmed no publish within a minute of the restart");
                    output.WriteLine("  " + problems[^1]);
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 6000)));

                var killedAt = DateTimeOffset.UtcNow;
                killTimes.Add(killedAt);
                await server.KillAsync();
                var killedLog = server.Log;
                await server.DisposeAsync();

                // The database as the crash left it, before anything starts again (SQLite recovers its WAL on open).
                var journal = JournalLine.Read(journalPath).Where(l => l.Confirmed <= killedAt).ToList();
                List<ConfirmedPublish> confirmed;
                lock (publishes)
                {
                    confirmed = [.. publishes];
                }

                var found = new List<string>();
                found.AddRange(await checks.IntegrityAsync());
                found.AddRange(await checks.SubmissionsAsync(journal, unconfirmedAllowed: kill));
                found.AddRange(await checks.ProgressAsync(journal, killTimes, chapterId));
                found.AddRange(await checks.PublishedAsync(chapterId, confirmed));

                clock.Restart();
                server = ServerProcess.Start(app.Folder, settings);
                await server.WaitReadyAsync(Address, TimeSpan.FromMinutes(2));
                output.WriteLine($"  restarted in {clock.Elapsed.TotalSeconds:0.0} s (listening after {server.Listening?.TotalSeconds:0.0} s)");
                using (var http = new HttpClient { BaseAddress = Address })
                {
                    var chapter = await http.GetAsync("/api/courses/ai-engineering/chapters/foundation-models");
                    if (!chapter.IsSuccessStatusCode)
                    {
                        found.Add($"after the restart the chapter answers {(int)chapter.StatusCode}");
                    }
                }

                totals = (journal.Count(l => l.Kind == "submit"), journal.Count(l => l.Kind == "progress"), confirmed.Count);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"kill {kill} at {killedAt:HH:mm:ss.fff}: so far {totals.Submissions} submissions, {totals.Progress} progress steps, {totals.Publishes} publishes confirmed; problems: {found.Count}"));
                problems.AddRange(found.Select(p => $"kill {kill}: {p}"));
                found.ForEach(p => output.WriteLine("  problem: " + p));
                if (found.Count > 0)
                {
                    output.WriteLine("  the killed server's warnings and errors:\n" + string.Join("\n", killedLog.Split('\n').Where(l => l.Contains("warn", StringComparison.OrdinalIgnoreCase) || l.Contains("fail", StringComparison.OrdinalIgnoreCase) || l.Contains("rror", StringComparison.Ordinal)).TakeLast(20)));
                }
            }

            await stopInstructor.CancelAsync();
            await publishing;
            output.WriteLine($"{provider}: {kills} kills survived; confirmed {totals.Submissions} submissions, {totals.Progress} progress steps, {totals.Publishes} publishes; lost or broken: {problems.Count}");
        }
        finally
        {
            // Whatever failed, neither the app nor the learners outlive the test (they would hold the port).
            await stopInstructor.CancelAsync();
            if (learners is not null)
            {
                learners.Kill(entireProcessTree: true);
                learners.Dispose();
            }

            if (server is not null)
            {
                await server.DisposeAsync();
            }

            if (postgres is not null)
            {
                CourseAppFactory.DropPostgresDatabase(postgres);
            }

            Directory.Delete(data, recursive: true);
        }

        Assert.True(problems.Count == 0, $"seed {seed}:\n{string.Join("\n", problems)}");
        Assert.True(totals.Submissions > 0 && totals.Progress > 0 && totals.Publishes > 0,
            $"the learners and the instructor must have done something to lose: {totals}");
    }

    /// <summary>An instructor registered through the form, promoted with the operator command, signed in again.</summary>
    private async Task<IPage> InstructorAsync(IBrowser browser, Dictionary<string, string?> settings)
    {
        var email = $"prof-{Guid.NewGuid():N}@crash.test";
        var context = await browser.NewContextAsync(new() { BaseURL = Address.ToString(), Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/register");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Repeat the password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create an account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Your account" })).ToBeVisibleAsync();
        await using (var promote = ServerProcess.Start(app.Folder, settings, "users", "promote", email))
        {
            Assert.True(await promote.ExitCodeAsync(TimeSpan.FromMinutes(1)) == 0, promote.Log);
        }

        await context.ClearCookiesAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Your account" }).GetByRole(AriaRole.Link, new() { Name = "Studio" })).ToBeVisibleAsync();
        return page;
    }

    private static async Task<string> OpenEditorAsync(IPage page, int chapterId)
    {
        await page.GotoAsync($"/studio/chapters/{chapterId}");
        await Assertions.Expect(page.Locator(".editor[data-ready='true']")).ToBeVisibleAsync();
        return await page.Locator("#script-text").InputValueAsync();
    }

    /// <summary>
    /// Edits (a line tagged with the publish's number) and publishes, again and again; while the server is down
    /// it tries again each second, as an instructor reloads. Only what the page confirmed is listed.
    /// </summary>
    private static async Task PublishRepeatedlyAsync(IPage page, int chapterId, string baseText, List<ConfirmedPublish> confirmed, Action<string> log, CancellationToken stop)
    {
        for (var n = 1; !stop.IsCancellationRequested; n++)
        {
            try
            {
                await OpenEditorAsync(page, chapterId);
                var tag = $"p{n}";
                await page.Locator("#script-text").FillAsync(baseText + $"\n{CrashChecks.MarkerLine} {tag} <break time=\"1.0s\"/>");
                await Assertions.Expect(page.GetByTestId("save-status")).ToHaveTextAsync(SavedOrConflict());
                if (!SavedStatus().IsMatch(await page.GetByTestId("save-status").InnerTextAsync()))
                {
                    // The page left at the kill saved its text on leaving (the editor's beacon) after this page
                    // read the chapter: the editor shows the conflict, as it should. Open it afresh and go on.
                    log("    instructor: conflict on opening, opened again");
                    continue;
                }

                await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
                var notice = page.GetByText(PublishedNotice());
                await Assertions.Expect(notice).ToBeVisibleAsync();
                var version = int.Parse(PublishedNotice().Match(await notice.InnerTextAsync()).Groups[1].Value, CultureInfo.InvariantCulture);
                lock (confirmed)
                {
                    confirmed.Add(new ConfirmedPublish(version, tag));
                }
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                // Down, or just back and still slow (a fresh start on a busy machine): nothing was confirmed, so
                // nothing is owed; say so in the output and try again, as an instructor would.
                log($"    instructor ({(IsUp() ? "server up" : "server down")}): {e.GetType().Name}: {e.Message.Split('\n')[0]}");
                await Task.Delay(1000, CancellationToken.None);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
            }
        }
    }

    private static bool IsUp()
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            return http.GetAsync(new Uri(Address, "/health/live")).GetAwaiter().GetResult().IsSuccessStatusCode;
        }
        catch (Exception)
        {
            return false;
        }
    }

    /// <summary>The load client as its own process: half the learners play, half take quizzes, a journal of what was confirmed.</summary>
    private static Process StartLearners(string journal, string accountPrefix)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<configuration>/net10.0
        var client = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../Course.Load/bin", configuration, "net10.0/Course.Load.dll"));
        Assert.True(File.Exists(client), $"build tests/Course.Load first: {client} is missing");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { client, "--server", Address.ToString(), "--scenario", "mixed", "--learners", "6", "--ramp", "2",
                "--duration", "600", "--pace", "0.05", "--account-prefix", accountPrefix, "--journal", journal },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>False when the instructor's page confirmed no publish beyond the first <paramref name="publishedBefore"/> within the timeout.</summary>
    private static async Task<bool> WaitForPublishAsync(List<ConfirmedPublish> publishes, TimeSpan timeout, int publishedBefore)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            lock (publishes)
            {
                if (publishes.Count > publishedBefore)
                {
                    return true;
                }
            }

            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>False when the learners confirmed nothing new within the timeout.</summary>
    private static async Task<bool> WaitForActivityAsync(string journal, DateTimeOffset since, bool needSubmission, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (JournalLine.Read(journal).Where(l => l.Sent >= since).ToList() is var lines
            && (lines.Count(l => l.Kind == "progress") < 2 || (needSubmission && !lines.Any(l => l.Kind == "submit"))))
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(200);
        }

        return true;
    }

    [GeneratedRegex(@"^Saved ")]
    private static partial Regex SavedStatus();

    [GeneratedRegex(@"^(Saved |Not saved: two versions)")]
    private static partial Regex SavedOrConflict();

    [GeneratedRegex(@"Version (\d+) published\.")]
    private static partial Regex PublishedNotice();
}
