using System.Net;
using Course.Web.Tests.Infrastructure;

namespace Course.Web.Tests.Operations;

public sealed class RateLimitTests : IDisposable
{
    private readonly CourseAppFactory app = CourseAppFactory.With(new Dictionary<string, string?> { ["RateLimits:AccountPostsPerMinute"] = "3" });

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Sign_in_posts_beyond_the_limit_get_429_with_a_message_and_pages_still_load()
    {
        using var client = SignedInClient.Anonymous(app);
        var wrong = new Dictionary<string, string> { ["Input.Email"] = "nobody@example.com", ["Input.Password"] = "not-the-password" };
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            using var allowed = await SignedInClient.PostFormAsync(client, "/account/login", wrong);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode); // the form again, with its error
        }

        using var refused = await SignedInClient.PostFormAsync(client, "/account/login", wrong);
        using var page = await client.GetAsync("/account/login");
        using var other = await client.GetAsync("/courses/ai-engineering");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.RetryAfter?.ToString());
        Assert.Contains("Too many attempts", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Registration_shares_the_limit()
    {
        using var client = SignedInClient.Anonymous(app);
        HttpStatusCode last = default;
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var response = await SignedInClient.PostFormAsync(client, "/account/register", new()
            {
                ["Input.Email"] = $"bulk-{attempt}-{Guid.NewGuid():N}@example.com",
                ["Input.Password"] = "a-good-password",
                ["Input.ConfirmPassword"] = "a-good-password",
            });
            last = response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last);
    }
}
