using Microsoft.Playwright;

namespace Course.Web.Tests.Infrastructure;

/// <summary>
/// One headless Chromium and one app for every browser test in the run (and, derived, a Chromium of a test class's
/// own, such as one with a fake microphone). Uses COURSE_CHROMIUM when set, else Debian's /usr/bin/chromium, else a
/// browser Playwright installed itself; with none of them the tests fail and say how to install one (they never skip).
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    /// <summary>The password of the accounts browser tests create (<see cref="SignedInClient.CreateUserAsync"/>'s default).</summary>
    public const string Password = "a-good-password";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? playwright;

    public CourseAppFactory App { get; } = new();

    private readonly List<IBrowserContext> open = [];

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>More Chromium switches, for a derived fixture.</summary>
    protected virtual IEnumerable<string> ExtraArguments => [];

    /// <summary>Runs before Chromium starts (a derived fixture writes the files its switches name).</summary>
    protected virtual Task PrepareAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        await PrepareAsync();
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
                Args = [.. ChromiumArgs, .. ExtraArguments],
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

    /// <summary>A page in a context of its own (closed when the test ends), on <paramref name="app"/> or this fixture's app.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800, string locale = "en-US", string? timeZone = null, CourseAppFactory? app = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (app ?? App).BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
            TimezoneId = timeZone,
        });
        return await Track(context).NewPageAsync();
    }

    /// <summary>A new page signed in as <paramref name="email"/>, an account that exists with <see cref="Password"/>.</summary>
    public async Task<IPage> SignedInPageAsync(string email, CourseAppFactory? app = null)
    {
        var page = await NewPageAsync(app: app);
        await SignInAsync(page, email);
        return page;
    }

    /// <summary>Signs <paramref name="page"/> in through the sign-in form, as a person does, and waits for the account menu.</summary>
    public static async Task SignInAsync(IPage page, string email, string password = Password)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Your account" })).ToBeVisibleAsync();
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

    public virtual async Task DisposeAsync()
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
