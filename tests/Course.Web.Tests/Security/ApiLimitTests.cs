using System.Net;
using Course.Load;
using Course.Web.Data;
using Course.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Security;

/// <summary>
/// The catalogue API's per-client limit (<c>RateLimits:ApiRequestsPerMinute</c>): per address for anonymous clients,
/// per account once signed in; a 429 says why in the client's language and when to come back; pages and the
/// player's circuit are not counted, so a learner who spent the budget still plays on.
/// </summary>
public sealed class ApiLimitTests : IDisposable
{
    private const int Limit = 5;
    private const string Catalogue = "/api/courses/ai-engineering/chapters/foundation-models/captions.vtt";

    private readonly CourseAppFactory app = CourseAppFactory.With(new Dictionary<string, string?> { ["RateLimits:ApiRequestsPerMinute"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public void Dispose() => app.Dispose();

    private static async Task<List<HttpStatusCode>> SpendAsync(HttpClient client, int requests)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < requests; i++)
        {
            using var response = await client.GetAsync(i % 2 == 0 ? "/api/courses/" : Catalogue);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    [Fact]
    public async Task An_anonymous_client_beyond_the_limit_gets_429_with_a_localized_message_and_Retry_After_and_pages_still_load()
    {
        using var client = SignedInClient.Anonymous(app);

        var allowed = await SpendAsync(client, Limit);
        using var refused = await client.GetAsync(Catalogue);
        using var spanish = new HttpRequestMessage(HttpMethod.Get, "/api/courses/") { Headers = { { "Accept-Language", "es" } } };
        using var refusedInSpanish = await client.SendAsync(spanish);
        using var page = await client.GetAsync("/courses/ai-engineering/chapters/foundation-models/slides/1");

        Assert.All(allowed, status => Assert.Equal(HttpStatusCode.OK, status)); // cached answers count, and pass while allowed
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Contains("Too many requests to the course API", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedInSpanish.StatusCode);
        Assert.Contains("Demasiadas peticiones a la API de cursos", await refusedInSpanish.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_client_spends_its_own_accounts_budget_not_its_neighbours()
    {
        await SignedInClient.CreateUserAsync(app, "ana@example.com");
        await SignedInClient.CreateUserAsync(app, "luis@example.com");
        using var ana = await SignedInClient.SignInAsync(app, "ana@example.com");
        using var luis = await SignedInClient.SignInAsync(app, "luis@example.com");
        using var anonymous = SignedInClient.Anonymous(app); // the same address as both

        var anaSpent = await SpendAsync(ana, Limit + 1);
        var luisSpent = await SpendAsync(luis, Limit);
        var anonymousSpent = await SpendAsync(anonymous, Limit);

        Assert.Equal(HttpStatusCode.TooManyRequests, anaSpent[^1]);
        Assert.All(luisSpent, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.All(anonymousSpent, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task A_learner_who_spent_the_API_budget_still_plays_mid_chapter_and_their_progress_is_stored()
    {
        var learnerId = await SignedInClient.CreateUserAsync(app, "ana@example.com");
        using var api = await SignedInClient.SignInAsync(app, "ana@example.com");
        var spent = await SpendAsync(api, Limit + 3);
        Assert.Equal(HttpStatusCode.TooManyRequests, spent[^1]);

        await using var learner = new LearnerSession(app.BaseAddress, new LoadMetrics());
        await learner.SignInAsync("ana@example.com", "a-good-password");
        await learner.OpenPlayerAsync("/courses/ai-engineering/chapters/foundation-models", slide: 2);
        var before = learner.Position();
        for (var step = 0; step < 3; step++)
        {
            await learner.NextStepAsync();
        }

        using var stillRefused = await api.GetAsync("/api/courses/");
        await app.Services.GetRequiredService<Course.Web.Progress.ProgressRecorder>().FlushAsync();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        Assert.NotEqual(before, learner.Position());
        Assert.True(await db.SlideProgress.AnyAsync(p => p.UserId == learnerId), "the learner's steps left no progress");
        Assert.Equal(HttpStatusCode.TooManyRequests, stillRefused.StatusCode);
    }
}
