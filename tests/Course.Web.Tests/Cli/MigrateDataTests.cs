using System.Net;
using Course.Web.Accounts;
using Course.Web.Cli;
using Course.Web.Data;
using Course.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Cli;

/// <summary>
/// migrate-data on a generated school: thousands of learners with progress and quiz attempts. On the
/// PostgreSQL run the copy goes SQLite → PostgreSQL → SQLite; without a server, SQLite → SQLite.
/// </summary>
public sealed class MigrateDataTests : IDisposable
{
    private const int Learners = 3000;

    private readonly CourseAppFactory source = CourseAppFactory.OnSqlite();
    private readonly List<string> createdDatabases = [];
    private readonly string folder = Directory.CreateTempSubdirectory("course-copy-").FullName;

    public void Dispose()
    {
        source.Dispose();
        createdDatabases.ForEach(CourseAppFactory.DropPostgresDatabase);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private string SourceFile => Path.Combine(source.DataDirectory, "course.db");

    /// <summary>An empty target: a new PostgreSQL database when the run has a server, else a new SQLite file.</summary>
    private string EmptyTarget(string name)
    {
        if (CourseAppFactory.CreatePostgresDatabase() is { } postgres)
        {
            createdDatabases.Add(postgres);
            return "postgres:" + postgres;
        }

        return "sqlite:" + Path.Combine(folder, name + ".db");
    }

    private static async Task<(int Code, string Output, string Error)> MigrateData(string from, string to)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await DataMigrationCommand.RunAsync(["migrate-data", "--from", from, "--to", to], output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_school_with_thousands_of_learners_moves_and_comes_back_identical()
    {
        var learnerId = await SignedInClient.CreateUserAsync(source, "marta@example.com");
        await GenerateSchoolAsync(learnerId);
        var target = EmptyTarget("copy");
        await using (var sourceDb = await source.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(Learners + 2, await sourceDb.Users.CountAsync()); // and the development instructor
        }

        var there = await MigrateData("sqlite:" + SourceFile, target);
        var back = await MigrateData(target, "sqlite:" + Path.Combine(folder, "back.db"));

        Assert.True(there.Code == 0, there.Error);
        Assert.True(back.Code == 0, back.Error);
        Assert.Contains("every table's row count and checksum match", there.Output);
        Assert.Contains($"copied SlideProgress: {(Learners * 5) + 1} rows", there.Output);
        Assert.Contains($"copied AspNetUsers: {Learners + 2} rows", back.Output);

        // The moved school works: the learner signs in (same password hash, same key ring) and sees her
        // progress, and new rows get fresh ids after the copied ones.
        using var moved = target.StartsWith("postgres:", StringComparison.Ordinal)
            ? CourseAppFactory.With(sharedPostgresDatabase: target["postgres:".Length..])
            : CourseAppFactory.With(new Dictionary<string, string?> { ["ConnectionStrings:Course"] = DatabaseSetup.SqliteFileConnectionString(target["sqlite:".Length..]) });
        using var client = await SignedInClient.SignInAsync(moved, "marta@example.com");
        var dashboard = await client.GetStringAsync("/me");
        Assert.Contains("foundation-models", dashboard);
        await using var db = await moved.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        var maxId = await db.SlideProgress.MaxAsync(p => p.Id);
        db.SlideProgress.Add(new SlideProgress { UserId = learnerId, ChapterId = 1, SlideKey = "new-row" });
        await db.SaveChangesAsync();
        Assert.True(await db.SlideProgress.MaxAsync(p => p.Id) > maxId);
    }

    [Fact]
    public async Task A_target_that_is_not_empty_is_refused_and_left_as_it_was()
    {
        var target = EmptyTarget("busy");
        Assert.Equal(0, (await MigrateData("sqlite:" + SourceFile, target)).Code);
        await SignedInClient.CreateUserAsync(source, "late@example.com");

        var again = await MigrateData("sqlite:" + SourceFile, target);

        Assert.Equal(OperatorCommands.InvalidInput, again.Code);
        Assert.Contains("is not empty", again.Error);
        Assert.Contains("nothing there is overwritten", again.Error);
        Assert.DoesNotContain("late@example.com", (await MigrateData(target, "sqlite:" + Path.Combine(folder, "check.db"))).Output);
    }

    [Theory]
    [InlineData(new[] { "migrate-data", "--from", "mysql:x", "--to", "sqlite:y.db" }, "not a database")]
    [InlineData(new[] { "migrate-data", "--from", "sqlite:x.db" }, "needs --to")]
    public async Task Bad_arguments_are_usage_errors(string[] args, string message)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await DataMigrationCommand.RunAsync(args, output, error);

        Assert.Equal(OperatorCommands.UsageError, code);
        Assert.Contains(message, error.ToString());
    }

    [Fact]
    public async Task A_missing_source_file_is_reported_and_nothing_is_created()
    {
        var missing = Path.Combine(folder, "missing.db");

        var result = await MigrateData("sqlite:" + missing, "sqlite:" + Path.Combine(folder, "out.db"));

        Assert.Equal(OperatorCommands.InvalidInput, result.Code);
        Assert.Contains("no such file", result.Error);
        Assert.False(File.Exists(missing));
    }

    private async Task GenerateSchoolAsync(string learnerId)
    {
        await using var db = await source.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        var chapter = await db.Chapters.Include(c => c.Slides).SingleAsync();
        var keys = chapter.Slides.OrderBy(s => s.Position).Select(s => s.Key).Take(5).ToList();
        var start = new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);
        db.SlideProgress.Add(new SlideProgress { UserId = learnerId, ChapterId = chapter.Id, SlideKey = keys[0], FirstReachedAt = start, LastReachedAt = start, MaxRevealed = 1, SegmentCount = 1, Seen = true });
        db.ChapterProgress.Add(new ChapterProgress { UserId = learnerId, ChapterId = chapter.Id, CurrentSlideKey = keys[0], CurrentSegment = 1, StartedAt = start, LastActivityAt = start, SeenSlides = 1 });
        for (var i = 0; i < Learners; i++)
        {
            var id = Guid.NewGuid().ToString();
            var email = $"learner{i}@school.example";
            var at = start.AddMinutes(i).AddTicks(i * 7); // sub-microsecond ticks are part of the test
            db.Users.Add(new AppUser { Id = id, UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), CreatedAt = at });
            db.ChapterProgress.Add(new ChapterProgress { UserId = id, ChapterId = chapter.Id, CurrentSlideKey = keys[i % 5], CurrentSegment = 1, StartedAt = at, LastActivityAt = at.AddMinutes(3), TimeSpentMilliseconds = 180_000 + i, SeenSlides = i % 5 });
            foreach (var key in keys)
            {
                db.SlideProgress.Add(new SlideProgress { UserId = id, ChapterId = chapter.Id, SlideKey = key, FirstReachedAt = at, LastReachedAt = at, MaxRevealed = 2, TimeSpentMilliseconds = 4000, SegmentCount = 2, NeededMilliseconds = 3000, Seen = i % 3 == 0 });
            }

            db.QuizAttemptRecords.Add(new QuizAttemptRecord
            {
                Id = Guid.NewGuid(), UserId = id, ChapterId = chapter.Id, QuizSlug = "tokens", StartedAt = at, SubmittedAt = at.AddMinutes(2),
                Score = (i % 7) / 7.0, Passed = i % 2 == 0,
                Answers = [new() { QuestionKey = "q1", Score = 1, Answer = "autorregresivo ñ \"quoted\"" }, new() { QuestionKey = "q2", Score = 0.5, Answer = null }],
            });
        }

        await db.SaveChangesAsync();
    }
}
