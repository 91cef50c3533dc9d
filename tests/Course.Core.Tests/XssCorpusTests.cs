using System.Net;
using System.Text.RegularExpressions;
using Course.Core.Rendering;
using CsCheck;

namespace Course.Core.Tests;

/// <summary>
/// Known XSS payloads as segment text: whatever an author writes, the HTML a learner receives holds only
/// the few elements and attributes the renderer makes, links to http(s), mailto or this site, images
/// from https or this site, and the payload's text still readable as text.
/// </summary>
public class XssCorpusTests
{
    // payload → text the learner must still see (null: nothing in particular, e.g. a dropped image).
    public static TheoryData<string, string?> Corpus => new()
    {
        // Raw HTML: shown as text, never as markup.
        { "<script>alert(1)</script>", "<script>alert(1)</script>" },
        { "Hola <script>window.__xss++</script> mundo", "Hola <script>window.__xss++</script> mundo" },
        { "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>", "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>" },
        { "<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>" },
        { "<img src=\"x\" onerror=\"alert(1)\"", "<img src=\"x\" onerror=\"alert(1)\"" },
        { "<body onload=alert(1)>", "<body onload=alert(1)>" },
        { "<div style=\"background:url(javascript:alert(1))\">x</div>", "<div style=\"background:url(javascript:alert(1))\">x</div>" },
        { "<a href=\"javascript:alert(1)\">clic</a>", "<a href=\"javascript:alert(1)\">clic</a>" },
        { "<a href=javascript:alert(1)>clic", "<a href=javascript:alert(1)>clic" },
        { "<iframe src=\"javascript:alert(1)\"></iframe>", "<iframe src=\"javascript:alert(1)\"></iframe>" },
        { "<iframe srcdoc=\"<script>alert(1)</script>\">", "<iframe srcdoc=\"<script>alert(1)</script>\">" },
        { "<object data=\"data:text/html,<script>alert(1)</script>\">", "<object data=" },
        { "<embed src=\"javascript:alert(1)\">", "<embed src=\"javascript:alert(1)\">" },
        { "<svg onload=alert(1)>", "<svg onload=alert(1)>" },
        { "<svg/onload=alert(1)>", "<svg/onload=alert(1)>" },
        { "<svg><script>alert(1)</script></svg>", "<svg><script>alert(1)</script></svg>" },
        { "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>" },
        { "<details open ontoggle=alert(1)>", "<details open ontoggle=alert(1)>" },
        { "<input autofocus onfocus=alert(1)>", "<input autofocus onfocus=alert(1)>" },
        { "<style>@import 'https://evil.example/x.css'</style>", "<style>@import 'https://evil.example/x.css'</style>" },
        { "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">", "<meta http-equiv=\"refresh\"" },
        { "<base href=\"https://evil.example/\">", "<base href=\"https://evil.example/\">" },
        { "<form action=\"javascript:alert(1)\"><button>ok</button></form>", "<button>ok</button>" },

        // Malformed and split tags.
        { "<scr<script>ipt>alert(1)</script>", "<scr<script>ipt>alert(1)</script>" },
        { "<<script>alert(1);//<</script>", "<<script>alert(1);//<</script>" },
        { "<img src=x onerror=alert(1)//", "<img src=x onerror=alert(1)//" },
        { "</script><script>alert(1)</script>", "</script><script>alert(1)</script>" },
        { "<!-- <script>alert(1)</script> -->", "<!-- <script>alert(1)</script> -->" },
        { "<![CDATA[<script>alert(1)</script>]]>", "<![CDATA[<script>alert(1)</script>]]>" },
        { "<?xml version=\"1.0\"?><script>alert(1)</script>", "<script>alert(1)</script>" },
        { "<!DOCTYPE html><script>alert(1)</script>", "<!DOCTYPE html>" },

        // Entities: decoded once into text, never into markup.
        { "&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>" },
        { "&#60;script&#62;alert(1)&#60;/script&#62;", "<script>alert(1)</script>" },
        { "&#x3C;img src=x onerror=alert(1)&#x3E;", "<img src=x onerror=alert(1)>" },
        { "&amp;lt;script&amp;gt;", "&lt;script&gt;" },
        { "&#0;<script>alert(1)</script>", "<script>alert(1)</script>" },

        // Code spans and emphasis around HTML.
        { "`<script>alert(1)</script>`", "<script>alert(1)</script>" },
        { "``<img src=x onerror=alert(1)>``", "<img src=x onerror=alert(1)>" },
        { "**<img src=x onerror=alert(1)>**", "<img src=x onerror=alert(1)>" },
        { "*<svg/onload=alert(1)>*", "<svg/onload=alert(1)>" },
        { "_<b onclick=alert(1)>x</b>_", "<b onclick=alert(1)>x</b>" },
        { "~~<i onmouseover=alert(1)>x</i>~~", "<i onmouseover=alert(1)>x</i>" },
        { "==<u onclick=alert(1)>x</u>==", "<u onclick=alert(1)>x</u>" },
        { "[x](https://ok.example)<script>alert(1)</script>", "x<script>alert(1)</script>" },

        // Link schemes, in every disguise: the link goes, its text stays.
        { "[clic](javascript:alert(1))", "clic" },
        { "[clic](JaVaScRiPt:alert(1))", "clic" },
        { "[clic]( javascript:alert(1))", "clic" },
        { "[clic](<javascript:alert(1)>)", "clic" },
        { "[clic](javascript:alert(1) \"title\")", "clic" },
        { "[clic](java&#x09;script:alert(1))", "clic" },
        { "[clic](java&#9;script:alert(1))", "clic" },
        { "[clic](java&#10;script:alert(1))", "clic" },
        { "[clic](&#106;avascript:alert(1))", "clic" },
        { "[clic](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))", "clic" },
        { "[clic](javascript&colon;alert(1))", "clic" },
        { "[clic](&#x01;javascript:alert(1))", "clic" },
        { "[clic](&#x20;javascript:alert(1))", "clic" },
        { "[clic](&#0;javascript:alert(1))", "clic" },
        { "[clic](java\\script:alert(1))", "clic" },
        { "[clic](vbscript:msgbox(1))", "clic" },
        { "[clic](VBScript:msgbox(1))", "clic" },
        { "[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "clic" },
        { "[clic](data:text/html,<script>alert(1)</script>)", null },
        { "[clic](file:///etc/passwd)", "clic" },
        { "[clic](livescript:alert(1))", "clic" },

        // Protocol-relative links leave the site however they are written.
        { "[clic](//evil.example)", "clic" },
        { "[clic](/\\evil.example)", "clic" },
        { "[clic](<\\/\\/evil.example>)", "clic" },
        { "[clic](/&#x09;/evil.example)", "clic" },
        { "[clic](&#x01;//evil.example)", "clic" },
        { "[clic](&#x20;//evil.example)", "clic" },

        // Autolinks: only http(s) and mail become links.
        { "<javascript:alert(1)>", "javascript:alert(1)" },
        { "<JAVASCRIPT:alert(1)>", "JAVASCRIPT:alert(1)" },
        { "<vbscript:msgbox(1)>", "vbscript:msgbox(1)" },
        { "<data:text/html,alert(1)>", "data:text/html,alert(1)" },
        { "<file:///etc/passwd>", "file:///etc/passwd" },
        { "<https://ok.example/\"onmouseover=\"alert(1)>", "https://ok.example/\"onmouseover=\"alert(1)" },
        { "<http://ok.example/'onmouseover='alert(1)>", "http://ok.example/'onmouseover='alert(1)" },
        { "<ana@example.com>", "ana@example.com" },

        // Titles and URLs trying to break out of their attribute.
        { "[x](http://a \"\\\" onmouseover=alert(1) x=\\\"\")", "x" },
        { "[x](http://a 'x\" onmouseover=alert(1)')", "x" },
        { "[x](http://a (x\" onmouseover=\"alert(1)))", "x" },
        { "[x](http://a \"<script>alert(1)</script>\")", "x" },
        { "[x](https://ok.example/\"onmouseover=\"alert(1))", "x" },
        { "[x](<https://ok.example/\" onmouseover=\"alert(1)>)", "x" },
        { "[x](mailto:ana@example.com?body=\"><script>alert(1)</script>)", "x" },
        { "![x\" onerror=\"alert(1)](https://ok.example/a.png)", null },
        { "![<img src=x onerror=alert(1)>](https://ok.example/a.png)", null },
        { "![x](/media/a.png \"t\\\" onerror=alert(1)\")", null },

        // Images: https or this site only; otherwise their alt text.
        { "![gato](javascript:alert(1))", "gato" },
        { "![gato](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)", "gato" },
        { "![gato](data:image/png;base64,iVBORw0KGgo=)", "gato" },
        { "![gato](http://evil.example/track.png)", "gato" },
        { "![gato](//evil.example/track.png)", "gato" },
        { "![gato](/\\evil.example/track.png)", "gato" },
        { "![gato](&#x09;//evil.example/track.png)", "gato" },
        { "![gato](vbscript:msgbox(1))", "gato" },
        { "![gato](track.png)", "gato" },

        // Reference-style links, nested brackets, links inside links.
        { "[clic][ref]", "[clic][ref]" },
        { "[clic][ref]\n\n[ref]: javascript:alert(1)", "clic" },
        { "[clic]\n\n[clic]: data:text/html,alert(1)", "clic" },
        { "[[a](javascript:alert(1))](https://ok.example)", "a" },
        { "[a [b](javascript:alert(1))](https://ok.example)", "b" },
        { "[![x](https://ok.example/a.png)](javascript:alert(1))", null },
        { "[![x](javascript:alert(1))](https://ok.example)", "x" },
        { "[`<script>`](https://ok.example \"`\")", "<script>" },
        { "[**<img src=x onerror=alert(1)>**](https://ok.example)", "<img src=x onerror=alert(1)>" },
        { "- <script>alert(1)</script>", "<script>alert(1)</script>" },
        { "1. [clic](javascript:alert(1))", "clic" },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public void A_payload_renders_to_safe_html_and_keeps_its_text(string payload, string? visibleText)
    {
        var html = SegmentMarkdown.Render(payload).Html;

        Assert.Empty(SafeHtml.Problems(html));
        if (visibleText is not null)
        {
            Assert.Contains(visibleText, SafeHtml.TextContent(html), StringComparison.Ordinal);
        }
    }

    public static TheoryData<string, string> Kept => new()
    {
        // Safe targets survive as written.
        { "[docs](https://example.com/a?b=1&c=2)", "<a href=\"https://example.com/a?b=1&amp;c=2\" rel=\"noopener noreferrer nofollow\">docs</a>" },
        { "[docs](HTTP://example.com)", "<a href=\"HTTP://example.com\" rel=\"noopener noreferrer nofollow\">docs</a>" },
        { "[slide](/courses/ai/chapters/x/slides/3)", "<a href=\"/courses/ai/chapters/x/slides/3\" rel=\"noopener noreferrer nofollow\">slide</a>" },
        { "[next](slides/4)", "<a href=\"slides/4\" rel=\"noopener noreferrer nofollow\">next</a>" },
        { "[arriba](#top)", "<a href=\"#top\" rel=\"noopener noreferrer nofollow\">arriba</a>" },
        { "<ana@example.com>", "<a href=\"mailto:ana@example.com\" rel=\"noopener noreferrer nofollow\">ana@example.com</a>" },
        { "![gato](/media/gato.png)", "<img src=\"/media/gato.png\" alt=\"gato\" />" },
        { "![gato](https://example.com/gato.png \"un gato\")", "<img src=\"https://example.com/gato.png\" alt=\"gato\" title=\"un gato\" />" },
        { "[x](http://a \"\\\" onmouseover=alert(1) x=\\\"\")", "<a href=\"http://a\" title=\"&quot; onmouseover=alert(1) x=&quot;\" rel=\"noopener noreferrer nofollow\">x</a>" },
    };

    [Theory]
    [MemberData(nameof(Kept))]
    public void Safe_links_and_images_are_kept_with_encoded_attributes(string text, string expectedHtml)
    {
        Assert.Equal(expectedHtml, SegmentMarkdown.Render(text).Html);
    }

    [Theory]
    [InlineData("https://example.com", true)]
    [InlineData("http://example.com", true)]
    [InlineData("mailto:ana@example.com", true)]
    [InlineData("/courses/ai", true)]
    [InlineData("slides/4", true)]
    [InlineData("?quiz=final", true)]
    [InlineData("#top", true)]
    [InlineData("./a:b", true)]
    [InlineData("", false)]
    [InlineData("   ", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData(" \tJavaScript:alert(1)", false)]
    [InlineData("java\tscript:alert(1)", false)]
    [InlineData("java\nscript:alert(1)", false)]
    [InlineData("\u0001javascript:alert(1)", false)]
    [InlineData("java\\script:alert(1)", false)]
    [InlineData("data:text/html,x", false)]
    [InlineData("vbscript:x", false)]
    [InlineData("tel:+34600000000", false)]
    [InlineData("//evil.example", false)]
    [InlineData(" //evil.example", false)]
    [InlineData("\u0001//evil.example", false)]
    [InlineData("/\t/evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("\\/evil.example", false)]
    [InlineData("\\\\evil.example", false)]
    public void Link_targets_are_http_mailto_or_this_site(string url, bool safe)
    {
        Assert.Equal(safe, SegmentMarkdown.IsSafeLinkUrl(url));
    }

    [Theory]
    [InlineData("https://example.com/a.png", true)]
    [InlineData("HTTPS://example.com/a.png", true)]
    [InlineData("/media/a.png", true)]
    [InlineData("http://example.com/a.png", false)]
    [InlineData("a.png", false)]
    [InlineData("./a.png", false)]
    [InlineData("//evil.example/a.png", false)]
    [InlineData("/\\evil.example/a.png", false)]
    [InlineData("\\\\evil.example/a.png", false)]
    [InlineData("/\t/evil.example/a.png", false)]
    [InlineData("\u0001//evil.example/a.png", false)]
    [InlineData("data:image/png;base64,iVBORw0KGgo=", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("mailto:ana@example.com", false)]
    [InlineData("", false)]
    public void Images_come_from_https_or_this_site(string url, bool safe)
    {
        Assert.Equal(safe, SegmentMarkdown.IsSafeImageUrl(url));
    }

    // Fragments that XSS payloads are made of, mixed at random: no mix may produce unsafe HTML.
    private static readonly Gen<string> Fragment = Gen.OneOf<string>(
        "<", ">", "</", "/>", "script", "img", "svg", "iframe", "a", " ", "\t", "\"", "'", "`", "=", "!", "[", "]", "(", ")",
        "](", " onerror=", " onload=", "alert(1)", "javascript:", "JaVaScRiPt:", "java&#x09;script:", "&#106;", "&colon;",
        "data:text/html,", "vbscript:", "//evil.example", "/\\evil.example", "\\", "http://", "https://", "mailto:", "&lt;",
        "&#60;", "&amp;", "&", "#", ";", "*", "**", "_", "~~", "==", "\n", "[r]: ", "&#x01;", "&#0;", "x", "@", ".");

    [Fact]
    public void Random_mixes_of_payload_fragments_never_render_unsafe_html()
    {
        Fragment.Array[1, 24].Select(parts => string.Join("", parts)).Sample(text =>
        {
            var html = SegmentMarkdown.Render(text).Html;
            var problems = SafeHtml.Problems(html);
            Assert.True(problems.Count == 0, $"{text}\n→ {html}\n{string.Join("\n", problems)}");
        }, iter: 5_000);
    }
}

/// <summary>
/// A small strict reader of the renderer's output: every '&lt;' must open or close an element it is
/// allowed to make, with attributes it is allowed to give, and every URL must pass the content rules
/// read the way a browser reads it (entities decoded, control characters and spaces dropped).
/// </summary>
internal static partial class SafeHtml
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["a"] = ["href", "title", "rel"],
        ["img"] = ["src", "alt", "title"],
        ["br"] = [],
        ["strong"] = [],
        ["em"] = [],
        ["code"] = [],
        ["del"] = [],
        ["ins"] = [],
        ["mark"] = [],
        ["sup"] = [],
        ["sub"] = [],
    };

    private static readonly string[] Forbidden = ["<script", "<iframe", "<svg", "<object", "<embed", "<style", "<math", "<base", "<meta", "<form"];

    public static IReadOnlyList<string> Problems(string html)
    {
        var problems = new List<string>();
        foreach (var forbidden in Forbidden)
        {
            if (html.Contains(forbidden, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"contains {forbidden}");
            }
        }

        var open = new Stack<string>();
        var position = 0;
        while (position < html.Length)
        {
            var next = html.IndexOfAny(['<', '>', '"'], position);
            if (next < 0)
            {
                break;
            }

            if (html[next] != '<')
            {
                problems.Add($"a bare '{html[next]}' in text at {next}");
                position = next + 1;
                continue;
            }

            var tag = Tag().Match(html, next);
            if (!tag.Success || tag.Index != next)
            {
                problems.Add($"a '<' that opens no well-formed element at {next}");
                position = next + 1;
                continue;
            }

            position = next + tag.Length;
            var name = tag.Groups["name"].Value;
            if (!Allowed.TryGetValue(name, out var attributes))
            {
                problems.Add($"element <{name}> is not one the renderer makes");
                continue;
            }

            if (tag.Groups["close"].Success)
            {
                if (!open.TryPop(out var expected) || expected != name)
                {
                    problems.Add($"</{name}> closes nothing open");
                }

                continue;
            }

            var values = new Dictionary<string, string>();
            foreach (Match attribute in Attribute().Matches(tag.Groups["attributes"].Value))
            {
                var key = attribute.Groups["key"].Value;
                values[key] = WebUtility.HtmlDecode(attribute.Groups["value"].Value);
                if (key.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"event attribute {key} on <{name}>");
                }
                else if (!attributes.Contains(key))
                {
                    problems.Add($"attribute {key} on <{name}>");
                }
            }

            if (name == "a")
            {
                if (!values.TryGetValue("href", out var href) || !IsLinkTarget(href))
                {
                    problems.Add($"link to {href ?? "(nothing)"}");
                }

                var rel = values.GetValueOrDefault("rel", "").Split(' ');
                if (!rel.Contains("noopener") || !rel.Contains("noreferrer"))
                {
                    problems.Add($"link to {href} without rel=\"noopener noreferrer\"");
                }
            }
            else if (name == "img")
            {
                if (!values.TryGetValue("src", out var src) || !IsImageSource(src))
                {
                    problems.Add($"image from {src ?? "(nothing)"}");
                }
            }

            if (name is not ("img" or "br") && !tag.Groups["self"].Success)
            {
                open.Push(name);
            }
        }

        if (open.Count > 0)
        {
            problems.Add($"left open: {string.Join(", ", open)}");
        }

        return problems;
    }

    /// <summary>The text a reader sees: elements removed, entities decoded once.</summary>
    public static string TextContent(string html) => WebUtility.HtmlDecode(Tag().Replace(html, ""));

    private static bool IsLinkTarget(string url) =>
        SchemeOf(Strip(url)) is { } scheme
            ? scheme is "http" or "https" or "mailto"
            : !LeavesSite(Strip(url));

    private static bool IsImageSource(string url) =>
        SchemeOf(Strip(url)) is { } scheme ? scheme == "https" : Strip(url).StartsWith('/') && !LeavesSite(Strip(url));

    private static string Strip(string url) => new([.. url.Where(c => c > ' ' && !char.IsControl(c) && !char.IsWhiteSpace(c))]);

    private static bool LeavesSite(string url) => url.Replace('\\', '/').StartsWith("//", StringComparison.Ordinal);

    private static string? SchemeOf(string url) => UrlScheme().Match(url) is { Success: true } m ? m.Groups[1].Value.ToLowerInvariant() : null;

    [GeneratedRegex("""<(?<close>/)?(?<name>[a-zA-Z][a-zA-Z0-9]*)(?<attributes>(?:\s+[^\s"'<>/=]+="[^"<>]*")*)\s*(?<self>/)?>""")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+(?<key>[^\s""'<>/=]+)=""(?<value>[^""]*)""")]
    private static partial Regex Attribute();

    [GeneratedRegex("^([^/?#:]*):")]
    private static partial Regex UrlScheme();
}
