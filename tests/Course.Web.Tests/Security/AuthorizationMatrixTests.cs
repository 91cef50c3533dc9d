using System.Net;
using Course.Web.Data;
using Course.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Security;

/// <summary>
/// Every door the app maps — each page, each endpoint, each method — tried by every role: anonymous, a learner,
/// another learner and an instructor. The doors are read from the app's own endpoint data source, so a new page
/// or endpoint fails <see cref="Every_door_the_app_maps_has_an_expectation"/> until its expectation is written here.
/// </summary>
public sealed class AuthorizationMatrixTests : IAsyncLifetime
{
    private const string Login = "/account/login";
    private const string Denied = "/account/denied";

    private readonly CourseAppFactory app = new();
    private readonly Dictionary<string, HttpClient> clients = [];
    private readonly Dictionary<string, string> samples = [];

    /// <summary>Who may pass a door. Each kind says what every role gets (status, and where a redirect goes).</summary>
    private enum Door
    {
        /// <summary>Everyone gets the same answer.</summary>
        Public,

        /// <summary>Anyone signed in; anonymous visitors are sent to sign in.</summary>
        SignedIn,

        /// <summary>Instructors only; learners are told they may not.</summary>
        Instructor,

        /// <summary>Only the learner whose record it is; anyone else signed in finds nothing.</summary>
        Owner,

        /// <summary>The framework's own plumbing (the circuit's hub, the static-file fallback), not the app's to guard.</summary>
        Framework,
    }

    private sealed record Expectation(Door Door, string SamplePath, HttpStatusCode Allowed = HttpStatusCode.OK);

    /// <summary>Method and route pattern → who may pass, tried at a sample address.</summary>
    private static readonly Dictionary<string, Expectation> Expectations = new()
    {
        ["GET /"] = new(Door.Public, "/"),
        ["GET /courses/{CourseSlug}"] = new(Door.Public, "/courses/ai-engineering"),
        ["GET /courses/{CourseSlug}/chapters/{ChapterSlug}"] = new(Door.Public, "/courses/ai-engineering/chapters/foundation-models"),
        ["GET /courses/{CourseSlug}/chapters/{ChapterSlug}/slides/{SlideNumber:int}"] = new(Door.Public, "/courses/ai-engineering/chapters/foundation-models/slides/1"),
        ["GET /courses/{CourseSlug}/chapters/{ChapterSlug}/quizzes/{QuizSlug}"] = new(Door.Public, "/courses/ai-engineering/chapters/foundation-models/quizzes/tokens"),
        ["GET /tools/tokens"] = new(Door.Public, "/tools/tokens"),
        ["GET /account/login"] = new(Door.Public, "/account/login"),
        ["GET /account/register"] = new(Door.Public, "/account/register"),
        ["GET /account/forgot-password"] = new(Door.Public, "/account/forgot-password"),
        ["GET /account/reset-password"] = new(Door.Public, "/account/reset-password"),
        ["GET /account/denied"] = new(Door.Public, "/account/denied"),
        ["GET /not-found"] = new(Door.Public, "/not-found", HttpStatusCode.NotFound),
        ["GET /error"] = new(Door.Public, "/error"),
        ["GET /culture"] = new(Door.Public, "/culture?culture=es&returnUrl=%2F", HttpStatusCode.Redirect),
        ["* /health/live"] = new(Door.Public, "/health/live"),
        ["* /health/ready"] = new(Door.Public, "/health/ready"),
        ["GET /api/courses/"] = new(Door.Public, "/api/courses/"),
        ["GET /api/courses/{course}"] = new(Door.Public, "/api/courses/ai-engineering"),
        ["GET /api/courses/{course}/chapters/{chapter}"] = new(Door.Public, "/api/courses/ai-engineering/chapters/foundation-models"),
        ["GET /api/courses/{course}/chapters/{chapter}/script"] = new(Door.Public, "/api/courses/ai-engineering/chapters/foundation-models/script"),
        ["GET /api/courses/{course}/chapters/{chapter}/ssml"] = new(Door.Public, "/api/courses/ai-engineering/chapters/foundation-models/ssml"),
        ["GET /api/courses/{course}/chapters/{chapter}/captions.vtt"] = new(Door.Public, "/api/courses/ai-engineering/chapters/foundation-models/captions.vtt"),
        // A clip nobody placed in a published chapter: no one learns it exists (NarrationEndpointTests covers placed ones).
        ["GET /api/narration/clips/{file}"] = new(Door.Public, "/api/narration/clips/" + new string('0', 64) + ".webm", HttpStatusCode.NotFound),
        ["GET /courses/{CourseSlug}/chapters/{ChapterSlug}/transcript"] = new(Door.Public, "/courses/ai-engineering/chapters/foundation-models/transcript"),
        ["POST /courses/{CourseSlug}/chapters/{ChapterSlug}/transcript"] = new(Door.Public, "/courses/ai-engineering/chapters/foundation-models/transcript", HttpStatusCode.BadRequest),
        ["GET /me"] = new(Door.SignedIn, "/me"),
        ["GET /me/password"] = new(Door.SignedIn, "/me/password"),
        ["GET /me/export"] = new(Door.SignedIn, "/me/export"),
        ["GET /me/attempts/{AttemptId:guid}"] = new(Door.Owner, "/me/attempts/{attempt}"),
        ["GET /studio"] = new(Door.Instructor, "/studio"),
        ["GET /studio/analytics"] = new(Door.Instructor, "/studio/analytics"),
        ["GET /studio/analytics/{course}/{chapter}/{table}.csv"] = new(Door.Instructor, "/studio/analytics/ai-engineering/foundation-models/slides.csv"),
        ["GET /studio/chapters/{Id:int}"] = new(Door.Instructor, "/studio/chapters/{chapter}"),
        ["GET /studio/chapters/{Id:int}/history"] = new(Door.Instructor, "/studio/chapters/{chapter}/history"),
        ["GET /studio/chapters/{ChapterId:int}/quizzes"] = new(Door.Instructor, "/studio/chapters/{chapter}/quizzes"),
        ["GET /studio/chapters/{id:int}/export"] = new(Door.Instructor, "/studio/chapters/{chapter}/export"),
        ["GET /studio/courses/{id:int}/package"] = new(Door.Instructor, "/studio/courses/{course}/package"),

        // Posts without the form's antiforgery token: those the role may not make are turned away first (sign in,
        // or denied); the others reach the antiforgery check, which refuses them (400), so nothing changes.
        ["POST /"] = new(Door.Public, "/", HttpStatusCode.BadRequest),
        ["POST /courses/{CourseSlug}"] = new(Door.Public, "/courses/ai-engineering", HttpStatusCode.BadRequest),
        ["POST /courses/{CourseSlug}/chapters/{ChapterSlug}"] = new(Door.Public, "/courses/ai-engineering/chapters/foundation-models", HttpStatusCode.BadRequest),
        ["POST /courses/{CourseSlug}/chapters/{ChapterSlug}/slides/{SlideNumber:int}"] = new(Door.Public, "/courses/ai-engineering/chapters/foundation-models/slides/1", HttpStatusCode.BadRequest),
        ["POST /courses/{CourseSlug}/chapters/{ChapterSlug}/quizzes/{QuizSlug}"] = new(Door.Public, "/courses/ai-engineering/chapters/foundation-models/quizzes/tokens", HttpStatusCode.BadRequest),
        ["POST /tools/tokens"] = new(Door.Public, "/tools/tokens", HttpStatusCode.BadRequest),
        ["POST /account/login"] = new(Door.Public, "/account/login", HttpStatusCode.BadRequest),
        ["POST /account/register"] = new(Door.Public, "/account/register", HttpStatusCode.BadRequest),
        ["POST /account/forgot-password"] = new(Door.Public, "/account/forgot-password", HttpStatusCode.BadRequest),
        ["POST /account/reset-password"] = new(Door.Public, "/account/reset-password", HttpStatusCode.BadRequest),
        ["POST /account/denied"] = new(Door.Public, "/account/denied", HttpStatusCode.BadRequest),
        ["POST /account/logout"] = new(Door.Public, "/account/logout", HttpStatusCode.BadRequest),
        ["POST /not-found"] = new(Door.Public, "/not-found", HttpStatusCode.BadRequest),
        ["POST /error"] = new(Door.Public, "/error", HttpStatusCode.BadRequest),
        ["POST /me"] = new(Door.SignedIn, "/me", HttpStatusCode.BadRequest),
        ["POST /me/password"] = new(Door.SignedIn, "/me/password", HttpStatusCode.BadRequest),
        ["POST /me/attempts/{AttemptId:guid}"] = new(Door.SignedIn, "/me/attempts/{attempt}", HttpStatusCode.BadRequest),
        ["POST /studio"] = new(Door.Instructor, "/studio", HttpStatusCode.BadRequest),
        ["POST /studio/analytics"] = new(Door.Instructor, "/studio/analytics", HttpStatusCode.BadRequest),
        ["POST /studio/chapters/{Id:int}"] = new(Door.Instructor, "/studio/chapters/{chapter}", HttpStatusCode.BadRequest),
        ["POST /studio/chapters/{Id:int}/history"] = new(Door.Instructor, "/studio/chapters/{chapter}/history", HttpStatusCode.BadRequest),
        ["POST /studio/chapters/{ChapterId:int}/quizzes"] = new(Door.Instructor, "/studio/chapters/{chapter}/quizzes", HttpStatusCode.BadRequest),
        ["POST /studio/chapters/{id:int}/draft"] = new(Door.Instructor, "/studio/chapters/{chapter}/draft", HttpStatusCode.BadRequest),
        ["POST /studio/import"] = new(Door.Instructor, "/studio/import", HttpStatusCode.BadRequest),
        ["POST /studio/packages"] = new(Door.Instructor, "/studio/packages", HttpStatusCode.BadRequest),

        ["* /_blazor"] = new(Door.Framework, ""),
        ["* /_blazor/negotiate"] = new(Door.Framework, ""),
        ["* /_blazor/disconnect/"] = new(Door.Framework, ""),
        ["* /_blazor/initializers/"] = new(Door.Framework, ""),
        ["GET /_framework/opaque-redirect"] = new(Door.Framework, ""),
        ["GET {**path:file}"] = new(Door.Framework, ""),
        ["HEAD {**path:file}"] = new(Door.Framework, ""),
    };

    public async Task InitializeAsync()
    {
        var learner = await SignedInClient.CreateUserAsync(app, "ana@example.com");
        await SignedInClient.CreateUserAsync(app, "luis@example.com");
        await SignedInClient.CreateUserAsync(app, "prof@example.com", instructor: true);
        clients["anonymous"] = SignedInClient.Anonymous(app);
        clients["learner"] = await SignedInClient.SignInAsync(app, "ana@example.com");
        clients["other learner"] = await SignedInClient.SignInAsync(app, "luis@example.com");
        clients["instructor"] = await SignedInClient.SignInAsync(app, "prof@example.com");

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        var chapter = await db.Chapters.SingleAsync(c => c.Slug == "foundation-models");
        var attempt = new QuizAttemptRecord
        {
            Id = Guid.NewGuid(), UserId = learner, ChapterId = chapter.Id, QuizSlug = "tokens",
            StartedAt = DateTimeOffset.UtcNow, SubmittedAt = DateTimeOffset.UtcNow, Score = 0.5, Passed = false,
        };
        db.QuizAttemptRecords.Add(attempt);
        await db.SaveChangesAsync();
        samples["{attempt}"] = attempt.Id.ToString();
        samples["{chapter}"] = chapter.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        samples["{course}"] = chapter.CourseId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task DisposeAsync()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        app.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Every route the app maps, once per method ("*" for any method).</summary>
    private List<string> Doors() =>
    [
        .. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !e.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor"))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(method => $"{method} {e.RoutePattern.RawText}"))
            .Distinct()
            .Order(StringComparer.Ordinal),
    ];

    [Fact]
    public void Every_door_the_app_maps_has_an_expectation()
    {
        var doors = Doors();

        var unexpected = doors.Where(d => !Expectations.ContainsKey(d)).ToList();
        var gone = Expectations.Keys.Where(k => !doors.Contains(k)).ToList(); // and no expectation outlives its door
        Assert.True(unexpected.Count == 0, "doors without an expectation: " + string.Join(", ", unexpected));
        Assert.True(gone.Count == 0, "expectations for doors the app no longer maps: " + string.Join(", ", gone));
    }

    [Fact]
    public async Task Every_role_reaches_only_what_it_may_at_every_door()
    {
        var failures = new List<string>();
        var tried = 0;
        foreach (var door in Doors())
        {
            var expectation = Expectations[door];
            if (expectation.Door == Door.Framework)
            {
                continue;
            }

            var method = door[..door.IndexOf(' ', StringComparison.Ordinal)] is var m && m == "*" ? "GET" : m;
            var path = samples.Aggregate(expectation.SamplePath, (p, s) => p.Replace(s.Key, s.Value, StringComparison.Ordinal));
            foreach (var (who, client) in clients)
            {
                var (status, location) = Expected(expectation, who);
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method == "POST")
                {
                    request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["probe"] = "1" });
                }

                using var response = await client.SendAsync(request);
                tried++;
                var got = response.Headers.Location is { } to ? new Uri(app.BaseAddress, to).AbsolutePath : null;
                if (response.StatusCode != status || (location is not null && got?.StartsWith(location, StringComparison.Ordinal) != true))
                {
                    failures.Add($"{who} {method} {path}: expected {(int)status}{(location is null ? "" : " → " + location)}, got {(int)response.StatusCode}{(got is null ? "" : " → " + got)}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {tried} accesses went wrong:\n" + string.Join("\n", failures));
        Assert.True(tried >= 4 * 50, $"only {tried} accesses tried");
    }

    private static (HttpStatusCode Status, string? Location) Expected(Expectation expectation, string who) => (expectation.Door, who) switch
    {
        (Door.Public, _) => (expectation.Allowed, null),
        (_, "anonymous") => (HttpStatusCode.Redirect, Login),
        (Door.Instructor, "learner" or "other learner") => (HttpStatusCode.Redirect, Denied),
        (Door.Owner, "other learner" or "instructor") => (HttpStatusCode.NotFound, null),
        _ => (expectation.Allowed, null),
    };
}
