using Course.Core.Quizzes;
using Course.Web.Data;
using Course.Web.Progress;
using Course.Web.Quizzes;
using Course.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Data;

/// <summary>
/// One learner submitting the same quiz attempt from two pages at the same moment, on the run's provider
/// (SQLite, or PostgreSQL with COURSE_TEST_POSTGRES): one stored attempt, no error. Each round starts the
/// callers together on a gate so the saves really overlap; that they cannot both store is the primary key's
/// doing (the attempt's id), not timing.
/// </summary>
public sealed class ConcurrentAttemptTests : IAsyncLifetime
{
    private const int Rounds = 25;
    private const int Callers = 6;

    private readonly CourseAppFactory app = new();
    private QuizPlay play = null!;

    public async Task InitializeAsync()
    {
        using var scope = app.Services.CreateScope();
        play = (await scope.ServiceProvider.GetRequiredService<QuizCatalog>().GetAsync("ai-engineering", "foundation-models", "final"))!;
    }

    public Task DisposeAsync()
    {
        app.Dispose();
        return Task.CompletedTask;
    }

    private int ChapterId => play.Chapter.Chapter.ChapterId;

    /// <summary>Runs <paramref name="callers"/> at once (released together) and waits for all of them.</summary>
    private static async Task TogetherAsync(IEnumerable<Func<Task>> callers)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = callers.Select(caller => Task.Run(async () =>
        {
            await go.Task;
            await caller();
        })).ToList();
        go.SetResult();
        await Task.WhenAll(running);
    }

    private async Task<List<QuizAttemptRecord>> StoredAsync(string learner)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        return await db.QuizAttemptRecords.AsNoTracking().Include(a => a.Answers).Where(a => a.UserId == learner).ToListAsync();
    }

    [Fact]
    public async Task Saving_one_submitted_attempt_from_several_pages_at_once_stores_it_once()
    {
        var learner = await SignedInClient.CreateUserAsync(app, "ana@example.com");
        var grader = app.Services.GetRequiredService<QuizGrader>();
        var attempts = new List<QuizAttempt>();
        for (var round = 0; round < Rounds; round++)
        {
            var attempt = new QuizAttempt(play.Definition, grader, AttemptKey.New(), DateTimeOffset.UtcNow);
            Assert.Empty(attempt.Submit(new Dictionary<string, Answer>(), DateTimeOffset.UtcNow));
            attempts.Add(attempt);

            // Each caller has its own scope, as each tab has its own circuit.
            await TogetherAsync(Enumerable.Range(0, Callers).Select(_ => (Func<Task>)(async () =>
            {
                using var scope = app.Services.CreateScope();
                await scope.ServiceProvider.GetRequiredService<LearnerProgress>().SaveAttemptAsync(learner, ChapterId, attempt);
            })));
        }

        var stored = await StoredAsync(learner);
        Assert.Equal(attempts.Select(a => a.Id).Order(), stored.Select(a => a.Id).Order());
        Assert.All(stored, a => Assert.Equal(play.Definition.Questions.Count, a.Answers.Count));
    }

    [Fact]
    public async Task Two_pages_of_one_learner_show_one_attempt_and_submitting_both_at_once_grades_and_stores_it_once()
    {
        var learner = await SignedInClient.CreateUserAsync(app, "luis@example.com");
        const string key = "ai-engineering/foundation-models/final"; // as the quiz page names it
        for (var round = 0; round < Rounds; round++)
        {
            using var tabA = app.Services.CreateScope();
            using var tabB = app.Services.CreateScope();
            var a = tabA.ServiceProvider.GetRequiredService<QuizAttempts>().Current(key, play.Definition, AttemptKey.New(), learner);
            var b = tabB.ServiceProvider.GetRequiredService<QuizAttempts>().Current(key, play.Definition, AttemptKey.New(), learner);

            // The second page opens the attempt the first one started: same id, same questions in the same order.
            Assert.Same(a, b);
            Assert.Equal(a.Questions.Select(q => q.Id), b.Questions.Select(q => q.Id));

            // Both press Submit at once.
            var results = new (IReadOnlyDictionary<string, string> Problems, double Score)[2];
            await TogetherAsync(
            [
                async () =>
                {
                    results[0] = (a.Submit(new Dictionary<string, Answer>(), DateTimeOffset.UtcNow), a.Score);
                    await tabA.ServiceProvider.GetRequiredService<LearnerProgress>().SaveAttemptAsync(learner, ChapterId, a);
                },
                async () =>
                {
                    results[1] = (b.Submit(new Dictionary<string, Answer>(), DateTimeOffset.UtcNow), b.Score);
                    await tabB.ServiceProvider.GetRequiredService<LearnerProgress>().SaveAttemptAsync(learner, ChapterId, b);
                },
            ]);

            Assert.All(results, r => Assert.Empty(r.Problems));
            Assert.Equal(results[0].Score, results[1].Score); // both pages show the one result

            // A page opened after the submission starts a new attempt.
            using var tabC = app.Services.CreateScope();
            var next = tabC.ServiceProvider.GetRequiredService<QuizAttempts>().Current(key, play.Definition, AttemptKey.New(), learner);
            Assert.NotEqual(a.Id, next.Id);
            Assert.False(next.IsSubmitted);
        }

        var stored = await StoredAsync(learner);
        Assert.Equal(Rounds, stored.Count);
        Assert.Equal(Rounds, stored.Select(a => a.Id).Distinct().Count());
    }
}
