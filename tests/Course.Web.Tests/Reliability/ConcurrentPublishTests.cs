using System.Diagnostics;
using System.Text;
using Course.Web.Catalog;
using Course.Web.Chapters;
using Course.Web.Data;
using Course.Web.Progress;
using Course.Web.Studio;
using Course.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Course.Web.Tests.Reliability;

/// <summary>
/// 50 signed-in learners play the seeded chapter (the load client as its own process, scenario <c>play</c>) while
/// an instructor publishes a new version that inserts a first slide and swaps two slides. No learner meets an
/// error (the client exits 0), the server logs none, and the progress stored is by slide key: every row names a
/// slide of the old or the new version, the slides that stayed keep their keys, and each learner's count of seen
/// slides is the count of their seen slides that the new version has.
/// </summary>
public sealed class ConcurrentPublishTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Learners = 50;

    private readonly RecordingLoggerProvider log = new();
    private CourseAppFactory app = null!;
    private int startupLines;

    public Task InitializeAsync()
    {
        app = CourseAppFactory.With(
            new Dictionary<string, string?> { ["RateLimits:AccountPostsPerMinute"] = "100000" },
            configure: host => host.ConfigureLogging(logging => logging.AddProvider(log)));
        startupLines = log.Entries.Count;
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_publish_while_50_learners_play_the_chapter_loses_nothing_and_no_one_meets_an_error()
    {
        ChapterView before;
        using (var scope = app.Services.CreateScope())
        {
            before = (await scope.ServiceProvider.GetRequiredService<CatalogReader>().GetChapterAsync("ai-engineering", "foundation-models"))!;
        }

        var journal = Path.Combine(app.DataDirectory, "journal.tsv");
        var clientOutput = new StringBuilder();
        using var client = StartLearners(journal, clientOutput);

        // Publish once the learners are well into the chapter.
        var until = DateTime.UtcNow.AddMinutes(3);
        while (JournalLine.Read(journal).Count(l => l.Kind == "progress") < Learners * 2 && DateTime.UtcNow < until && !client.HasExited)
        {
            await Task.Delay(500);
        }

        Assert.False(client.HasExited, clientOutput.ToString());
        var publishedAt = DateTimeOffset.UtcNow;
        using (var scope = app.Services.CreateScope())
        {
            var studio = scope.ServiceProvider.GetRequiredService<ChapterStudio>();
            var draft = (await studio.GetDraftAsync(before.Chapter.ChapterId))!;
            var blocks = draft.PublishedText.Replace("\r\n", "\n").Split("\n\n").ToList();
            (blocks[1], blocks[2]) = (blocks[2], blocks[1]);
            blocks.Insert(0, "Una diapositiva nueva al principio <break time=\"1.0s\"/>");
            var saved = Assert.IsType<SaveResult.Saved>(await studio.SaveDraftAsync(before.Chapter.ChapterId, string.Join("\n\n", blocks), draft.Revision, "prof@example.com"));
            Assert.IsType<PublishResult.Published>(await studio.PublishAsync(before.Chapter.ChapterId, saved.Revision, "prof@example.com"));
        }

        await client.WaitForExitAsync();
        var confirmedAfter = JournalLine.Read(journal).Count(l => l.Kind == "progress" && l.Sent > publishedAt);
        Assert.True(client.ExitCode == 0, $"the load client met errors:\n{clientOutput}");
        Assert.True(confirmedAfter > Learners, $"only {confirmedAfter} reveals confirmed after the publish");

        await app.Services.GetRequiredService<ProgressRecorder>().FlushAsync();
        ChapterView after;
        using (var scope = app.Services.CreateScope())
        {
            after = (await scope.ServiceProvider.GetRequiredService<CatalogReader>().GetChapterAsync("ai-engineering", "foundation-models"))!;
        }

        var oldKeys = before.Slides.Select(s => s.Key).ToHashSet();
        var newKeys = after.Slides.Select(s => s.Key).ToHashSet();
        Assert.Equal(before.Slides.Count + 1, after.Slides.Count);
        Assert.Equal(before.Slides.Count, newKeys.Count(oldKeys.Contains)); // every slide that stayed kept its key
        Assert.Equal(before.Slides[1].Key, after.Slides[3].Key); // the swapped slides moved with their keys
        Assert.Equal(before.Slides[2].Key, after.Slides[2].Key);

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        var chapterId = before.Chapter.ChapterId;
        var slides = await db.SlideProgress.AsNoTracking().Where(s => s.ChapterId == chapterId).ToListAsync();
        var chapters = await db.ChapterProgress.AsNoTracking().Where(c => c.ChapterId == chapterId).ToListAsync();
        Assert.Equal(Learners, chapters.Count);
        Assert.All(slides, s => Assert.Contains(s.SlideKey, newKeys));
        Assert.All(chapters, c => Assert.Contains(c.CurrentSlideKey, newKeys));
        foreach (var learner in chapters)
        {
            var seen = slides.Count(s => s.UserId == learner.UserId && s.Seen && newKeys.Contains(s.SlideKey));
            Assert.Equal(seen, learner.SeenSlides);
        }

        output.WriteLine($"{(app.OnPostgres ? "PostgreSQL" : "SQLite")}: {Learners} learners, {JournalLine.Read(journal).Count(l => l.Kind == "progress")} reveals confirmed " +
            $"({confirmedAfter} after the publish), {slides.Count} slide rows, all by a key of the new version; client errors 0");
        var errors = log.Entries.Skip(startupLines).Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Message}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private Process StartLearners(string journal, StringBuilder lines)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var client = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../Course.Load/bin", configuration, "net10.0/Course.Load.dll"));
        Assert.True(File.Exists(client), $"build tests/Course.Load first: {client} is missing");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { client, "--server", app.BaseAddress.ToString(), "--scenario", "play", "--learners", $"{Learners}", "--ramp", "10",
                "--duration", "90", "--pace", "0.3", "--account-prefix", $"publish-{Guid.NewGuid():N}", "--journal", journal },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (lines) { lines.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (lines) { lines.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
