using System.Diagnostics;
using Microsoft.Playwright;

namespace Course.Benchmarks;

/// <summary>
/// Opens player tabs in headless Chromium in two waves and reads the server's resident memory after each:
/// the growth per tab is what one live circuit costs the server.
/// </summary>
public static class CircuitMemory
{
    public static async Task<int> RunAsync(Uri baseUrl, int serverPid, int tabsPerWave)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-renderer-backgrounding", "--disable-background-timer-throttling"],
        });
        var context = await browser.NewContextAsync(new() { BaseURL = baseUrl.ToString() });

        await OpenAsync(context, 2, 0); // warm up: first render, caches, JIT
        var baseline = await SettledRssAsync(serverPid);
        Console.WriteLine($"baseline (2 tabs): {Mb(baseline)}");

        await OpenAsync(context, tabsPerWave, 2);
        var first = await SettledRssAsync(serverPid);
        Console.WriteLine($"+{tabsPerWave} tabs: {Mb(first)}  ({(first - baseline) / 1024.0 / tabsPerWave:0} KB per circuit)");

        await OpenAsync(context, tabsPerWave, 2 + tabsPerWave);
        var second = await SettledRssAsync(serverPid);
        Console.WriteLine($"+{tabsPerWave} more tabs: {Mb(second)}  ({(second - first) / 1024.0 / tabsPerWave:0} KB per circuit)");
        Console.WriteLine($"per circuit over {2 * tabsPerWave} tabs: {(second - baseline) / 1024.0 / (2 * tabsPerWave):0} KB");
        return 0;
    }

    private static async Task OpenAsync(IBrowserContext context, int count, int offset)
    {
        for (var i = 0; i < count; i++)
        {
            var page = await context.NewPageAsync();
            var slide = 1 + ((offset + i) % 73);
            await page.GotoAsync($"courses/ai-engineering/chapters/foundation-models/slides/{slide}");
            await page.Locator(".player[data-ready='true']").WaitForAsync();
        }
    }

    private static async Task<long> SettledRssAsync(int pid)
    {
        // Let the server's GC and allocator settle before reading.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var status = await File.ReadAllLinesAsync($"/proc/{pid}/status");
        var line = status.First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    private static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:0.0} MB";
}
