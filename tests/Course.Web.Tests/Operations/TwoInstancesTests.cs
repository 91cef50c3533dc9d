using System.Net;
using Course.Web.Data;
using Course.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Operations;

/// <summary>
/// Two app instances on one database, as behind a load balancer: on the PostgreSQL run both use one
/// PostgreSQL database; on the SQLite run they share one file.
/// </summary>
public sealed class TwoInstancesTests : IDisposable
{
    private readonly CourseAppFactory first = new();
    private readonly CourseAppFactory second;

    public TwoInstancesTests()
    {
        second = first.OnPostgres
            ? CourseAppFactory.With(sharedPostgresDatabase: first.PostgresConnectionString)
            : CourseAppFactory.With(new Dictionary<string, string?> { ["Database:DataDirectory"] = first.DataDirectory });
    }

    public void Dispose()
    {
        second.Dispose();
        first.Dispose();
    }

    [Fact]
    public async Task A_cookie_issued_by_one_instance_signs_in_on_the_other()
    {
        var email = $"eva-{Guid.NewGuid():N}@example.com";
        await SignedInClient.CreateUserAsync(first, email);
        using var onFirst = await SignedInClient.SignInAsync(first, email);

        // Same cookies (the container keys them by host, not port), other instance.
        using var onSecond = await onFirst.GetAsync(new Uri(second.BaseAddress, "/me"));

        Assert.Equal(HttpStatusCode.OK, onSecond.StatusCode);
        Assert.Contains("My learning", await onSecond.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_form_rendered_by_one_instance_is_accepted_by_the_other()
    {
        var email = $"ivan-{Guid.NewGuid():N}@example.com";
        await SignedInClient.CreateUserAsync(first, email);
        using var client = SignedInClient.Anonymous(first);

        // The antiforgery cookie and token come from the first instance's page; the post goes to the second.
        var form = await client.GetStringAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var posted = await client.PostAsync(new Uri(second.BaseAddress, "/account/login"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = "a-good-password",
        }));

        Assert.NotEmpty(token);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
    }

    [Fact]
    public async Task Both_instances_use_the_one_key_ring_kept_in_the_database()
    {
        using var client = first.CreateHttpClient();
        await client.GetStringAsync("/account/login"); // creates the key ring if none exists yet
        await using var db = await second.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();

        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
    }
}
