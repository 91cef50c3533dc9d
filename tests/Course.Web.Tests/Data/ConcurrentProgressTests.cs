using Course.Web.Catalog;
using Course.Web.Data;
using Course.Web.Progress;
using Course.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Course.Web.Tests.Data;

/// <summary>
/// The progress writer while other things happen to the same data, on the run's provider: an account deleted
/// (through Identity, as the dashboard's "delete my account" does) while its progress waits in the queue, and
/// a queue that fills while the database is away. The writer is held up by an injected failing context
/// factory; its pauses run on a fake clock.
/// </summary>
public sealed class ConcurrentProgressTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
    private readonly RecordingLoggerProvider log = new();
    private readonly CourseAppFactory app;
    private ChapterView chapter = null!;

    public ConcurrentProgressTests()
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
        startupLines = log.Entries.Count;
    }

    public Task DisposeAsync()
    {
        app.Dispose();
        return Task.CompletedTask;
    }

    private Exception Transient() => app.OnPostgres
        ? new NpgsqlException("Exception while reading from stream", new IOException("Connection reset by peer"))
        : new SqliteException("SQLite Error 5: 'database is locked'.", SQLitePCL.raw.SQLITE_BUSY);

    private bool Play(string user, int slide, int second)
    {
        var shown = chapter.Slides[(slide - 1) % chapter.Slides.Count];
        return Recorder.Record(new ProgressEvent(user, chapter.Chapter.ChapterId, shown.Key, 1, clock.GetUtcNow().AddSeconds(second), shown.Segments.Count, 60_000));
    }

    private async Task RunClockUntilAsync(Func<bool> done)
    {
        for (var step = 0; step < 4000 && !done(); step++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        Assert.True(done());
    }

    private async Task WaitForWriterToMeetFailureAsync(int before)
    {
        for (var i = 0; i < 1000 && Database.Attempts == before; i++)
        {
            await Task.Delay(10);
        }

        Assert.True(Database.Attempts > before);
    }

    private async Task DeleteAccountAsync(string userId)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True((await users.DeleteAsync((await users.FindByIdAsync(userId))!)).Succeeded);
    }

    /// <summary>Progress rows of the learner, and rows anywhere whose account no longer exists.</summary>
    private async Task<(int Mine, int Orphans)> RowsAsync(string userId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        var mine = await db.ChapterProgress.CountAsync(p => p.UserId == userId) + await db.SlideProgress.CountAsync(p => p.UserId == userId);
        var orphans = await db.ChapterProgress.CountAsync(p => !db.Users.Any(u => u.Id == p.UserId))
            + await db.SlideProgress.CountAsync(p => !db.Users.Any(u => u.Id == p.UserId));
        return (mine, orphans);
    }

    // Logged since the app started (on a new PostgreSQL database EF's first migration-history query logs an error).
    private int startupLines;

    private IReadOnlyList<LogEntry> Errors => [.. log.Entries.Skip(startupLines).Where(e => e.Level >= LogLevel.Error)];

    [Fact]
    public async Task Progress_queued_for_an_account_deleted_before_it_is_written_is_dropped_with_counts_only()
    {
        var ana = await SignedInClient.CreateUserAsync(app, "ana@example.com");
        var luis = await SignedInClient.CreateUserAsync(app, "luis@example.com");
        var before = Database.Attempts;
        Database.FailNext(int.MaxValue, Transient);

        Assert.True(Play(ana, 1, 0));
        Assert.True(Play(luis, 1, 0));
        await WaitForWriterToMeetFailureAsync(before);
        Assert.True(Play(ana, 2, 6));
        Assert.True(Play(luis, 2, 5));

        await DeleteAccountAsync(ana); // while all four events wait for the database
        Database.Heal();
        var flushed = Recorder.FlushAsync();
        await RunClockUntilAsync(() => flushed.IsCompleted);

        Assert.Equal((0, 0), await RowsAsync(ana));
        Assert.Equal(3, (await RowsAsync(luis)).Mine); // a chapter row and two slides
        // However the writer cut the four events into batches, Ana's two were dropped, each line with counts only.
        var dropped = log.Entries.Where(e => e.Message.Contains("accounts deleted", StringComparison.Ordinal)).ToList();
        Assert.All(dropped, e => Assert.Equal(LogLevel.Information, e.Level));
        Assert.All(dropped, e => Assert.Matches("^Dropped [12] progress events of 1 accounts deleted since the events were queued$", e.Message));
        Assert.Equal(2, dropped.Sum(e => e.Message[8] - '0'));
        Assert.Empty(Errors);
        Assert.DoesNotContain(log.Entries, e => e.Message.Contains(ana, StringComparison.Ordinal) || e.Message.Contains("ana@", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Accounts_deleted_while_their_learners_play_leave_no_rows_and_no_error()
    {
        var learners = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            learners.Add(await SignedInClient.CreateUserAsync(app, $"learner{i}@example.com"));
        }

        // Every learner plays on while every other one deletes their account, the writer running all along.
        var deleted = learners.Where((_, i) => i % 2 == 0).ToList();
        var playing = learners.Select(learner => Task.Run(async () =>
        {
            for (var step = 1; step <= 40; step++)
            {
                Assert.True(Play(learner, step, step * 5));
                await Task.Delay(2);
            }
        }));
        var deleting = deleted.Select(learner => Task.Run(async () =>
        {
            await Task.Delay(20 + (learners.IndexOf(learner) * 7));
            await DeleteAccountAsync(learner);
        }));
        await Task.WhenAll(playing.Concat(deleting));
        await Recorder.FlushAsync();

        foreach (var learner in learners)
        {
            var (mine, orphans) = await RowsAsync(learner);
            Assert.Equal(0, orphans);
            Assert.Equal(deleted.Contains(learner) ? 0 : 41, mine); // kept learners: their chapter and 40 slides
        }

        Assert.Empty(Errors);
    }

    [Fact]
    public async Task A_full_queue_drops_visibly_counted_and_logged_and_the_writer_goes_on()
    {
        var ana = await SignedInClient.CreateUserAsync(app, "ana@example.com");
        var before = Database.Attempts;
        Database.FailNext(int.MaxValue, Transient);
        Assert.True(Play(ana, 1, 0));
        await WaitForWriterToMeetFailureAsync(before);

        var queued = 1;
        while (queued <= ProgressRecorder.Capacity + ProgressRecorder.MaxBatch && Play(ana, queued + 1, queued))
        {
            queued++;
        }

        // The queue holds Capacity events; the writer holds at most one batch besides.
        Assert.InRange(queued, ProgressRecorder.Capacity, ProgressRecorder.Capacity + ProgressRecorder.MaxBatch);
        Assert.Equal(1, Recorder.DroppedEvents);
        for (var i = 0; i < 4; i++)
        {
            Assert.False(Play(ana, 1, queued + i));
        }

        Assert.Equal(5, Recorder.DroppedEvents);
        var full = Assert.Single(Errors);
        Assert.StartsWith($"Progress queue full ({ProgressRecorder.Capacity} events waiting for the database): dropped 1 progress events", full.Message);

        Database.Heal();
        var flushed = Recorder.FlushAsync();
        await RunClockUntilAsync(() => flushed.IsCompleted);

        Assert.Equal(
            [full.Message, "Progress queue full: dropped 4 more progress events (5 since start); the writer has caught up"],
            Errors.Select(e => e.Message));
        Assert.True((await RowsAsync(ana)).Mine > 0);
        Assert.True(Play(ana, 3, queued + 10)); // room again
        Assert.DoesNotContain(log.Entries, e => e.Message.Contains(ana, StringComparison.Ordinal));
    }
}
