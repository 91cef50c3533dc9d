namespace Course.Web.Cli;

/// <summary>
/// <c>healthcheck [url]</c>: the container health check. The runtime image has no curl, so the app
/// probes itself; it starts no host and exits 0 when the URL answers 2xx. It writes nothing on standard
/// output; the reason for a failure (and, with --verbose, the answer to a success) goes to standard error.
/// </summary>
public static class HealthProbe
{
    public const string DefaultUrl = "http://127.0.0.1:8080/health/ready";

    public static bool IsCommand(string[] args) => args is ["healthcheck", ..];

    public static async Task<int> RunAsync(string[] args, TextWriter error, bool verbose = false)
    {
        string url;
        try
        {
            var command = CommandLine.Parse(args);
            command.OnlyOptions();
            url = command.PositionalOrDefault(0) ?? DefaultUrl;
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            await error.WriteLineAsync("usage: healthcheck [url] [--verbose]");
            return 1; // not 2: Docker reserves it in a HEALTHCHECK
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(url);
            if (response.IsSuccessStatusCode)
            {
                if (verbose)
                {
                    await error.WriteLineAsync($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }

                return 0;
            }

            await error.WriteLineAsync($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException or InvalidOperationException)
        {
            await error.WriteLineAsync($"{url}: {e.Message}");
            return 1;
        }
    }
}
