using Course.Web.Data;
using Course.Web.Progress;
using Course.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Operations;

/// <summary>Stopping the app (a deploy, a scale-down) writes the progress still queued before it exits.</summary>
public sealed class GracefulShutdownTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("course-shutdown-").FullName;
    private readonly string? postgres = CourseAppFactory.CreatePostgresDatabase();

    public void Dispose()
    {
        if (postgres is not null)
        {
            CourseAppFactory.DropPostgresDatabase(postgres);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>An app whose database outlives it: a folder or a PostgreSQL database this test owns.</summary>
    private CourseAppFactory App() => postgres is null
        ? CourseAppFactory.With(new Dictionary<string, string?> { ["Database:DataDirectory"] = folder })
        : CourseAppFactory.With(sharedPostgresDatabase: postgres);

    [Fact]
    public async Task Queued_progress_is_written_when_the_app_stops()
    {
        const int Events = 500;
        string userId;
        int chapterId;
        string[] keys;
        await using (var app = App())
        {
            userId = await SignedInClient.CreateUserAsync(app, "sol@example.com");
            await using (var db = await app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync())
            {
                var chapter = await db.Chapters.Include(c => c.Slides).SingleAsync();
                chapterId = chapter.Id;
                keys = [.. chapter.Slides.OrderBy(s => s.Position).Select(s => s.Key)];
            }

            var recorder = app.Services.GetRequiredService<ProgressRecorder>();
            var at = DateTimeOffset.UtcNow;
            for (var i = 0; i < Events; i++)
            {
                Assert.True(recorder.Record(new ProgressEvent(userId, chapterId, keys[i % keys.Length], 1, at.AddMilliseconds(i), 1, 1000)));
            }

            // No flush: disposing stops the host the way SIGTERM does.
        }

        await using var after = App();
        await using var check = await after.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        Assert.Equal(keys.Length, await check.SlideProgress.CountAsync(p => p.UserId == userId));
        var progress = await check.ChapterProgress.SingleAsync(p => p.UserId == userId);
        Assert.Equal(keys[(Events - 1) % keys.Length], progress.CurrentSlideKey);
    }
}
