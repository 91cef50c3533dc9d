using System.Security.Claims;
using Bunit;
using Course.Core.Quizzes;
using Course.Core.Tokens;
using Course.Web.Catalog;
using Course.Web.Components.Pages.Quizzes;
using Course.Web.Data;
using Course.Web.Progress;
using Course.Web.Quizzes;
using Course.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Components;

/// <summary>
/// A signed-in learner's submitted quiz: the result is shown only once the attempt is stored, so a result the learner
/// saw is one the server kept; when storing fails the learner is told and can store it again, nothing lost.
/// </summary>
[Collection(SharedAppCollection.Name)]
public class QuizStorageTests : BunitContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly CourseAppFactory app;
    private readonly FailingContextFactory database;
    private readonly string learner;

    public QuizStorageTests(CourseAppFactory app)
    {
        this.app = app;
        database = new FailingContextFactory(app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>());
        learner = Task.Run(() => SignedInClient.CreateUserAsync(app, $"storing-{Guid.NewGuid():N}@example.com")).Result;
        var scope = app.Services.CreateScope();
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        Services.AddSingleton(scope.ServiceProvider.GetRequiredService<QuizCatalog>());
        Services.AddSingleton(new LearnerProgress(database, scope.ServiceProvider.GetRequiredService<CatalogReader>(), scope.ServiceProvider.GetRequiredService<QuizCatalog>()));
        Services.AddSingleton(new QuizAttempts(new QuizGrader(app.Services.GetRequiredService<TokenExplorer>()), TimeProvider.System));
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(app.Services.GetRequiredService<QuizDrafts>());
        Services.AddLogging();
        Services.AddSingleton(app.Services.GetRequiredService<Course.Web.Operations.CourseMetrics>());
        AddAuthorization().SetAuthorized("storing@example.com").SetClaims(new Claim(ClaimTypes.NameIdentifier, learner));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private IRenderedComponent<QuizRunner> RenderFinalQuiz()
    {
        var cut = Render<QuizRunner>(p => p
            .Add(c => c.CourseSlug, "ai-engineering")
            .Add(c => c.ChapterSlug, "foundation-models")
            .Add(c => c.QuizSlug, "final"));
        cut.WaitForElement(".quiz .submit", Patience);
        cut.Find("#q-pares-clip input").Input("400");
        return cut;
    }

    private async Task<int> StoredAttemptsAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        return await db.QuizAttemptRecords.CountAsync(a => a.UserId == learner && a.QuizSlug == "final");
    }

    [Fact]
    public async Task The_result_and_feedback_appear_only_once_the_attempt_is_stored()
    {
        var cut = RenderFinalQuiz();
        var slowDatabase = new TaskCompletionSource();
        database.Hold = slowDatabase.Task;

        // The click's handler waits for the database, so it is awaited only once the database answers.
        var submitting = cut.Find(".submit button").ClickAsync(new());

        // Graded in memory, not stored yet: nothing of the result or the grades has reached the page.
        await Task.Delay(300);
        Assert.False(submitting.IsCompleted);
        Assert.Empty(cut.FindAll(".result"));
        Assert.Empty(cut.FindAll(".feedback"));
        Assert.Equal(0, await StoredAttemptsAsync());

        slowDatabase.SetResult();
        await submitting.WaitAsync(Patience);
        Assert.Contains("Not passed yet", cut.WaitForElement(".result h2", Patience).TextContent);
        Assert.Equal(14, cut.FindAll(".feedback").Count);
        Assert.Equal(1, await StoredAttemptsAsync());
    }

    [Fact]
    public async Task A_submission_the_database_refuses_shows_no_result_says_so_and_is_stored_on_the_next_try()
    {
        var cut = RenderFinalQuiz();
        database.FailNext(int.MaxValue, () => new InvalidOperationException("the database is down"));

        await cut.Find(".submit button").ClickAsync(new());

        var alert = cut.WaitForElement("[role=alert]", Patience);
        Assert.Contains("could not be saved", alert.TextContent);
        Assert.Empty(cut.FindAll(".result"));
        Assert.Empty(cut.FindAll(".feedback"));
        Assert.Equal(0, await StoredAttemptsAsync());

        database.Heal();
        await cut.Find("button.button--primary").ClickAsync(new());
        Assert.Contains("Not passed yet", cut.WaitForElement(".result h2", Patience).TextContent);
        Assert.Equal(1, await StoredAttemptsAsync());
    }
}
