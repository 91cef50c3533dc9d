using System.Net;
using Course.Web.Catalog;
using Course.Web.Data;
using Course.Web.Progress;
using Course.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Course.Web.Tests.Data;

/// <summary>
/// The progress writer of a running app when its database fails under it (an injected failing context
/// factory): passing failures are retried with a growing pause until stored, other failures never stop the
/// app, and what is finally dropped is logged with its counts. The writer's pauses run on a fake clock.
/// </summary>
public sealed class ProgressFailureTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
    private readonly RecordingLoggerProvider log = new();
    private readonly CourseAppFactory app;
    private ChapterView chapter = null!;

    public ProgressFailureTests()
    {
        app = CourseAppFactory.WithServices(services =>
        {
            services.AddLogging(logging => logging.AddProvider(log));
            services.AddSingleton(sp => new FailingContextFactory(sp.GetRequiredService<IDbContextFactory<CourseDbContext>>()));
            services.AddSingleton(sp => new ProgressRecorder(
                sp.GetRequiredService<FailingContextFactory>(), sp.GetRequiredService<ILogger<ProgressRecorder>>(), clock));
        });
    }

    private FailingContextFactory Database => app.Services.GetRequiredService<FailingContextFactory>();

    private ProgressRecorder Recorder => app.Services.GetRequiredService<ProgressRecorder>();

    public async Task InitializeAsync()
    {
        using var scope = app.Services.CreateScope();
        chapter = (await scope.ServiceProvider.GetRequiredService<CatalogReader>().GetChapterAsync("ai-engineering", "foundation-models"))!;
    }

    public Task DisposeAsync()
    {
        app.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>What a busy SQLite file or a dropped PostgreSQL connection throws, for this run's provider.</summary>
    private Exception Transient() => app.OnPostgres
        ? new NpgsqlException("Exception while reading from stream", new IOException("Connection reset by peer"))
        : new SqliteException("SQLite Error 5: 'database is locked'.", SQLitePCL.raw.SQLITE_BUSY);

    private void Play(string user, params (int Slide, int Second)[] steps)
    {
        foreach (var (slide, second) in steps)
        {
            var shown = chapter.Slides[slide - 1];
            Assert.True(Recorder.Record(new ProgressEvent(user, chapter.Chapter.ChapterId, shown.Key, 1, clock.GetUtcNow().AddSeconds(second), shown.Segments.Count, 60_000)));
        }
    }

    /// <summary>Lets the writer's clock run (a second at a time) until <paramref name="done"/>; never a timed assertion.</summary>
    private async Task RunClockUntilAsync(Func<bool> done)
    {
        for (var step = 0; step < 2000 && !done(); step++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        Assert.True(done());
    }

    private async Task<(int Chapters, int Slides, long Milliseconds)> StoredAsync(string user)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        var rows = await db.ChapterProgress.Where(p => p.UserId == user).ToListAsync();
        return (rows.Count, await db.SlideProgress.CountAsync(p => p.UserId == user), rows.Sum(r => (long)r.TimeSpentMilliseconds));
    }

    private IReadOnlyList<LogEntry> RecorderLog(LogLevel level) =>
        [.. log.Entries.Where(e => e.Category == typeof(ProgressRecorder).FullName && e.Level == level)];

    [Fact]
    public async Task Passing_failures_are_retried_with_a_growing_pause_and_the_batch_is_stored_once()
    {
        var learner = await SignedInClient.CreateUserAsync(app, "ana@example.com");
        Database.FailNext(3, Transient);

        Play(learner, (1, 0), (2, 6), (3, 11));
        var flushed = Recorder.FlushAsync();
        await RunClockUntilAsync(() => flushed.IsCompleted);

        // However the writer cut the events into batches, the first one met the three failures.
        Assert.Equal((1, 3, 11_000L), await StoredAsync(learner));
        Assert.True(Database.Attempts >= 4);
        Assert.Equal(
            ["trying again in 00:00:01", "trying again in 00:00:02", "trying again in 00:00:04"],
            RecorderLog(LogLevel.Warning).Select(e => e.Message[e.Message.IndexOf("trying", StringComparison.Ordinal)..]));
        Assert.All(RecorderLog(LogLevel.Warning), e => Assert.True(DatabaseFailures.IsTransient(e.Exception!)));
        Assert.Empty(RecorderLog(LogLevel.Error));
    }

    [Fact]
    public async Task A_failure_that_is_not_the_databases_does_not_stop_the_app_and_later_events_are_stored()
    {
        var ana = await SignedInClient.CreateUserAsync(app, "ana@example.com");
        var luis = await SignedInClient.CreateUserAsync(app, "luis@example.com");
        Database.FailNext(2, () => new NullReferenceException("A bug in the writer."));

        Play(ana, (1, 0));
        await Recorder.FlushAsync();
        Play(luis, (1, 0), (2, 5));
        await Recorder.FlushAsync();

        Assert.False(app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        using var live = await app.CreateHttpClient().GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal((0, 0, 0L), await StoredAsync(ana));
        Assert.Equal((1, 2, 5_000L), await StoredAsync(luis));
        var dropped = Assert.Single(RecorderLog(LogLevel.Error));
        Assert.Equal("Dropped 1 progress events of 1 learners in 1 chapters after 2 attempts", dropped.Message);
        Assert.IsType<NullReferenceException>(dropped.Exception);
    }

    [Fact]
    public async Task A_database_that_fails_until_the_app_stops_is_logged_with_what_was_dropped()
    {
        var ana = await SignedInClient.CreateUserAsync(app, "ana@example.com");
        var luis = await SignedInClient.CreateUserAsync(app, "luis@example.com");
        var before = Database.Attempts; // the writer's warm-up at start asked for one
        Database.FailNext(int.MaxValue, Transient);

        Play(ana, (1, 0));
        await RunClockUntilAsync(() => Database.Attempts - before >= 3);
        Play(ana, (2, 6));
        Play(luis, (1, 0), (2, 5), (3, 9)); // queued behind the failing batch
        await Recorder.StopAsync(CancellationToken.None);

        Database.Heal();
        Assert.Equal((0, 0, 0L), await StoredAsync(ana));
        Assert.Equal((0, 0, 0L), await StoredAsync(luis));
        Assert.Equal(
            ["Dropped 1 progress events of 1 learners in 1 chapters after 4 attempts",
             "Dropped 4 progress events of 2 learners in 1 chapters, not tried: the database still failed as the app stopped"],
            RecorderLog(LogLevel.Error).Select(e => e.Message));
    }
}
