using System.Net;
using System.Text.Json;
using Course.Web.Data;
using Course.Web.Operations;
using Course.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Course.Web.Tests.Operations;

[Collection(SharedAppCollection.Name)]
public class HealthAndHeadersTests(CourseAppFactory app)
{
    [Fact]
    public async Task Live_and_ready_answer_once_the_database_is_migrated()
    {
        using var client = app.CreateHttpClient();

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_is_unhealthy_and_says_why_when_migrations_are_missing()
    {
        var file = Path.Combine(app.DataDirectory, $"empty-{Guid.NewGuid():N}.db");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(DatabaseSetup.SqliteFileConnectionString(file)))
        {
            await connection.OpenAsync(); // an empty database: it answers, but has no tables
        }

        var factory = new FixedFactory(DatabaseSetup.SqliteOptions(DatabaseSetup.SqliteFileConnectionString(file)));
        var check = new HealthEndpoints.DatabaseReadyCheck(factory);

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("not applied", result.Description);
        Assert.Contains("migrate", result.Description);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/courses/ai-engineering/chapters/foundation-models")]
    [InlineData("/account/login")]
    [InlineData("/api/courses")]
    [InlineData("/nope")]
    public async Task Every_response_carries_the_security_headers(string url)
    {
        using var client = app.CreateHttpClient();

        using var response = await client.GetAsync(url);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    private sealed class FixedFactory(DbContextOptions<CourseDbContext> options) : IDbContextFactory<CourseDbContext>
    {
        public CourseDbContext CreateDbContext() => new(options);
    }
}
