using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Course.Load;
using Course.Load.Rendering;
using Course.Web.Data;
using Course.Web.Progress;
using Course.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Course.Web.Tests.Security;

/// <summary>
/// A page's [Authorize] is checked when the page is requested; its interactive components' markers
/// (<c>&lt;!--Blazor:{...}--&gt;</c>) can then be replayed in a circuit opened with anyone's cookie. For every page
/// that serves server-interactive markers, this takes the markers its owner (an instructor, or a learner on their
/// own pages) was served, starts them in a circuit of every other role with the load client's protocol library,
/// and clicks every control that circuit was given. The instructor's pages must refuse (the denial and nothing
/// else rendered, no control to click, nothing written); a learner's pages act for the circuit's own user, never
/// the owner (the owner's rows unchanged). The pages are found by fetching every page the app maps, so a new
/// interactive page fails <see cref="Every_interactive_page_has_an_expectation"/> until it has one here.
/// </summary>
public sealed class CircuitActionTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Password = "a-good-password";
    private static readonly string[] Roles = ["anonymous", "learner", "other learner", "instructor"];
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);

    private readonly CourseAppFactory app = new();
    private readonly Dictionary<string, (HttpClient Http, CookieContainer Cookies)> people = [];
    private readonly Dictionary<string, string> samples = [];
    private string ownerId = "";

    /// <summary>Who a page's circuit works for.</summary>
    private enum Circuit
    {
        /// <summary>Instructors only: anyone else's circuit renders the denial and nothing it could act on.</summary>
        Instructor,

        /// <summary>Anyone; it acts as the circuit's own user (a learner's progress, attempts), never the markers' owner.</summary>
        OwnUser,
    }

    private sealed record Expectation(Circuit Circuit, string Owner, string SamplePath);

    /// <summary>Route pattern → whose markers are replayed and what every other role's circuit may do with them.</summary>
    private static readonly Dictionary<string, Expectation> Expectations = new()
    {
        ["/studio"] = new(Circuit.Instructor, "instructor", "/studio"),
        ["/studio/chapters/{Id:int}"] = new(Circuit.Instructor, "instructor", "/studio/chapters/{chapter}"),
        ["/studio/chapters/{ChapterId:int}/quizzes"] = new(Circuit.Instructor, "instructor", "/studio/chapters/{chapter}/quizzes"),
        ["/courses/{CourseSlug}/chapters/{ChapterSlug}/slides/{SlideNumber:int}"] = new(Circuit.OwnUser, "learner", "/courses/ai-engineering/chapters/foundation-models/slides/1"),
        ["/courses/{CourseSlug}/chapters/{ChapterSlug}/quizzes/{QuizSlug}"] = new(Circuit.OwnUser, "learner", "/courses/ai-engineering/chapters/foundation-models/quizzes/tokens"),
        ["/tools/tokens"] = new(Circuit.OwnUser, "learner", "/tools/tokens"),
    };

    public async Task InitializeAsync()
    {
        ownerId = await SignedInClient.CreateUserAsync(app, "ana@example.com", Password);
        await SignedInClient.CreateUserAsync(app, "luis@example.com", Password);
        await SignedInClient.CreateUserAsync(app, "prof@example.com", Password, instructor: true);
        people["anonymous"] = Person();
        people["learner"] = await SignedInAsync("ana@example.com");
        people["other learner"] = await SignedInAsync("luis@example.com");
        people["instructor"] = await SignedInAsync("prof@example.com");

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        var chapter = await db.Chapters.SingleAsync(c => c.Slug == "foundation-models");
        samples["{chapter}"] = chapter.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task DisposeAsync()
    {
        foreach (var (http, _) in people.Values)
        {
            http.Dispose();
        }

        app.Dispose();
        return Task.CompletedTask;
    }

    private (HttpClient, CookieContainer) Person()
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = app.BaseAddress,
            DefaultRequestHeaders = { { "Accept-Language", "en" } },
        };
        return (http, cookies);
    }

    private async Task<(HttpClient, CookieContainer)> SignedInAsync(string email)
    {
        var (http, cookies) = Person();
        using var response = await SignedInClient.PostFormAsync(http, "/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var me = await http.GetAsync("/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode); // the cookie the circuit will carry really signs in
        return (http, cookies);
    }

    private string Sample(string path) => samples.Aggregate(path, (p, s) => p.Replace(s.Key, s.Value, StringComparison.Ordinal));

    /// <summary>Every page the app maps whose owner is served server-interactive markers, by route pattern.</summary>
    private async Task<List<string>> InteractivePagesAsync()
    {
        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            .Select(e => e.RoutePattern.RawText!)
            .Distinct()
            .Order(StringComparer.Ordinal);
        var interactive = new List<string>();
        foreach (var pattern in pages)
        {
            // Fetched as its owner when it has an expectation, else as the instructor (who may open every page).
            var (owner, path) = Expectations.TryGetValue(pattern, out var expected)
                ? (expected.Owner, Sample(expected.SamplePath))
                : ("instructor", Sample(SamplePathFor(pattern)));
            using var response = await people[owner].Http.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            if (PageMarkers.Parse(html).ServerComponents.Count > 0)
            {
                interactive.Add(pattern);
            }
        }

        return interactive;
    }

    /// <summary>A page without an expectation is fetched at its pattern with sample values put in.</summary>
    private static string SamplePathFor(string pattern) => System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(?<name>[^}:]+)(:(?<type>[^}]+))?\}",
        m => m.Groups["type"].Value switch
        {
            "int" => m.Groups["name"].Value.Contains("Chapter", StringComparison.OrdinalIgnoreCase) || m.Groups["name"].Value == "Id" ? "{chapter}" : "1",
            "guid" => Guid.Empty.ToString(),
            _ => m.Groups["name"].Value switch { "CourseSlug" => "ai-engineering", "ChapterSlug" => "foundation-models", "QuizSlug" => "tokens", _ => "x" },
        });

    [Fact]
    public async Task Every_interactive_page_has_an_expectation()
    {
        var interactive = await InteractivePagesAsync();

        var unexpected = interactive.Where(p => !Expectations.ContainsKey(p)).ToList();
        var gone = Expectations.Keys.Where(k => !interactive.Contains(k)).ToList();
        Assert.True(unexpected.Count == 0, "interactive pages without an expectation: " + string.Join(", ", unexpected));
        Assert.True(gone.Count == 0, "expectations for pages no longer interactive: " + string.Join(", ", gone));
    }

    [Fact]
    public async Task Markers_replayed_in_another_roles_circuit_act_for_no_one_else()
    {
        var failures = new List<string>();
        var tried = 0;
        var clicks = 0;
        foreach (var (pattern, expectation) in Expectations)
        {
            var page = new Uri(app.BaseAddress, Sample(expectation.SamplePath));
            var owner = people[expectation.Owner];
            var html = await owner.Http.GetStringAsync(page);
            var markers = PageMarkers.Parse(html);
            Assert.True(markers.ServerComponents.Count > 0, $"{pattern}: no server markers served to its owner");

            // The owner's own circuit gets controls: the replay works, so a refusal below is the app's.
            await using (var own = await BlazorCircuit.StartAsync(owner.Http, owner.Cookies, page, markers, default))
            {
                await SettledAsync(own);
                Assert.True(own.Read(Handlers).Count > 0, $"{pattern}: the owner's own circuit shows nothing to act on:\n{own.Read(Text)}");
            }

            foreach (var who in Roles.Where(r => r != expectation.Owner))
            {
                var before = await SnapshotAsync(expectation.Circuit);
                var (http, cookies) = people[who];
                tried++;
                await using (var circuit = await BlazorCircuit.StartAsync(http, cookies, new Uri(app.BaseAddress, page.PathAndQuery), PageMarkers.Parse(html), default))
                {
                    await SettledAsync(circuit);
                    var handlers = circuit.Read(Handlers);
                    var text = circuit.Read(Text);
                    if (expectation.Circuit == Circuit.Instructor && (handlers.Count > 0 || text.Trim() != "This page is for instructors."))
                    {
                        failures.Add($"{who} replaying {pattern}: expected the denial alone, got {handlers.Count} control(s) and: {Shorten(text)}");
                    }

                    if (text.Contains("ana@example.com", StringComparison.OrdinalIgnoreCase) || text.Contains("prof@example.com", StringComparison.OrdinalIgnoreCase))
                    {
                        failures.Add($"{who} replaying {pattern}: the owner's account is rendered: {Shorten(text)}");
                    }

                    // Act on every control this circuit was given, as an intruder would: the n-th control of the page
                    // as it stands after the previous one (a click re-renders, and handlers are renumbered).
                    for (var n = 0; n < circuit.Read(Handlers).Count && circuit.Failure is null; n++)
                    {
                        var (element, eventName) = circuit.Read(Handlers)[n];
                        try
                        {
                            var value = circuit.Read(_ => ValueFor(element, eventName));
                            var (_, handled) = await circuit.DispatchAsync(element, eventName, EventArgs(eventName, value), value);
                            await handled.WaitAsync(Settle);
                            clicks++;
                        }
                        catch (Exception e) when (e is LoadException or TimeoutException)
                        {
                            output.WriteLine($"{who} replaying {pattern}: stopped after {n} of {handlers.Count}: {e.Message}");
                            break; // the circuit ended (a click that navigates away): nothing more to try
                        }
                    }

                    output.WriteLine($"{who} replaying {pattern}: {handlers.Count} control(s) given; circuit {circuit.Failure ?? "live"}");
                }

                await app.Services.GetRequiredService<ProgressRecorder>().FlushAsync();
                var after = await SnapshotAsync(expectation.Circuit);
                if (after != before)
                {
                    failures.Add($"{who} replaying {pattern}: the {(expectation.Circuit == Circuit.Instructor ? "studio's data" : "owner's progress and attempts")} changed");
                }
            }
        }

        output.WriteLine($"{Expectations.Count} interactive pages, {tried} replays, {clicks} events dispatched, {failures.Count} wrong");
        Assert.True(failures.Count == 0, $"{failures.Count} of {tried} replays went wrong ({clicks} events dispatched):\n" + string.Join("\n", failures));
        Assert.True(tried >= Expectations.Count * 3, $"only {tried} replays tried");
    }

    /// <summary>Waits until the circuit has rendered its components and a moment passes with no new batch.</summary>
    private static async Task SettledAsync(BlazorCircuit circuit)
    {
        await circuit.WaitForAsync(dom => dom.Roots.Count > 0 && dom.Roots.Any(r => r.Descendants().Any()), System.Diagnostics.Stopwatch.GetTimestamp(), Settle, "the first render");
        var last = "";
        for (var i = 0; i < 20; i++)
        {
            await Task.Delay(250);
            var now = circuit.Read(Text) + circuit.Read(Handlers).Count;
            if (now == last)
            {
                return;
            }

            last = now;
        }
    }

    private static List<(DomNode Element, string Event)> Handlers(ClientDom dom) =>
        [.. dom.Roots.SelectMany(r => r.Descendants()).SelectMany(n => n.Handlers.Keys.Where(e => e is "click" or "change" or "input" or "submit").Select(e => (n, e)))];

    private static string Text(ClientDom dom) => string.Join(" ", dom.Roots.Select(r => r.TextContent()));

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    /// <summary>What a browser would send as the new value: a checkbox toggles, a radio and a select send an option's
    /// value, anything typed gets "8". Null for clicks and submits.</summary>
    private static object? ValueFor(DomNode element, string eventName) => eventName switch
    {
        "change" or "input" when element["type"] == "checkbox" => !element.Attributes.ContainsKey("checked"),
        "change" or "input" when element["type"] == "radio" => element["value"] ?? "",
        "change" or "input" when element.Name == "select" =>
            element.Elements(n => n.Name == "option" && !string.IsNullOrEmpty(n["value"])).FirstOrDefault()?["value"] ?? "",
        "change" or "input" => "8",
        _ => null,
    };

    private static object EventArgs(string eventName, object? value) => eventName switch
    {
        "click" => new { detail = 1, button = 0, buttons = 0, ctrlKey = false, shiftKey = false, altKey = false, metaKey = false, type = "click" },
        "change" or "input" => new { value },
        _ => new { type = eventName },
    };

    private static readonly JsonSerializerOptions Json = new() { ReferenceHandler = ReferenceHandler.IgnoreCycles };

    /// <summary>What a replay must not change: the studio's data, or the owner learner's progress and attempts.</summary>
    private async Task<string> SnapshotAsync(Circuit circuit)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        object rows = circuit == Circuit.Instructor
            ? new object[]
            {
                await db.Courses.AsNoTracking().OrderBy(c => c.Id).ToListAsync(),
                await db.Chapters.AsNoTracking().OrderBy(c => c.Id).ToListAsync(),
                await db.ChapterDrafts.AsNoTracking().ToListAsync(),
                await db.ChapterVersions.AsNoTracking().ToListAsync(),
                await db.Slides.AsNoTracking().OrderBy(s => s.Id).ToListAsync(),
                await db.Quizzes.AsNoTracking().OrderBy(q => q.Id).ToListAsync(),
                await db.QuizQuestions.AsNoTracking().OrderBy(q => q.Id).ToListAsync(),
            }
            : new object[]
            {
                await db.ChapterProgress.AsNoTracking().Where(p => p.UserId == ownerId).ToListAsync(),
                await db.SlideProgress.AsNoTracking().Where(p => p.UserId == ownerId).ToListAsync(),
                await db.QuizAttemptRecords.AsNoTracking().Where(a => a.UserId == ownerId).ToListAsync(),
            };
        return JsonSerializer.Serialize(rows, Json);
    }
}
