using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Course.Web.Operations;

/// <summary>
/// Limits form posts to the sign-in, registration and password-reset pages per client address, against
/// password guessing and mass sign-ups, and chains the cap on live circuits a client holds
/// (<see cref="CircuitLimits"/>); everything else is unlimited. Lockout still guards each account.
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
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(accountPosts, CircuitLimits.Create(configuration));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var response = context.HttpContext.Response;
                var circuits = CircuitLimits.IsCircuitConnection(context.HttpContext.Request);
                response.Headers.RetryAfter = circuits ? "5" : "60";
                response.ContentType = "text/plain; charset=utf-8";
                var localizer = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                await response.WriteAsync(localizer[circuits ? "TooManyCircuits" : "TooManyAccountPosts"], cancellationToken);
            };
        });
        return services;
    }

    private static bool IsLimited(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && LimitedPaths.Any(path => request.Path.Equals(path, StringComparison.OrdinalIgnoreCase));
}
