using Microsoft.Playwright;

namespace Course.Web.Tests.Infrastructure;

/// <summary>
/// One headless Chromium and one app for every browser test in the run. Uses COURSE_CHROMIUM when set,
/// else Debian's /usr/bin/chromium, else a browser Playwright installed itself; with none of them the
/// tests fail and say how to install one (they never skip).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? playwright;

    public CourseAppFactory App { get; } = new();

    private readonly List<IBrowserContext> open = [];

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        // CI runs the suite on a small machine with a database server beside it; a circuit can take
        // longer than Playwright's 5 s default to connect there. Assertions still fail, just later.
        Assertions.SetDefaultExpectTimeout(15_000);
        var executable = new[] { Environment.GetEnvironmentVariable("COURSE_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
            .FirstOrDefault(path => !string.IsNullOrEmpty(path) && File.Exists(path));
        try
        {
            Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Args = ChromiumArgs,
                Headless = true,
            });
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException(
                "The browser tests need Chromium and none could be started. Install it with " +
                "'sudo apt-get install -y chromium' (Debian/Ubuntu), or run " +
                "'pwsh tests/Course.Web.Tests/bin/Debug/net10.0/playwright.ps1 install chromium' where the internet is reachable, " +
                "or point COURSE_CHROMIUM at a Chromium binary. " + e.Message, e);
        }
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800, string locale = "en-US", string? timeZone = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
            TimezoneId = timeZone,
        });
        return await Track(context).NewPageAsync();
    }

    /// <summary>Closes the contexts a test opened, once it ends (see <see cref="CloseContextsAsync"/>).</summary>
    public IBrowserContext Track(IBrowserContext context)
    {
        lock (open)
        {
            open.Add(context);
        }

        return context;
    }

    /// <summary>
    /// Closes every tracked context. Test classes call it when each test ends: a page left open keeps its
    /// circuit and its player running, and a pile of them slows every later test on a small machine.
    /// </summary>
    public async Task CloseContextsAsync()
    {
        IBrowserContext[] closing;
        lock (open)
        {
            closing = [.. open];
            open.Clear();
        }

        foreach (var context in closing)
        {
            try
            {
                await context.CloseAsync();
            }
            catch (PlaywrightException)
            {
                // Already closed by the test, or the browser is going away.
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        App.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
