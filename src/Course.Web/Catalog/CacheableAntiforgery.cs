using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OutputCaching;

namespace Course.Web.Catalog;

/// <summary>
/// Razor component pages always ask antiforgery to store a token, which sets a cookie and
/// "no-store" headers, and a response that sets a cookie is never output-cached. The catalogue pages
/// hold no form, so on endpoints marked [OutputCache] the token is made but not stored: no cookie,
/// nothing user-specific in the cached page. Every other endpoint keeps the usual behaviour.
/// </summary>
internal sealed class CacheableAntiforgery(IAntiforgery inner) : IAntiforgery
{
    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) =>
        httpContext.GetEndpoint()?.Metadata.GetMetadata<OutputCacheAttribute>() is not null
            ? inner.GetTokens(httpContext)
            : inner.GetAndStoreTokens(httpContext);

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => inner.GetTokens(httpContext);

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);

    public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);

    public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);

    public static void Decorate(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IAntiforgery));
        services.Remove(original);
        services.AddSingleton<IAntiforgery>(sp => new CacheableAntiforgery(
            (IAntiforgery)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!)));
    }
}
