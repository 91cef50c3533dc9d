using Course.Core.Scripts;
using Course.Web.Chapters;
using Course.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Api;

/// <summary>Catalogue pages are output-cached for anonymous visitors, per language, and never stale after a change.</summary>
public sealed class CatalogCacheTests : IDisposable
{
    private readonly CourseAppFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task The_outline_is_served_from_the_cache_without_a_cookie()
    {
        var client = app.CreateHttpClient();
        const string outline = "/courses/ai-engineering/chapters/foundation-models";

        using var first = await client.GetAsync(outline);
        using var second = await client.GetAsync(outline);

        Assert.False(first.Headers.Contains("Set-Cookie"), "A cacheable page must not set a cookie.");
        Assert.True(second.Headers.Age.HasValue, "The second request should come from the output cache.");
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Each_interface_language_has_its_own_cached_page()
    {
        var client = app.CreateHttpClient();
        await client.GetStringAsync("/");

        using var spanish = new HttpRequestMessage(HttpMethod.Get, "/");
        spanish.Headers.AcceptLanguage.ParseAdd("es-ES");
        var html = await (await client.SendAsync(spanish)).Content.ReadAsStringAsync();

        Assert.Contains(">Cursos</h1>", html);
    }

    [Fact]
    public async Task A_new_chapter_shows_at_once_on_cached_pages()
    {
        var client = app.CreateHttpClient();
        Assert.DoesNotContain("Tokens in depth", await client.GetStringAsync("/"));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var script = ScriptParser.Parse("Hola <break/>").GetScriptOrThrow();
            var result = await scope.ServiceProvider.GetRequiredService<ChapterImporter>().ImportAsync(
                new ChapterImportRequest("ai-engineering", script, "Tokens in depth", "es", Publish: true));
            Assert.True(result.Succeeded);
        }

        Assert.Contains("Tokens in depth", await client.GetStringAsync("/"));
        Assert.Contains("Tokens in depth", await client.GetStringAsync("/courses/ai-engineering"));
    }

    [Fact]
    public async Task The_player_is_not_cached()
    {
        var client = app.CreateHttpClient();
        const string player = "/courses/ai-engineering/chapters/foundation-models/slides/1";

        await client.GetAsync(player);
        using var second = await client.GetAsync(player);

        Assert.False(second.Headers.Age.HasValue);
    }
}
