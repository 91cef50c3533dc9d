using System.Net;
using System.Text.RegularExpressions;
using Course.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using static Course.Web.Tests.Browser.DroppedConnection;

namespace Course.Web.Tests.Browser;

/// <summary>
/// A learner's live connection that cannot come back to its circuit: the server restarted (a new host on the same
/// database and port) or the disconnected circuit expired. The page reloads by itself, says so, and opens at the
/// learner's place with the quiz's answers kept on the server; nothing is recorded twice.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class DroppedServerTests(BrowserFixture browser) : IAsyncLifetime
{
    // A restarted server must come back where the page looks: a fixed port, 5161 unless COURSE_DROPPED_PORT moves it
    // (two runs side by side, e.g. SQLite and PostgreSQL).
    private static readonly int Port = int.TryParse(Environment.GetEnvironmentVariable("COURSE_DROPPED_PORT"), out var port) ? port : 5161;

    private readonly string dataDirectory = Directory.CreateTempSubdirectory("course-dropped-").FullName;
    private readonly string? postgres = CourseAppFactory.CreatePostgresDatabase();
    private readonly List<CourseAppFactory> apps = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await browser.CloseContextsAsync();
        foreach (var app in apps)
        {
            app.Dispose();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (postgres is not null)
        {
            CourseAppFactory.DropPostgresDatabase(postgres);
        }

        Directory.Delete(dataDirectory, recursive: true);
    }

    /// <summary>An app on this test's database (SQLite folder or PostgreSQL database), also listening on <see cref="Port"/>.</summary>
    private CourseAppFactory StartApp(Dictionary<string, string?>? settings = null)
    {
        settings ??= [];
        settings["Database:DataDirectory"] = dataDirectory;
        var app = CourseAppFactory.With(settings, postgres ?? null,
            configure: host => host.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Port)));
        apps.Add(app);
        return app;
    }

    private async Task<IPage> NewPageAsync(IBrowserContext? context = null)
    {
        context ??= browser.Track(await browser.Browser.NewContextAsync(new()
        {
            BaseURL = $"http://127.0.0.1:{Port}/",
            ViewportSize = new() { Width = 1280, Height = 800 },
            Locale = "en-US",
        }));
        return await context.NewPageAsync();
    }

    private static async Task ExpectReopenedAsync(IPage page)
    {
        var notice = page.Locator("#course-reopened-notice");
        await Assertions.Expect(notice).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Assertions.Expect(notice).ToHaveAttributeAsync("role", "status");
        await Assertions.Expect(notice).ToContainTextAsync("The connection to the server was lost, so the page was opened again at the same place.");
    }

    [Fact]
    public async Task A_restarted_server_reopens_the_player_at_its_segment_and_the_quiz_with_its_answers()
    {
        var first = StartApp();
        var player = await NewPageAsync();
        var email = await RegisterAsync(player);
        var quiz = await NewPageAsync(player.Context);

        await player.GotoAsync(Chapter + "/slides/4");
        await LiveAsync(player, ".player");
        await player.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(player).ToHaveURLAsync(new Regex("/slides/4\\?segment=2$"));
        await quiz.GotoAsync(Chapter + "/quizzes/final");
        await LiveAsync(quiz, ".quiz");
        await AnswerTwoFinalQuestionsAsync(quiz);
        await WaitForKeptAnswersAsync(first.Services, email, "117");
        await RowsAsync(first.Services, email); // the progress writer has written the reveal

        first.Dispose(); // the host stops: every circuit is gone
        apps.Remove(first);
        await Assertions.Expect(quiz.Locator("#components-reconnect-modal")).ToBeVisibleAsync();

        var second = StartApp();
        await ExpectReopenedAsync(player);
        await ExpectReopenedAsync(quiz);

        await LiveAsync(player, ".player");
        await Assertions.Expect(player.Locator(".player__counter")).ToHaveTextAsync("4 / 73");
        await Assertions.Expect(player.Locator(".segment")).ToHaveCountAsync(2);

        await LiveAsync(quiz, ".quiz");
        await ExpectTheTwoAnswersAsync(quiz);
        await quiz.GetByRole(AriaRole.Button, new() { Name = "Submit answers" }).ClickAsync();
        await Assertions.Expect(quiz.Locator(".result h2")).ToContainTextAsync("Not passed yet");

        var rows = await RowsAsync(second.Services, email);
        Assert.Equal(rows.SlideFourKey, rows.ResumeSlideKey);
        Assert.Equal(2, rows.ResumeSegment);
        Assert.Equal(rows.DistinctSlideRows, rows.SlideRows);
        Assert.Equal(1, rows.FinalAttempts);
        Assert.Equal("117", rows.ThirdAnswer);
        Assert.Equal(0, rows.KeptDrafts);
    }

    [Fact]
    public async Task An_expired_circuit_is_resumed_at_the_learners_place_with_the_answers_kept()
    {
        var app = StartApp(new() { ["Circuits:DisconnectedRetentionSeconds"] = "1" });
        var player = await NewPageAsync();
        var sockets = await RouteCircuitsAsync(player.Context);
        var email = await RegisterAsync(player);
        var quiz = await NewPageAsync(player.Context);

        await player.GotoAsync(Chapter + "/slides/4");
        await LiveAsync(player, ".player");
        await player.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(player).ToHaveURLAsync(new Regex("/slides/4\\?segment=2$"));
        await quiz.GotoAsync(Chapter + "/quizzes/final");
        await LiveAsync(quiz, ".quiz");
        await AnswerTwoFinalQuestionsAsync(quiz);
        await WaitForKeptAnswersAsync(app.Services, email, "117");

        // A mark that a reload would wipe out.
        await player.EvaluateAsync("() => window.keptPage = true");
        await quiz.EvaluateAsync("() => window.keptPage = true");
        await CutAsync(player.Context, sockets);
        await Assertions.Expect(quiz.Locator("#components-reconnect-modal")).ToBeVisibleAsync();
        // Offline past the server's retention (1 s): the circuits are released. The server keeps their
        // persisted state (.NET 10), so the framework resumes them when the page is back, without a reload.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await player.Context.SetOfflineAsync(false);

        await Assertions.Expect(player.Locator("#components-reconnect-modal")).ToBeHiddenAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(quiz.Locator("#components-reconnect-modal")).ToBeHiddenAsync(new() { Timeout = 60_000 });
        Assert.True(await player.EvaluateAsync<bool>("() => window.keptPage === true"), "The player's page was reloaded.");
        Assert.True(await quiz.EvaluateAsync<bool>("() => window.keptPage === true"), "The quiz's page was reloaded.");
        await LiveAsync(player, ".player");
        await Assertions.Expect(player.Locator(".player__counter")).ToHaveTextAsync("4 / 73");
        await Assertions.Expect(player.Locator(".segment")).ToHaveCountAsync(2);

        await LiveAsync(quiz, ".quiz");
        await ExpectTheTwoAnswersAsync(quiz);
        await quiz.GetByRole(AriaRole.Button, new() { Name = "Submit answers" }).ClickAsync();
        await Assertions.Expect(quiz.Locator(".result h2")).ToContainTextAsync("Not passed yet");

        var rows = await RowsAsync(app.Services, email);
        Assert.Equal(rows.SlideFourKey, rows.ResumeSlideKey);
        Assert.Equal(2, rows.ResumeSegment);
        Assert.Equal(1, rows.FinalAttempts);
        Assert.Equal(0, rows.KeptDrafts);
    }
}
