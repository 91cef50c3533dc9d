using Course.Web.Cli;
using Course.Web.Tests.Infrastructure;

namespace Course.Web.Tests.Cli;

/// <summary>The container health check is the app probing itself: 0 when ready, 1 with the reason otherwise.</summary>
[Collection(SharedAppCollection.Name)]
public class HealthProbeTests(CourseAppFactory app)
{
    [Fact]
    public async Task A_ready_app_passes()
    {
        using var error = new StringWriter();

        var code = await HealthProbe.RunAsync(["healthcheck", new Uri(app.BaseAddress, "/health/ready").ToString()], error);

        Assert.Equal(0, code);
        Assert.Empty(error.ToString());
    }

    [Fact]
    public async Task Verbose_says_what_a_ready_app_answered_on_stderr()
    {
        using var error = new StringWriter();
        var url = new Uri(app.BaseAddress, "/health/ready").ToString();

        var code = await HealthProbe.RunAsync(["healthcheck", url], error, verbose: true);

        Assert.Equal(0, code);
        Assert.StartsWith($"{url}: 200 ", error.ToString());
    }

    [Fact]
    public async Task An_unknown_option_is_not_taken_for_the_url()
    {
        using var error = new StringWriter();

        var code = await HealthProbe.RunAsync(["healthcheck", "--colour", "red"], error);

        Assert.Equal(1, code);
        Assert.StartsWith("error: healthcheck does not take --colour", error.ToString());
    }

    [Theory]
    [InlineData("/nope", "404")]
    [InlineData("http://127.0.0.1:1/health/ready", "127.0.0.1:1")]
    public async Task A_failing_or_absent_app_fails_with_the_reason(string url, string reason)
    {
        using var error = new StringWriter();
        var target = url.StartsWith('/') ? new Uri(app.BaseAddress, url).ToString() : url;

        var code = await HealthProbe.RunAsync(["healthcheck", target], error);

        Assert.Equal(1, code);
        Assert.Contains(reason, error.ToString());
    }
}
