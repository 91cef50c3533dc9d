using System.Threading.RateLimiting;

namespace Course.Web.Operations;

/// <summary>
/// Caps the live interactive connections (each a Blazor circuit) one client holds at once: per account when
/// signed in (<c>RateLimits:CircuitsPerUser</c>, default 20), else per address (<c>RateLimits:CircuitsPerAddress</c>,
/// default 200: a school's learners may share one address behind its router). The connection to
/// <c>/_blazor</c> holds its permit as long as it is open, so a client opening circuits in a loop gets 429 once
/// it holds the cap, and the next one is allowed when one closes. Pages without a circuit are not limited.
/// </summary>
public static class CircuitLimits
{
    public const string HubPath = "/_blazor";

    public static PartitionedRateLimiter<HttpContext> Create(IConfiguration configuration)
    {
        var perUser = Bounded(configuration.GetValue("RateLimits:CircuitsPerUser", 20));
        var perAddress = Bounded(configuration.GetValue("RateLimits:CircuitsPerAddress", 200));
        return PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            if (!IsCircuitConnection(context.Request))
            {
                return RateLimitPartition.GetNoLimiter(string.Empty);
            }

            var user = context.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : null;
            var (key, limit) = user is not null
                ? ("user:" + user, perUser)
                : ("address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), perAddress);
            return RateLimitPartition.GetConcurrencyLimiter(key, _ => new ConcurrencyLimiterOptions { PermitLimit = limit, QueueLimit = 0 });
        });
    }

    /// <summary>The hub connection itself (a WebSocket, or a server-sent-events or long-polling stream), not its negotiation.</summary>
    public static bool IsCircuitConnection(HttpRequest request) =>
        request.Path.StartsWithSegments(HubPath, StringComparison.OrdinalIgnoreCase, out var rest)
        && (rest.Value is null or "" or "/")
        && request.Query.ContainsKey("id");

    private static int Bounded(int value) => Math.Clamp(value, 1, 100_000);
}
