using System.Threading.RateLimiting;

namespace Course.Web.Operations;

/// <summary>
/// Limits the catalogue API (<c>/api/…</c>: courses, chapters, scripts, SSML, captions) per client: per account when
/// signed in, else per address (<c>RateLimits:ApiRequestsPerMinute</c>, default 300, in fixed one-minute windows).
/// It is checked before the output cache, so cached answers count too. Pages and the player's circuit are not
/// counted: a client flooding the API meets 429 while a learner mid-chapter plays on.
/// </summary>
public static class ApiLimits
{
    public const string Prefix = "/api";

    public static PartitionedRateLimiter<HttpContext> Create(IConfiguration configuration)
    {
        var perMinute = Math.Clamp(configuration.GetValue("RateLimits:ApiRequestsPerMinute", 300), 1, 1_000_000);
        return PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            if (!IsApiRequest(context.Request))
            {
                return RateLimitPartition.GetNoLimiter(string.Empty);
            }

            var key = context.User.Identity is { IsAuthenticated: true, Name: { } name }
                ? "api-user:" + name
                : "api-address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = perMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
        });
    }

    public static bool IsApiRequest(HttpRequest request) => request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);
}
