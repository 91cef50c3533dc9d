using System.Net;
using Course.Web.Accounts;
using Course.Web.Components.Pages.Account;
using Course.Web.Lessons;
using Course.Web.Tests.Infrastructure;

namespace Course.Web.Tests.Api;

/// <summary>
/// Return addresses (after signing in, switching language, a quiz's "continue"): only paths on this site,
/// whatever the encoding, through the one shared check and through the real pages.
/// </summary>
public sealed class ReturnUrlTests(CourseAppFactory app) : IClassFixture<CourseAppFactory>
{
    public static TheoryData<string?, bool> Addresses => new()
    {
        { "/", true },
        { "/me", true },
        { "/courses/ai-engineering/chapters/foundation-models/slides/7?segment=2", true },
        { "/courses/ai-engineering/chapters/foundation-models/quizzes/tokens?then=%2Fcourses%2Fai-engineering%2Fchapters%2Ffoundation-models%2Fslides%2F14", true },
        { "/courses/a%20b", true },
        // Another host: scheme-relative, backslash (browsers read it as a slash), a scheme, no leading slash.
        { "//evil.example", false },
        { "/\\evil.example", false },
        { "\\\\evil.example", false },
        { "https://evil.example", false },
        { "https:evil.example", false },
        { "javascript:alert(1)", false },
        { "evil.example", false },
        { "~/me", false },
        { " //evil.example", false },
        // Control characters, which browsers strip: "/\t/evil" is "//evil" to them.
        { "/\t/evil.example", false },
        { "/\r\n/evil.example", false },
        // Encoded: refused when any decoded form would leave the site (a proxy or second redirect may decode).
        { "%2F%2Fevil.example", false },
        { "/%2F/evil.example", false },
        { "/%2Fevil.example", false },
        { "/%5Cevil.example", false },
        { "/%09/evil.example", false },
        { "/%252F%252Fevil.example", false },
        { "/%25252F%25252Fevil.example", false },
        { "", false },
        { null, false },
    };

    [Theory]
    [MemberData(nameof(Addresses))]
    public void Only_paths_on_this_site_are_local(string? url, bool local)
    {
        Assert.Equal(local, ReturnUrls.IsLocal(url));
        Assert.Equal(local ? url : "/me", AccountForm.SafeReturn(url));
        Assert.Equal(local && url!.StartsWith("/courses/", StringComparison.Ordinal), PlayerLinks.IsSafeReturn(url));
    }

    [Theory]
    [InlineData("%2F%2Fevil.example")]
    [InlineData("%2F%5Cevil.example")]
    [InlineData("%2F%09%2Fevil.example")]
    [InlineData("https%3Aevil.example")]
    [InlineData("%2F%252F%252Fevil.example")]
    public async Task Signing_in_with_a_foreign_return_address_lands_on_the_dashboard(string encoded)
    {
        var email = $"r{Guid.NewGuid():N}@example.com";
        await SignedInClient.CreateUserAsync(app, email);
        var client = SignedInClient.Anonymous(app);

        using var response = await SignedInClient.PostFormAsync(client, "/account/login?returnUrl=" + encoded,
            new() { ["Input.Email"] = email, ["Input.Password"] = "a-good-password" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/me", new Uri(app.BaseAddress, response.Headers.Location!).AbsolutePath);
        Assert.Equal(app.BaseAddress.Authority, new Uri(app.BaseAddress, response.Headers.Location!).Authority);
    }

    [Theory]
    [InlineData("%2F%2Fevil.example", "/")]
    [InlineData("%2F%5Cevil.example", "/")]
    [InlineData("%2F%2509%2Fevil.example", "/")]
    [InlineData("%2Fcourses", "/courses")]
    public async Task Switching_language_returns_only_to_this_site(string encoded, string expected)
    {
        using var response = await SignedInClient.Anonymous(app).GetAsync("/culture?culture=es&returnUrl=" + encoded);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }
}
