using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Course.Web.Operations;

/// <summary>
/// Limits form posts to the sign-in, registration and password-reset pages per client address, against
/// password guessing and mass sign-ups, and chains the cap on live circuits a client holds
/// (<see cref="CircuitLimits"/>) and the per-client limit on the catalogue API (<see cref="ApiLimits"/>);
/// everything else is unlimited. Lockout still guards each account.
/// </summary>
public static class AccountRateLimits
{
    private static readonly string[] LimitedPaths =
        ["/account/login", "/account/register", "/account/forgot-password", "/account/reset-password"];

    public static IServiceCollection AddAccountRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var permitsPerMinute = configuration.GetValue("RateLimits:AccountPostsPerMinute", 10);
        services.AddRateLimiter(options =>
        {
            var accountPosts = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsLimited(context.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1) })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(accountPosts, CircuitLimits.Create(configuration), ApiLimits.Create(configuration));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var response = context.HttpContext.Response;
                var request = context.HttpContext.Request;
                var (message, retryAfter) = CircuitLimits.IsCircuitConnection(request) ? ("TooManyCircuits", 5)
                    : ApiLimits.IsApiRequest(request) ? ("TooManyApiRequests", SecondsLeft(context.Lease) ?? 60)
                    : ("TooManyAccountPosts", 60);
                response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                response.ContentType = "text/plain; charset=utf-8";
                var localizer = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                await response.WriteAsync(localizer[message], cancellationToken);
            };
        });
        return services;
    }

    /// <summary>When the refusing window ends, if the limiter says (whole seconds, at least 1).</summary>
    private static int? SecondsLeft(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : null;

    private static bool IsLimited(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && LimitedPaths.Any(path => request.Path.Equals(path, StringComparison.OrdinalIgnoreCase));
}
