using System.Net;
using System.Text.RegularExpressions;
using Course.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Course.Web.Data;

namespace Course.Web.Tests.Infrastructure;

/// <summary>An HTTP client with its own cookies that signs in through the real form, antiforgery and all.</summary>
public sealed partial class SignedInClient
{
    private SignedInClient(HttpClient client) => Client = client;

    public HttpClient Client { get; }

    public static HttpClient Anonymous(CourseAppFactory app) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };

    public static async Task<string> CreateUserAsync(CourseAppFactory app, string email, string password = "a-good-password", bool instructor = false)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, CreatedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, Roles.Learner);
        if (instructor)
        {
            await users.AddToRoleAsync(user, Roles.Instructor);
        }

        return user.Id;
    }

    public static async Task<HttpClient> SignInAsync(CourseAppFactory app, string email, string password = "a-good-password")
    {
        var client = Anonymous(app);
        using var response = await PostFormAsync(client, "/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Fetches a page, fills its form's hidden fields (antiforgery, handler) and posts it with these values.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> values, string? formName = null)
    {
        var html = await client.GetStringAsync(url);
        var fields = new Dictionary<string, string>();
        foreach (Match hidden in HiddenInput().Matches(html))
        {
            fields.TryAdd(WebUtility.HtmlDecode(hidden.Groups["name"].Value), WebUtility.HtmlDecode(hidden.Groups["value"].Value));
        }

        if (formName is not null)
        {
            fields["_handler"] = formName;
        }

        foreach (var (name, value) in values)
        {
            fields[name] = value;
        }

        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)"\s*/?>""")]
    private static partial Regex HiddenInput();
}
