using Course.Core.Quizzes;
using Course.Core.Scripts;
using Course.Web.Chapters;
using Course.Web.Quizzes;
using Course.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Course.Web.Tests.Browser;

/// <summary>
/// A published chapter whose every segment is a known XSS payload (and a quiz whose texts are too),
/// opened in headless Chromium through the real pages. Each payload, were it to run, would bump
/// <c>window.__xss</c> or open a dialog; the tests prove that none runs by what the DOM holds (no
/// event attributes, no script-bearing elements, no unsafe URLs) and by the counter staying at 0 with
/// no dialog, in a browser told to ignore the app's Content-Security-Policy, so no credit goes to it.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class XssBrowserTests(BrowserFixture browser, XssBrowserTests.XssChapterApp xss)
    : IClassFixture<XssBrowserTests.XssChapterApp>
{
    private const string Chapter = "/courses/ai-engineering/chapters/xss";

    /// <summary>Stored segment text exactly as an author could save it (raw HTML included).</summary>
    public static readonly string[] Payloads =
    [
        // Raw HTML that runs script if it is ever parsed as HTML.
        "<script>window.__xss++</script>",
        "Texto <script>alert('xss')</script> normal",
        "<img src=x onerror=window.__xss++>",
        "<img src=\"x\" onerror=\"alert(1)\">",
        "<svg onload=window.__xss++>",
        "<svg/onload=alert(1)>",
        "<svg><script>window.__xss++</script></svg>",
        "<iframe src=\"javascript:parent.__xss++\"></iframe>",
        "<iframe srcdoc=\"<script>parent.__xss++</script>\"></iframe>",
        "<object data=\"javascript:window.__xss++\"></object>",
        "<embed src=\"javascript:window.__xss++\">",
        "<details open ontoggle=window.__xss++>x</details>",
        "<input autofocus onfocus=window.__xss++>",
        "<body onload=window.__xss++>",
        "<video><source onerror=window.__xss++></video>",
        "<audio src=x onerror=window.__xss++>",
        "<a href=\"javascript:window.__xss++\">clic</a>",
        "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss++>",
        "<style>*{background:url(\"javascript:window.__xss++\")}</style>",

        // Malformed, split and closing-tag tricks.
        "<scr<script>ipt>window.__xss++</script>",
        "<<script>window.__xss++;//<</script>",
        "<img src=x onerror=window.__xss++//",
        "</p><script>window.__xss++</script>",
        "</span></p></div><img src=x onerror=window.__xss++>",
        "<!--<img src=x onerror=window.__xss++>-->",
        "--><img src=x onerror=window.__xss++>",

        // Entities, code spans and emphasis around HTML.
        "&lt;script&gt;window.__xss++&lt;/script&gt;",
        "&#60;img src=x onerror=window.__xss++&#62;",
        "`<img src=x onerror=window.__xss++>`",
        "**<img src=x onerror=window.__xss++>**",
        "_<svg onload=window.__xss++>_",

        // Link schemes in disguise, and protocol-relative links.
        "[clic](javascript:window.__xss++)",
        "[clic](JaVaScRiPt:window.__xss++)",
        "[clic](java&#x09;script:window.__xss++)",
        "[clic](&#106;avascript:window.__xss++)",
        "[clic](javascript&colon;window.__xss++)",
        "[clic]( javascript:window.__xss++)",
        "[clic](&#x01;javascript:window.__xss++)",
        "[clic](vbscript:msgbox(1))",
        "[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[clic](//evil.example/x)",
        "[clic](/\\evil.example/x)",
        "[clic](&#x01;//evil.example/x)",
        "<javascript:window.__xss++>",
        "<JAVASCRIPT:alert(1)>",
        "<data:text/html,alert(1)>",

        // Titles, URLs and alt texts trying to break out of their attribute.
        "[x](http://127.0.0.1:1/ \"\\\" onmouseover=window.__xss++ x=\\\"\")",
        "[x](https://127.0.0.1:1/\"onmouseover=\"window.__xss++)",
        "<https://127.0.0.1:1/\"onmouseover=\"window.__xss++>",
        "![x\" onerror=\"window.__xss++](https://127.0.0.1:1/a.png)",
        "![<img src=x onerror=window.__xss++>](https://127.0.0.1:1/a.png)",
        "![gato](/no-such-image.png \"t\\\" onerror=window.__xss++ x=\\\"\")",

        // Images from anywhere but https or this site.
        "![gato](javascript:window.__xss++)",
        "![gato](data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoMSkiLz4=)",
        "![gato](http://evil.example/track.png)",
        "![gato](//evil.example/track.png)",
        "![gato](/\\evil.example/track.png)",

        // Reference links, nested brackets, list items.
        "[clic][ref]",
        "[[a](javascript:window.__xss++)](https://127.0.0.1:1/)",
        "[![x](https://127.0.0.1:1/a.png)](javascript:window.__xss++)",
        "- <script>window.__xss++</script>",
        "- [clic](javascript:window.__xss++)",
        "1. <img src=x onerror=window.__xss++>",
    ];

    /// <summary>The same as a script file would bring them: the parser takes tags only escaped.</summary>
    private const string ScriptFile = """
        Escaped \<script>window.__xss++\</script> and \<img src=x onerror=window.__xss++>
        A [link](javascript:window.__xss++) and an ![image](data:image/png;base64,iVBORw0KGgo=) <break time="0.5s"/>
        <https://127.0.0.1:1/"onmouseover="window.__xss++> and [safe](https://127.0.0.1:1/ok)
        """;

    private const string Title = "XSS <script>window.__xss++</script> <img src=x onerror=window.__xss++>";

    private const string Description = "\"><svg onload=window.__xss++> [clic](javascript:window.__xss++)";

    /// <summary>A fresh app holding only the seed and the XSS chapter, so no other test sees it.</summary>
    public sealed class XssChapterApp : IAsyncLifetime
    {
        public CourseAppFactory App { get; private set; } = null!;

        public int SlideCount { get; private set; }

        public async Task InitializeAsync()
        {
            App = new CourseAppFactory();
            var slides = Payloads.Chunk(8)
                .Select(chunk => new ScriptSlide([.. chunk.Select(text => new ScriptSegment(text, Pause.FromMilliseconds(500)))]))
                .Concat(ScriptParser.Parse(ScriptFile).GetScriptOrThrow().Slides)
                .ToList();
            SlideCount = slides.Count;

            using var scope = App.Services.CreateScope();
            var imported = await scope.ServiceProvider.GetRequiredService<ChapterImporter>().ImportAsync(new ChapterImportRequest(
                "ai-engineering", new ChapterScript(ScriptMetadata.Empty, slides),
                Title: Title, Language: "es", Slug: "xss", Description: Description, Publish: true));
            Assert.True(imported.Succeeded, string.Join("; ", imported.Errors));

            var quiz = new QuizBankQuiz("xss", "Quiz <script>window.__xss++</script>", QuizKind.Final, null, FeedbackMode.Deferred, 0.5,
            [
                new QuizBankQuestion("eleccion", 1,
                    "<img src=x onerror=window.__xss++> ¿[Cuál](javascript:window.__xss++)?",
                    "<svg onload=window.__xss++> porque <script>alert(1)</script>",
                    new ChoiceBody(
                    [
                        new Choice("a", "<img src=x onerror=window.__xss++>"),
                        new Choice("b", "\"><script>window.__xss++</script>"),
                        new Choice("c", "<a href=\"javascript:window.__xss++\">c</a>"),
                    ], ["b"])),
                new QuizBankQuestion("texto", 2,
                    "<iframe srcdoc=\"<script>parent.__xss++</script>\"></iframe> Escribe",
                    "&lt;script&gt;window.__xss++&lt;/script&gt; <details open ontoggle=window.__xss++>",
                    new ShortTextBody(["<script>window.__xss++</script>"])),
            ]);
            var problems = await scope.ServiceProvider.GetRequiredService<QuizImporter>()
                .ImportAsync(imported.Chapter!.Id, new QuizBankFile(null, [quiz]));
            Assert.Empty(problems);
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    /// <summary>A page with the tripwires in place before any of the app's own script runs.</summary>
    private sealed class Watched
    {
        public required IPage Page { get; init; }

        public List<string> Dialogs { get; } = [];

        public List<string> StrayRequests { get; } = [];
    }

    // Runs in every frame before the page's scripts: counts alert/confirm/prompt (and still lets the
    // dialog open, so the dialog handler sees it too).
    private const string Tripwire = """
        window.__xss = 0;
        for (const name of ['alert', 'confirm', 'prompt', 'print']) {
          const original = window[name];
          window[name] = function (...args) {
            try { window.top.__xss++; } catch { window.__xss++; }
            return original ? original.apply(this, args) : undefined;
          };
        }
        """;

    private async Task<Watched> OpenAsync(string path)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = xss.App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "en-US",

            // The app's Content-Security-Policy would stop inline script on its own; set it aside so
            // that what is proven here is the sanitising, as if no policy were sent.
            BypassCSP = true,
        });
        await context.AddInitScriptAsync(Tripwire);
        var watched = new Watched { Page = await context.NewPageAsync() };
        watched.Page.Dialog += (_, dialog) =>
        {
            watched.Dialogs.Add($"{dialog.Type}: {dialog.Message}");
            _ = dialog.DismissAsync();
        };
        watched.Page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(xss.App.BaseAddress.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)
                && !request.Url.StartsWith("https://127.0.0.1:1/", StringComparison.Ordinal)
                && !request.Url.StartsWith("http://127.0.0.1:1/", StringComparison.Ordinal))
            {
                watched.StrayRequests.Add(request.Url);
            }
        };
        await watched.Page.GotoAsync(path);
        return watched;
    }

    // Fires what a learner's hover, focus and clicks would on every element under the roots; a click
    // on an http(s) or mailto link is stopped before it navigates, any other would go ahead (and run).
    private const string Provoke = """
        (selector) => {
          window.addEventListener('click', e => {
            const a = e.target.closest && e.target.closest('a');
            if (a && ['http:', 'https:', 'mailto:'].includes(new URL(a.href, document.baseURI).protocol)) { e.preventDefault(); e.stopImmediatePropagation(); }
          }, { capture: true });
          for (const root of document.querySelectorAll(selector)) {
            for (const d of root.closest('details') ? [root.closest('details')] : []) d.open = true;
            for (const el of root.querySelectorAll('*')) {
              for (const type of ['mouseover', 'mouseenter', 'mousemove', 'focus', 'focusin', 'pointerover', 'animationstart']) {
                el.dispatchEvent(new Event(type, { bubbles: true }));
              }
              if (el.tagName === 'A') el.click();
            }
          }
        }
        """;

    // Every problem in the DOM under the roots, read as the browser holds it (attribute values decoded).
    private const string Inspect = """
        (selector) => {
          const problems = [];
          const forbidden = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'svg', 'math', 'style',
            'link', 'base', 'meta', 'video', 'audio', 'source', 'marquee', 'template', 'form', 'body', 'html']);
          const urlAttributes = ['href', 'src', 'srcset', 'action', 'formaction', 'data', 'poster', 'background', 'xlink:href', 'ping'];
          const strip = v => v.replace(/[\u0000-\u0020\u007f-\u009f\s]/g, '');
          const roots = [...document.querySelectorAll(selector)];
          if (roots.length === 0) problems.push(`nothing matches ${selector}`);
          for (const root of roots) {
            for (const el of [root, ...root.querySelectorAll('*')]) {
              const tag = el.localName.toLowerCase();
              if (forbidden.has(tag)) problems.push(`<${tag}> element`);
              for (const attr of el.attributes) {
                const name = attr.name.toLowerCase();
                if (name.startsWith('on')) problems.push(`${name} on <${tag}>`);
                if (name === 'srcdoc' || (name === 'style' && /url\(|expression|javascript:/i.test(attr.value))) problems.push(`${name}="${attr.value}" on <${tag}>`);
                if (!urlAttributes.includes(name)) continue;
                const raw = strip(attr.value);
                let url;
                try { url = new URL(attr.value, document.baseURI); } catch { problems.push(`unreadable ${name}="${attr.value}" on <${tag}>`); continue; }
                if (/^[\/\\]{2}/.test(raw)) problems.push(`protocol-relative ${name}="${attr.value}" on <${tag}>`);
                if (tag === 'img' && name === 'src') {
                  if (!(url.protocol === 'https:' || (url.origin === location.origin && raw.startsWith('/'))))
                    problems.push(`image from ${attr.value}`);
                } else if (!['http:', 'https:', 'mailto:'].includes(url.protocol)) {
                  problems.push(`${name}="${attr.value}" (${url.protocol}) on <${tag}>`);
                }
              }
              if (tag === 'a' && el.closest('.slide-text, .slide-stage')) {
                const rel = (el.getAttribute('rel') || '').split(/\s+/);
                if (!rel.includes('noopener') || !rel.includes('noreferrer')) problems.push(`link ${el.getAttribute('href')} without rel noopener noreferrer`);
                if (el.hasAttribute('target')) problems.push(`link ${el.getAttribute('href')} with a target`);
              }
            }
          }
          // Anywhere on the page: no event attribute (but the app's own language switcher's) and
          // nothing that embeds another document.
          for (const el of document.querySelectorAll('*')) {
            for (const attr of el.attributes) {
              const own = el.id === 'ui-culture' && attr.name === 'onchange' && el.closest('form.language-switcher');
              if (attr.name.toLowerCase().startsWith('on') && !own) problems.push(`${attr.name} on <${el.localName}> outside the content`);
            }
          }
          for (const el of document.querySelectorAll('iframe, frame, object, embed')) problems.push(`<${el.localName}> on the page`);
          return problems;
        }
        """;

    private static async Task AssertNothingRanAsync(Watched watched, string roots)
    {
        var page = watched.Page;
        await page.EvaluateAsync(Provoke, roots);
        try
        {
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 5000 });
        }
        catch (TimeoutException)
        {
            // A live circuit can keep the network busy; the pause below still lets failed images report.
        }

        await page.WaitForTimeoutAsync(300);
        var problems = (await page.EvaluateAsync<string[]>(Inspect, roots)).Distinct().ToList();
        if (await page.EvaluateAsync<string>("() => String(window.__xss)") is var ran and not "0")
        {
            problems.Insert(0, $"window.__xss is {ran}: injected script ran");
        }

        problems.AddRange(watched.Dialogs.Select(d => $"a dialog opened: {d}"));
        problems.AddRange(watched.StrayRequests.Select(r => $"a request left the site: {r}"));
        Assert.True(problems.Count == 0, $"{page.Url}:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task The_xss_outline_shows_every_payload_as_text_and_runs_none()
    {
        var watched = await OpenAsync(Chapter);
        var page = watched.Page;

        await Assertions.Expect(page.Locator(".outline .slide-text")).ToHaveCountAsync(xss.SlideCount);
        await AssertNothingRanAsync(watched, ".outline .slide-text, .page > h1, .page > .lead");

        // What the author wrote is still there for the learner to read, as text.
        await Assertions.Expect(page.Locator(".page > h1")).ToHaveTextAsync(Title);
        var text = await page.Locator(".outline").InnerTextAsync();
        foreach (var shown in new[] { "<script>window.__xss++</script>", "<img src=x onerror=window.__xss++>", "<svg onload=window.__xss++>",
                     "<iframe src=\"javascript:parent.__xss++\"></iframe>", "<a href=\"javascript:window.__xss++\">clic</a>", "javascript:window.__xss++" })
        {
            Assert.Contains(shown, text, StringComparison.Ordinal);
        }

        await watched.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_xss_chapter_in_the_player_runs_no_payload_on_any_slide()
    {
        for (var slide = 1; slide <= xss.SlideCount; slide++)
        {
            var watched = await OpenAsync($"{Chapter}/slides/{slide}?segment=99");
            await Assertions.Expect(watched.Page.Locator(".player[data-ready='true']")).ToBeVisibleAsync();
            var expected = slide <= (Payloads.Length + 7) / 8 ? Payloads.Skip((slide - 1) * 8).Take(8).Count() : 0;
            if (expected > 0)
            {
                await Assertions.Expect(watched.Page.Locator(".slide-stage .segment")).ToHaveCountAsync(expected);
            }

            await AssertNothingRanAsync(watched, ".slide-stage");
            await watched.Page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_catalogue_and_course_pages_show_the_xss_title_as_text()
    {
        foreach (var path in new[] { "/", "/courses/ai-engineering" })
        {
            var watched = await OpenAsync(path);
            await Assertions.Expect(watched.Page.GetByText(Title).First).ToBeVisibleAsync();
            await AssertNothingRanAsync(watched, "main");
            await watched.Page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Xss_in_quiz_prompts_choices_and_explanations_is_shown_as_text()
    {
        var watched = await OpenAsync(Chapter + "/quizzes/xss");
        var page = watched.Page;
        await Assertions.Expect(page.Locator(".quiz[data-ready='true']")).ToBeVisibleAsync();

        await page.GetByText("<img src=x onerror=window.__xss++>", new() { Exact = true }).ClickAsync();
        await page.Locator("#q-texto input[type=text]").FillAsync("no");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit answers" }).ClickAsync();
        await Assertions.Expect(page.Locator(".result")).ToBeVisibleAsync();

        await Assertions.Expect(page.Locator(".feedback__explanation").First).ToHaveTextAsync("<svg onload=window.__xss++> porque <script>alert(1)</script>");
        await Assertions.Expect(page.Locator("#q-eleccion .question__prompt")).ToContainTextAsync("<img src=x onerror=window.__xss++> ¿[Cuál](javascript:window.__xss++)?");
        await Assertions.Expect(page.Locator("#q-texto .feedback__answer")).ToContainTextAsync("<script>window.__xss++</script>");

        await AssertNothingRanAsync(watched, ".quiz");
        await page.Context.CloseAsync();
    }
}
