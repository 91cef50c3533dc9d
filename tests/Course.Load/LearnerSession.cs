using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Course.Load.Rendering;

namespace Course.Load;

/// <summary>
/// One simulated learner: a cookie jar, at most one open page (a live circuit), and the actions a learner takes
/// on the player and quiz pages. Each action finds its control as a person would (its label or role), dispatches
/// the browser event to the handler the page carries, and records the time until the render batch that shows
/// its effect. Failures throw <see cref="LoadException"/>.
/// </summary>
public sealed partial class LearnerSession(Uri server, LoadMetrics metrics) : IAsyncDisposable
{
    public static readonly TimeSpan EffectTimeout = TimeSpan.FromSeconds(15);

    private readonly CookieContainer cookies = new();
    private HttpClient? http;
    private BlazorCircuit? page;

    public Uri Server { get; } = server;

    public LoadMetrics Metrics { get; } = metrics;

    /// <summary>The account this learner registered or signed in as (null while anonymous).</summary>
    public string? Account { get; private set; }

    /// <summary>The local address every connection of this learner leaves from (null: the system's choice).</summary>
    public IPAddress? LocalAddress { get; init; }

    /// <summary>Where confirmed actions are written, when the run keeps a journal.</summary>
    public LoadJournal? Journal { get; init; }

    /// <summary>Runs an action and, once the server has shown its effect, writes it to the journal.</summary>
    public async Task<T> JournaledAsync<T>(string kind, Func<Task<T>> action, string detail = "")
    {
        var sent = DateTimeOffset.UtcNow;
        var result = await action();
        Journal?.Write(Account, kind, sent, detail);
        return result;
    }

    /// <summary>The open page's circuit, for inspection.</summary>
    public BlazorCircuit Page => page ?? throw new InvalidOperationException("No page is open.");

    private HttpClient Http => http ??= new HttpClient(Protocol.SourceAddress.Handler(cookies, LocalAddress))
    {
        BaseAddress = Server,
        DefaultRequestHeaders = { { "Accept-Language", "en" } },
    };

    /// <summary>Creates an account through the real registration form; the new learner is signed in.</summary>
    public async Task RegisterAsync(string email, string password, CancellationToken cancellation = default)
    {
        await PostAccountFormAsync("/account/register", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        }, cancellation);
        Account = email;
    }

    public async Task SignInAsync(string email, string password, CancellationToken cancellation = default)
    {
        await PostAccountFormAsync("/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = password }, cancellation);
        Account = email;
    }

    private async Task PostAccountFormAsync(string path, Dictionary<string, string> values, CancellationToken cancellation)
    {
        var html = await Http.GetStringAsync(path, cancellation);
        var fields = new Dictionary<string, string>();
        foreach (Match hidden in HiddenInput().Matches(html))
        {
            fields.TryAdd(WebUtility.HtmlDecode(hidden.Groups["name"].Value), WebUtility.HtmlDecode(hidden.Groups["value"].Value));
        }

        foreach (var (name, value) in values)
        {
            fields[name] = value;
        }

        using var response = await Http.PostAsync(path, new FormUrlEncodedContent(fields), cancellation);
        var setCookies = response.Headers.TryGetValues("Set-Cookie", out var headers) ? headers.ToList() : [];
        if (Server.Scheme == Uri.UriSchemeHttp && Server.IsLoopback)
        {
            // Browsers send Secure cookies to http://localhost (a secure context); .NET's cookie jar does not.
            foreach (var header in setCookies)
            {
                cookies.SetCookies(Server, SecureFlag().Replace(header, ""));
            }
        }

        if (response.StatusCode != HttpStatusCode.Redirect || !setCookies.Any(c => c.Contains("Account", StringComparison.OrdinalIgnoreCase) || c.Contains("Identity", StringComparison.OrdinalIgnoreCase)))
        {
            throw new LoadException($"POST {path} answered {(int)response.StatusCode} without signing in" +
                (response.StatusCode == HttpStatusCode.TooManyRequests ? " (rate limited: raise RateLimits__AccountPostsPerMinute on the server)" : ""));
        }
    }

    [GeneratedRegex(@";\s*secure(?=;|$)", RegexOptions.IgnoreCase)]
    private static partial Regex SecureFlag();

    /// <summary>Opens a page with one interactive component and waits until it says it is live (data-ready).</summary>
    public async Task OpenAsync(string path, string readyClass, CancellationToken cancellation = default)
    {
        await ClosePageAsync();
        var started = Stopwatch.GetTimestamp();
        page = await BlazorCircuit.OpenAsync(Http, cookies, new Uri(Server, path), cancellation, LocalAddress);
        var latency = await page.WaitForAsync(dom => dom.Element(n => n.HasClass(readyClass))?["data-ready"] == "true",
            started, EffectTimeout, $"opening {path}");
        Metrics.Record("load", latency);
    }

    public Task OpenPlayerAsync(string chapterPath, int slide = 1, CancellationToken cancellation = default) =>
        OpenAsync($"{chapterPath}/slides/{slide}", "player", cancellation);

    public Task OpenQuizAsync(string chapterPath, string quiz, CancellationToken cancellation = default) =>
        OpenAsync($"{chapterPath}/quizzes/{quiz}", "quiz", cancellation);

    /// <summary>The open page's interactive parts as HTML-like text (for traces).</summary>
    public string Describe() => page?.Read(dom => string.Join("\n", dom.Roots.Select(r => r.Describe()))) ?? "(no page)";

    public async Task ClosePageAsync()
    {
        if (page is not null)
        {
            var closing = page;
            page = null;
            await closing.DisposeAsync();
        }
    }

    /// <summary>
    /// Clicks the element <paramref name="find"/> picks and waits for the render batch after which
    /// <paramref name="scope"/> (the part of the page the click acts on) looks different, or <paramref name="effect"/> holds.
    /// </summary>
    public async Task<TimeSpan> ClickAsync(string interaction, Func<ClientDom, DomNode?> find, Func<ClientDom, DomNode?> scope,
        Func<ClientDom, bool>? effect = null)
    {
        var (target, before) = Page.Read(dom =>
        {
            var element = find(dom) ?? throw new LoadException($"{interaction}: the control is not on the page");
            if (element.Attributes.ContainsKey("disabled"))
            {
                throw new LoadException($"{interaction}: {element} is disabled");
            }

            return (element, scope(dom)?.Describe());
        });
        var (sent, handled) = await Page.DispatchAsync(target, "click", MouseClick);
        var latency = await Page.WaitForAsync(effect ?? (dom => scope(dom)?.Describe() != before), sent, EffectTimeout, interaction);
        await HandledAsync(handled, interaction);
        Metrics.Record(interaction, latency);
        return latency;
    }

    /// <summary>Sends an event that needs no visible effect (typing, choosing) and waits until the server handled it.</summary>
    public async Task InputAsync(DomNode element, string eventName, object eventArgs, object? fieldValue, string what)
    {
        var (_, handled) = await Page.DispatchAsync(element, eventName, eventArgs, fieldValue);
        await HandledAsync(handled, what);
    }

    private static async Task HandledAsync(Task handled, string what)
    {
        try
        {
            await handled.WaitAsync(EffectTimeout);
        }
        catch (TimeoutException)
        {
            throw new LoadException($"{what}: the server did not finish handling the event within {EffectTimeout.TotalSeconds:0} s");
        }
    }

    /// <summary>What the browser sends for a left click (Web.JS EventTypes: parseMouseEvent).</summary>
    private static readonly object MouseClick = new
    {
        detail = 1, screenX = 0, screenY = 0, clientX = 0, clientY = 0, offsetX = 0, offsetY = 0, pageX = 0, pageY = 0,
        movementX = 0, movementY = 0, button = 0, buttons = 0, ctrlKey = false, shiftKey = false, altKey = false, metaKey = false,
        type = "click",
    };

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)"\s*/?>""")]
    private static partial Regex HiddenInput();

    public async ValueTask DisposeAsync()
    {
        await ClosePageAsync();
        http?.Dispose();
    }
}
