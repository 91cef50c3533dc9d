using Bunit;
using Course.Web.Catalog;
using Course.Web.Chapters;
using Course.Web.Components.Pages.Studio;
using Course.Web.Components.Pages.Studio.Editor;
using Course.Web.Data;
using Course.Web.Lessons;
using Course.Web.Progress;
using Course.Web.Studio;
using Course.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Course.Web.Tests.Components;

/// <summary>
/// The chapter editor when the database fails under it: the author is told, the text is kept, and the
/// operator finds each failed save in the log (autosave, and the last save on leaving the editor).
/// </summary>
[Collection(SharedAppCollection.Name)]
public class StudioEditorFailureTests : BunitContext
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly FailingContextFactory database;
    private readonly ChapterStudio studio;
    private readonly RecordingLoggerProvider log = new();
    private readonly int courseId;

    public StudioEditorFailureTests(CourseAppFactory app)
    {
        var scope = app.Services.CreateScope();
        database = new FailingContextFactory(app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>());
        var changes = app.Services.GetRequiredService<CatalogChanges>();
        studio = new ChapterStudio(database, new ChapterStore(database, changes, clock), changes, app.Services.GetRequiredService<ProgressRecorder>(),
            scope.ServiceProvider.GetRequiredService<CatalogReader>(), clock);
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        Services.AddSingleton<ILoggerFactory>(new LoggerFactory([log]));
        Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        Services.AddSingleton(studio);
        Services.AddSingleton<TimeProvider>(clock);
        Services.AddSingleton(scope.ServiceProvider.GetRequiredService<IChapterSource>());
        Services.AddSingleton(new PlayerConnection());
        Services.AddSingleton(app.Services.GetRequiredService<Course.Web.Operations.CourseMetrics>());
        Services.AddSingleton(app.Services.GetRequiredService<ProgressRecorder>());
        AddAuthorization().SetAuthorized("prof@example.com").SetRoles(Course.Web.Accounts.Roles.Instructor);
        JSInterop.Mode = JSRuntimeMode.Loose;
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        courseId = Task.Run(() => studio.ListAsync()).Result[0].CourseId;
    }

    private async Task<(int Chapter, IRenderedComponent<ChapterEditor> Editor)> OpenNewChapterAsync()
    {
        var chapter = await studio.CreateChapterAsync(courseId, "Failing " + Guid.NewGuid().ToString("N")[..8], "en", "setup@example.com", "One <break time=\"1s\"/>");
        var cut = Render<ChapterEditor>(p => p.Add(c => c.ChapterId, chapter));
        cut.WaitForElement(".editor[data-ready='true']", TimeSpan.FromSeconds(10));
        return (chapter, cut);
    }

    private static async Task TypeAsync(IRenderedComponent<ChapterEditor> cut, string text, long version)
    {
        var ok = false;
        await cut.InvokeAsync(() => ok = cut.Instance.OnEdit(0, version, 0, -1, text, true, text.Length));
        Assert.True(ok);
    }

    private void Wait(int milliseconds)
    {
        for (var i = 0; i < milliseconds; i += 10)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
        }
    }

    private IEnumerable<LogEntry> EditorWarnings(int chapter) => log.Entries.Where(e =>
        e.Category == typeof(ChapterEditor).FullName && e.Level == LogLevel.Warning && e.Message.Contains($"chapter {chapter} ", StringComparison.Ordinal));

    [Fact]
    public async Task A_failed_autosave_tells_the_author_is_logged_and_is_tried_again()
    {
        var (chapter, cut) = await OpenNewChapterAsync();
        database.FailNext(1, () => new InvalidOperationException("The database did not answer."));

        await TypeAsync(cut, "One <break time=\"1s\"/>\nTwo", 1);
        Wait(2000);

        cut.WaitForAssertion(() => Assert.StartsWith("Not saved: the server did not answer.", cut.Find("[data-testid=save-status]").TextContent));
        var logged = Assert.Single(EditorWarnings(chapter));
        Assert.Equal("The database did not answer.", logged.Exception?.Message);

        Wait(2000);
        cut.WaitForAssertion(() => Assert.StartsWith("Saved ", cut.Find("[data-testid=save-status]").TextContent));
        Assert.Equal("One <break time=\"1s\"/>\nTwo", (await studio.GetDraftAsync(chapter))!.Text);
    }

    [Fact]
    public async Task A_failed_save_on_leaving_the_editor_is_logged()
    {
        var (chapter, cut) = await OpenNewChapterAsync();
        await TypeAsync(cut, "One <break time=\"1s\"/>\nUnsaved", 1);
        database.FailNext(int.MaxValue, () => new InvalidOperationException("The database did not answer."));

        await DisposeComponentsAsync();

        var logged = Assert.Single(EditorWarnings(chapter));
        Assert.Contains("leaving the editor", logged.Message, StringComparison.Ordinal);
        Assert.Equal("The database did not answer.", logged.Exception?.Message);
        database.Heal();
        Assert.Equal("One <break time=\"1s\"/>", (await studio.GetDraftAsync(chapter))!.Text);
    }
}
