using System.Globalization;
using Course.Web.Chapters;
using Microsoft.AspNetCore.OutputCaching;

namespace Course.Web.Catalog;

/// <summary>
/// Output caching for the public catalogue pages (catalogue, course, outline): anonymous requests
/// are served from memory, per interface language, and evicted whenever a chapter changes. With
/// several instances each keeps its own cache, so an entry also expires after a minute.
/// </summary>
public static class CatalogCache
{
    public const string PolicyName = "Catalog";
    public const string Tag = "catalog";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddCatalogCache(this IServiceCollection services)
    {
        services.AddOutputCache(options => options.AddPolicy(PolicyName, policy => policy
            .Expire(Lifetime)
            .Tag(Tag)
            .VaryByValue(_ => new KeyValuePair<string, string>("ui", CultureInfo.CurrentUICulture.Name))));
        services.AddSingleton<CatalogChanges>();
        services.AddSingleton<IChapterChanges>(sp => sp.GetRequiredService<CatalogChanges>());
        CacheableAntiforgery.Decorate(services);
        return services;
    }
}

/// <summary>Call after any change learners could see in the catalogue, so no page shows old content.</summary>
public sealed class CatalogChanges(IOutputCacheStore store) : IChapterChanges
{
    public ValueTask ChapterChangedAsync(CancellationToken cancellationToken = default) =>
        store.EvictByTagAsync(CatalogCache.Tag, cancellationToken);
}
