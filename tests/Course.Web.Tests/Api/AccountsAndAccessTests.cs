using System.Net;
using System.Text.Json;
using Course.Web.Cli;
using Course.Web.Data;
using Course.Web.Progress;
using Course.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Api;

/// <summary>Every role against every protected page and endpoint, and the account flows around them.</summary>
public sealed class AccountsAndAccessTests : IAsyncLifetime
{
    private readonly CourseAppFactory app = new();
    private string learnerId = "";
    private string otherId = "";

    public async Task InitializeAsync()
    {
        learnerId = await SignedInClient.CreateUserAsync(app, "ana@example.com");
        otherId = await SignedInClient.CreateUserAsync(app, "luis@example.com");
        await SignedInClient.CreateUserAsync(app, "prof@example.com", instructor: true);
    }

    public Task DisposeAsync()
    {
        app.Dispose();
        return Task.CompletedTask;
    }

    public static TheoryData<string, string, HttpStatusCode, string?> Matrix => new()
    {
        // who, url → status, and where a redirect goes
        { "anonymous", "/me", HttpStatusCode.Redirect, "/account/login" },
        { "anonymous", "/me/export", HttpStatusCode.Redirect, "/account/login" },
        { "anonymous", "/me/password", HttpStatusCode.Redirect, "/account/login" },
        { "anonymous", "/studio/analytics", HttpStatusCode.Redirect, "/account/login" },
        { "anonymous", "/studio/analytics/ai-engineering/foundation-models/slides.csv", HttpStatusCode.Redirect, "/account/login" },
        { "learner", "/me", HttpStatusCode.OK, null },
        { "learner", "/me/export", HttpStatusCode.OK, null },
        { "learner", "/studio/analytics", HttpStatusCode.Redirect, "/account/denied" },
        { "learner", "/studio/analytics/ai-engineering/foundation-models/slides.csv", HttpStatusCode.Redirect, "/account/denied" },
        { "instructor", "/studio/analytics", HttpStatusCode.OK, null },
        { "instructor", "/studio/analytics/ai-engineering/foundation-models/questions.csv", HttpStatusCode.OK, null },
        { "instructor", "/studio/analytics/ai-engineering/foundation-models/nope.csv", HttpStatusCode.NotFound, null },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_reaches_only_what_it_may(string who, string url, HttpStatusCode status, string? redirect)
    {
        var client = who switch
        {
            "learner" => await SignedInClient.SignInAsync(app, "ana@example.com"),
            "instructor" => await SignedInClient.SignInAsync(app, "prof@example.com"),
            _ => SignedInClient.Anonymous(app),
        };

        using var response = await client.GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        if (redirect is not null)
        {
            Assert.StartsWith(redirect, response.Headers.Location!.PathAndQuery);
        }
    }

    [Fact]
    public async Task A_learner_exports_only_their_own_data()
    {
        var recorder = app.Services.GetRequiredService<ProgressRecorder>();
        var (chapterId, key) = await FirstSlide();
        recorder.Record(new ProgressEvent(learnerId, chapterId, key, 1, DateTimeOffset.UtcNow, 1, 1000));
        recorder.Record(new ProgressEvent(otherId, chapterId, key, 1, DateTimeOffset.UtcNow, 1, 1000));
        await recorder.FlushAsync();
        var client = await SignedInClient.SignInAsync(app, "ana@example.com");

        var json = JsonDocument.Parse(await client.GetStringAsync("/me/export")).RootElement;

        Assert.Equal("ana@example.com", json.GetProperty("account").GetProperty("email").GetString());
        Assert.Single(json.GetProperty("chapters").EnumerateArray());
        Assert.Single(json.GetProperty("slides").EnumerateArray());
        Assert.DoesNotContain("luis@example.com", json.GetRawText());
    }

    [Fact]
    public async Task Registering_signs_in_as_a_learner_and_a_used_email_is_refused()
    {
        var client = SignedInClient.Anonymous(app);

        using var created = await SignedInClient.PostFormAsync(client, "/account/register?returnUrl=%2Fme",
            new() { ["Input.Email"] = "nuevo@example.com", ["Input.Password"] = "una-clave-larga", ["Input.ConfirmPassword"] = "una-clave-larga" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.EndsWith("/me", created.Headers.Location!.OriginalString);
        using var dashboard = await client.GetAsync("/me");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        // A new learner's page has the way in on it: start the seeded chapter from its first slide.
        var page = await dashboard.Content.ReadAsStringAsync();
        Assert.Contains("href=\"/courses/ai-engineering/chapters/foundation-models/slides/1?play=1\"", page, StringComparison.Ordinal);

        using var again = await SignedInClient.PostFormAsync(SignedInClient.Anonymous(app), "/account/register",
            new() { ["Input.Email"] = "nuevo@example.com", ["Input.Password"] = "una-clave-larga", ["Input.ConfirmPassword"] = "una-clave-larga" });
        Assert.Contains("An account with this e-mail already exists.", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        var client = SignedInClient.Anonymous(app);
        string html = "";
        for (var i = 0; i < 5; i++)
        {
            using var response = await SignedInClient.PostFormAsync(client, "/account/login", new() { ["Input.Email"] = "luis@example.com", ["Input.Password"] = "wrong-password" });
            html = await response.Content.ReadAsStringAsync();
        }

        Assert.Contains("locked for 15 minutes", html);
        using var right = await SignedInClient.PostFormAsync(client, "/account/login", new() { ["Input.Email"] = "luis@example.com", ["Input.Password"] = "a-good-password" });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode); // still locked: the form comes back
    }

    [Fact]
    public async Task A_forged_form_post_without_its_antiforgery_token_is_refused()
    {
        var client = SignedInClient.Anonymous(app);

        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.Email"] = "ana@example.com", ["Input.Password"] = "a-good-password",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Deleting_the_account_removes_its_progress_and_attempts()
    {
        var recorder = app.Services.GetRequiredService<ProgressRecorder>();
        var (chapterId, key) = await FirstSlide();
        recorder.Record(new ProgressEvent(learnerId, chapterId, key, 1, DateTimeOffset.UtcNow, 1, 1000));
        await recorder.FlushAsync();
        var client = await SignedInClient.SignInAsync(app, "ana@example.com");

        using var wrong = await SignedInClient.PostFormAsync(client, "/me", new() { ["Delete.Password"] = "nope-nope" }, formName: "delete-account");
        Assert.Contains("That password is not right.", await wrong.Content.ReadAsStringAsync());
        using var deleted = await SignedInClient.PostFormAsync(client, "/me", new() { ["Delete.Password"] = "a-good-password" }, formName: "delete-account");

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Users.AnyAsync(u => u.Id == learnerId));
        Assert.False(await db.ChapterProgress.AnyAsync(p => p.UserId == learnerId));
        Assert.False(await db.SlideProgress.AnyAsync(p => p.UserId == learnerId));
    }

    [Fact]
    public async Task An_operator_promotes_a_user_to_instructor_from_the_command_line()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        Assert.Equal(OperatorCommands.Ok, await OperatorCommands.RunAsync(app.Services, ["users", "promote", "luis@example.com"], output, error));
        Assert.Equal(OperatorCommands.NotFound, await OperatorCommands.RunAsync(app.Services, ["users", "promote", "nadie@example.com"], output, error));

        Assert.Contains("luis@example.com is now an instructor.", output.ToString());
        Assert.Contains("there is no account with the e-mail 'nadie@example.com'", error.ToString());
        var client = await SignedInClient.SignInAsync(app, "luis@example.com");
        using var studio = await client.GetAsync("/studio/analytics");
        Assert.Equal(HttpStatusCode.OK, studio.StatusCode);
    }

    private async Task<(int ChapterId, string Key)> FirstSlide()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        var slide = await db.Slides.OrderBy(s => s.Position).FirstAsync();
        return (slide.ChapterId, slide.Key);
    }

    [Fact]
    public async Task Another_learners_attempt_is_not_found_and_your_own_is_shown()
    {
        var (chapterId, _) = await FirstSlide();
        var id = Guid.NewGuid();
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync())
        {
            db.QuizAttemptRecords.Add(new QuizAttemptRecord
            {
                Id = id, UserId = learnerId, ChapterId = chapterId, QuizSlug = "final", StartedAt = DateTimeOffset.UtcNow,
                SubmittedAt = DateTimeOffset.UtcNow, Score = 0.5,
                Answers = [new QuizAnswerRecord { QuestionKey = "pares-clip", Score = 1, Answer = "400" }],
            });
            await db.SaveChangesAsync();
        }

        using var mine = await (await SignedInClient.SignInAsync(app, "ana@example.com")).GetAsync($"/me/attempts/{id}");
        using var theirs = await (await SignedInClient.SignInAsync(app, "luis@example.com")).GetAsync($"/me/attempts/{id}");
        using var guessed = await (await SignedInClient.SignInAsync(app, "luis@example.com")).GetAsync($"/me/attempts/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Contains("pares-clip", await mine.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);
    }

    [Fact]
    public async Task Forgotten_password_answers_the_same_for_any_address_and_the_reset_link_sets_a_new_password()
    {
        using var known = await SignedInClient.PostFormAsync(SignedInClient.Anonymous(app), "/account/forgot-password", new() { ["Input.Email"] = "ana@example.com" });
        using var unknown = await SignedInClient.PostFormAsync(SignedInClient.Anonymous(app), "/account/forgot-password", new() { ["Input.Email"] = "nadie@example.com" });
        Assert.Contains("a link to reset its password is on its way", await known.Content.ReadAsStringAsync());
        Assert.Contains("a link to reset its password is on its way", await unknown.Content.ReadAsStringAsync());

        string code;
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Course.Web.Data.AppUser>>();
            code = await users.GeneratePasswordResetTokenAsync((await users.FindByEmailAsync("ana@example.com"))!);
        }

        var link = $"/account/reset-password?email=ana%40example.com&code={Uri.EscapeDataString(code)}";
        using var forged = await SignedInClient.PostFormAsync(SignedInClient.Anonymous(app), "/account/reset-password?email=ana%40example.com&code=forged",
            new() { ["Input.Password"] = "otra-clave-larga", ["Input.ConfirmPassword"] = "otra-clave-larga" });
        Assert.Contains("This link is not valid any more", await forged.Content.ReadAsStringAsync());
        using var reset = await SignedInClient.PostFormAsync(SignedInClient.Anonymous(app), link,
            new() { ["Input.Password"] = "otra-clave-larga", ["Input.ConfirmPassword"] = "otra-clave-larga" });
        Assert.Contains("Your password has been changed.", await reset.Content.ReadAsStringAsync());

        await SignedInClient.SignInAsync(app, "ana@example.com", "otra-clave-larga");
    }

    [Fact]
    public async Task A_signed_in_learner_changes_their_password()
    {
        var client = await SignedInClient.SignInAsync(app, "ana@example.com");

        using var wrong = await SignedInClient.PostFormAsync(client, "/me/password",
            new() { ["Input.CurrentPassword"] = "not-it-at-all", ["Input.Password"] = "nueva-clave-1", ["Input.ConfirmPassword"] = "nueva-clave-1" });
        Assert.Contains("That password is not right.", await wrong.Content.ReadAsStringAsync());
        using var changed = await SignedInClient.PostFormAsync(client, "/me/password",
            new() { ["Input.CurrentPassword"] = "a-good-password", ["Input.Password"] = "nueva-clave-1", ["Input.ConfirmPassword"] = "nueva-clave-1" });

        Assert.Contains("Your password has been changed.", await changed.Content.ReadAsStringAsync());
        await SignedInClient.SignInAsync(app, "ana@example.com", "nueva-clave-1");
    }
}
