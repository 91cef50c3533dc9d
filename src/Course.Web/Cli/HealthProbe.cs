namespace Course.Web.Cli;

/// <summary>
/// <c>healthcheck [url]</c>: the container health check. The runtime image has no curl, so the app
/// probes itself; it starts no host and exits 0 when the URL answers 2xx.
/// </summary>
public static class HealthProbe
{
    public const string DefaultUrl = "http://127.0.0.1:8080/health/ready";

    public static bool IsCommand(string[] args) => args is ["healthcheck", ..];

    public static async Task<int> RunAsync(string[] args, TextWriter error)
    {
        var url = args.Length > 1 ? args[1] : DefaultUrl;
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(url);
            if (response.IsSuccessStatusCode)
            {
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
