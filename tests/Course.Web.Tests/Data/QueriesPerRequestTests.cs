using System.Collections.Concurrent;
using System.Diagnostics;
using Course.Core.Quizzes;
using Course.Core.Scripts;
using Course.Web.Chapters;
using Course.Web.Data;
using Course.Web.Progress;
using Course.Web.Quizzes;
using Course.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Course.Web.Tests.Data;

/// <summary>
/// The signed-in pages a class hits at once (the dashboard, a chapter's outline with the learner's place in it) send
/// the database a fixed number of commands, however many chapters a learner has begun and however long they are
/// (docs/performance.md, figure 5). Counted from EF's own diagnostics for this app's database only.
/// </summary>
public sealed class QueriesPerRequestTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly CourseAppFactory app = new();

    public async Task InitializeAsync()
    {
        // "small": one chapter of 10 slides begun; "large": five chapters of 100 slides each, every slide seen.
        var small = await SignedInClient.CreateUserAsync(app, "small@example.com");
        var large = await SignedInClient.CreateUserAsync(app, "large@example.com");
        await LearnAsync(small, await ChapterAsync("short-1", 10));
        for (var i = 1; i <= 5; i++)
        {
            await LearnAsync(large, await ChapterAsync($"long-{i}", 100));
        }
    }

    public Task DisposeAsync()
    {
        app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_dashboard_sends_as_many_commands_for_five_long_chapters_as_for_one_short_one()
    {
        var (smallCount, smallHtml) = await CountAsync("small@example.com", "/me");
        var (largeCount, largeHtml) = await CountAsync("large@example.com", "/me");

        Assert.Contains("Chapter short-1", smallHtml);
        Assert.All(Enumerable.Range(1, 5), i => Assert.Contains($"Chapter long-{i}", largeHtml));
        Assert.Contains("Question long-5", largeHtml); // the wrong answer to review, with its prompt
        Assert.Equal(smallCount, largeCount);
    }

    [Fact]
    public async Task A_chapter_outline_with_progress_sends_as_many_commands_for_100_slides_as_for_10()
    {
        var (smallCount, smallHtml) = await CountAsync("small@example.com", "/courses/ai-engineering/chapters/short-1");
        var (largeCount, largeHtml) = await CountAsync("large@example.com", "/courses/ai-engineering/chapters/long-1");

        Assert.Contains("Slide 10 of short-1", smallHtml);
        Assert.Contains("Slide 100 of long-1", largeHtml);
        Assert.Equal(smallCount, largeCount);
    }

    /// <summary>Commands this app's database ran for the second request of the page (the first fills the caches).</summary>
    private async Task<(int Count, string Html)> CountAsync(string email, string url)
    {
        var client = await SignedInClient.SignInAsync(app, email);
        (await client.GetAsync(url)).EnsureSuccessStatusCode();
        using var counter = new CommandCounter(app.OnPostgres ? new Npgsql.NpgsqlConnectionStringBuilder(app.PostgresConnectionString).Database! : app.DataDirectory);
        using var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        var html = await response.Content.ReadAsStringAsync();
        output.WriteLine($"{email} {url}: {counter.Count} commands");
        return (counter.Count, html);
    }

    private async Task<Chapter> ChapterAsync(string slug, int slides)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var script = new ChapterScript(ScriptMetadata.Empty, [.. Enumerable.Range(1, slides).Select(n => new ScriptSlide(
            [new ScriptSegment($"Slide {n} of {slug}.", Pause.FromMilliseconds(500)), new ScriptSegment("A second line.", Pause.FromMilliseconds(500))]))]);
        var imported = await scope.ServiceProvider.GetRequiredService<ChapterImporter>().ImportAsync(
            new ChapterImportRequest("ai-engineering", script, Title: $"Chapter {slug}", Language: "en", Slug: slug, Publish: true));
        Assert.True(imported.Succeeded, string.Join("; ", imported.Errors));
        var quiz = new QuizBankQuiz("check", $"Check {slug}", QuizKind.Final, null, FeedbackMode.Deferred, 0.5,
        [
            new QuizBankQuestion("q1", 1, $"Question {slug}", "Because.", new ChoiceBody([new Choice("a", "A"), new Choice("b", "B")], ["a"])),
            new QuizBankQuestion("q2", 2, $"Another {slug}", "Because.", new ChoiceBody([new Choice("a", "A"), new Choice("b", "B")], ["b"])),
        ]);
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<QuizImporter>().ImportAsync(imported.Chapter!.Id, new QuizBankFile(null, [quiz])));
        return imported.Chapter;
    }

    /// <summary>Every slide seen to its end, and one attempt with a wrong answer to review.</summary>
    private async Task LearnAsync(string userId, Chapter chapter)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        await using (db)
        {
            var keys = await db.Slides.Where(s => s.ChapterId == chapter.Id).OrderBy(s => s.Position).Select(s => s.Key).ToListAsync();
            var recorder = app.Services.GetRequiredService<ProgressRecorder>();
            foreach (var key in keys)
            {
                recorder.Record(new ProgressEvent(userId, chapter.Id, key, 2, DateTimeOffset.UtcNow, 2, 1000));
            }

            await recorder.FlushAsync();
            db.QuizAttemptRecords.Add(new QuizAttemptRecord
            {
                Id = Guid.NewGuid(),
                UserId = userId,
                ChapterId = chapter.Id,
                QuizSlug = "check",
                StartedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
                SubmittedAt = DateTimeOffset.UtcNow,
                Score = 0.5,
                Passed = true,
                Answers = [new QuizAnswerRecord { QuestionKey = "q1", Score = 0, Answer = "B" }, new QuizAnswerRecord { QuestionKey = "q2", Score = 1, Answer = "B" }],
            });
            await db.SaveChangesAsync();
        }
    }

    /// <summary>Counts the commands EF executes on connections whose connection string contains <paramref name="database"/>.</summary>
    private sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string database;
        private readonly ConcurrentBag<IDisposable> subscriptions = [];
        private int count;

        public CommandCounter(string database)
        {
            this.database = database;
            subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public int Count => Volatile.Read(ref count);

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                subscriptions.Add(listener.Subscribe(this, name => name == RelationalEventId.CommandExecuted.Name));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Value is CommandExecutedEventData executed && executed.Command.Connection?.ConnectionString.Contains(database, StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref count);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            foreach (var subscription in subscriptions)
            {
                subscription.Dispose();
            }
        }
    }
}
