using System.Text.RegularExpressions;
using Markdig;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Course.Core.Rendering;

public enum ListKind
{
    None,
    Bullet,
    Ordered,
}

/// <summary>A segment ready for a page: safe inline HTML, the same as plain text, and its list marker.</summary>
public sealed record RenderedSegment(string Html, string PlainText, ListKind List, int? ListNumber);

/// <summary>
/// Renders segment text: inline Markdown after an optional list marker. One pipeline, built once and
/// shared: raw HTML is shown as text, and only http(s), mailto and site-relative links survive.
/// Links carry <c>rel="noopener noreferrer nofollow"</c> and no <c>target</c>: every link opens in the
/// learner's tab (the player's place is in its address, so Back returns to it), never a new window.
/// Images come only from https or a path on this site.
/// </summary>
public static partial class SegmentMarkdown
{
    private static readonly MarkdownPipeline Pipeline = BuildPipeline();

    private static MarkdownPipeline BuildPipeline()
    {
        var builder = new MarkdownPipelineBuilder()
            .UseEmphasisExtras()
            .UseReferralLinks("noopener", "noreferrer", "nofollow")
            .DisableHtml();

        // A segment is one line of inline text: '#', '>' or four spaces at its start are not blocks here.
        builder.BlockParsers.RemoveAll(parser => parser is not ParagraphBlockParser);
        return builder.Build();
    }

    public static RenderedSegment Render(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (list, number, content) = SplitListMarker(text);
        var document = Markdown.Parse(content, Pipeline);
        MakeLinksSafe(document);

        var paragraph = document.Descendants<ParagraphBlock>().FirstOrDefault();
        return new RenderedSegment(
            RenderInlines(paragraph, html: true).Trim(),
            RenderInlines(paragraph, html: false).Trim(),
            list,
            number);
    }

    /// <summary>Splits "- item" and "3. item" into their marker and their text.</summary>
    public static (ListKind List, int? Number, string Content) SplitListMarker(string text)
    {
        var match = ListMarker().Match(text);
        if (!match.Success)
        {
            return (ListKind.None, null, text);
        }

        var content = text[match.Length..];
        return match.Groups["number"].Success
            ? (ListKind.Ordered, int.Parse(match.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture), content)
            : (ListKind.Bullet, null, content);
    }

    private static string RenderInlines(ParagraphBlock? paragraph, bool html)
    {
        if (paragraph?.Inline is null)
        {
            return string.Empty;
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer)
        {
            EnableHtmlForInline = html,
            EnableHtmlEscape = html,
        };
        Pipeline.Setup(renderer);
        renderer.WriteChildren(paragraph.Inline);
        writer.Flush();
        return writer.ToString();
    }

    private static void MakeLinksSafe(MarkdownDocument document)
    {
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (!(link.IsImage ? IsSafeImageUrl(link.Url) : IsSafeLinkUrl(link.Url)))
            {
                Unwrap(link);
            }
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            // An e-mail autolink is written as "mailto:" + its address; any other must name its scheme.
            var target = autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url;
            if (!IsSafeLinkUrl(target) || !autolink.IsEmail && !HasScheme(target))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
            else
            {
                // As an ordinary link it gets the same rel as every other (Markdig leaves e-mail autolinks without).
                var link = new LinkInline(target, "");
                link.AppendChild(new LiteralInline(autolink.Url));
                autolink.ReplaceBy(link);
            }
        }
    }

    /// <summary>Keeps an unsafe link's text (or an image's alt text) and drops its target.</summary>
    private static void Unwrap(LinkInline link)
    {
        var children = link.ToList();
        foreach (var child in children)
        {
            child.Remove();
            link.InsertBefore(child);
        }

        link.Remove();
    }

    /// <summary>
    /// A link may go to http(s), mailto, or a path on this site (<c>/a</c>, <c>a/b</c>, <c>?q</c>, <c>#x</c>);
    /// a protocol-relative <c>//host</c> (however disguised) goes elsewhere and is refused.
    /// </summary>
    public static bool IsSafeLinkUrl(string? url)
    {
        if (url is null || AsBrowserReadsIt(url) is not { Length: > 0 } target)
        {
            return false;
        }

        return SchemeOf(target) is { } scheme
            ? scheme is "http" or "https" or "mailto"
            : !IsProtocolRelative(target);
    }

    /// <summary>An image comes from https or from a path rooted on this site (<c>/media/cat.png</c>), nothing else.</summary>
    public static bool IsSafeImageUrl(string? url)
    {
        if (url is null || AsBrowserReadsIt(url) is not { Length: > 0 } source)
        {
            return false;
        }

        return SchemeOf(source) is { } scheme
            ? scheme == "https"
            : source.StartsWith('/') && !IsProtocolRelative(source);
    }

    /// <summary>
    /// The URL stripped as a browser's parser strips it, for judging only (the page gets Markdig's
    /// escaped URL): browsers drop control characters and spaces at the ends and tabs and newlines
    /// anywhere, so " javascript:", "java\tscript:" and "\u0001//host" are what they look like without
    /// them. Dropping every control character and space, anywhere, is stricter still.
    /// </summary>
    private static string AsBrowserReadsIt(string url)
    {
        var builder = new System.Text.StringBuilder(url.Length);
        foreach (var c in url)
        {
            if (c > ' ' && c != '\u007f' && !char.IsControl(c) && !char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool HasScheme(string url) => SchemeOf(AsBrowserReadsIt(url)) is not null;

    /// <summary>"//host" leaves this site; browsers read '\' as '/' there, so "\\host" and "/\host" do too.</summary>
    private static bool IsProtocolRelative(string target) =>
        target.Length >= 2 && target[0] is ('/' or '\\') && target[1] is ('/' or '\\');

    /// <summary>
    /// Anything before a ':' that comes before any '/', '?' or '#' is taken for a scheme, lower-cased
    /// ("java\script:" too: judged as a scheme, it is refused rather than passed as a path).
    /// </summary>
    private static string? SchemeOf(string target)
    {
        var match = UrlScheme().Match(target);
        return match.Success ? match.Groups[1].Value.ToLowerInvariant() : null;
    }

    // ASCII digits only, as CommonMark's list markers: \d would take "١٢." too, which int.Parse then refuses.
    [GeneratedRegex(@"^(?:(?<bullet>[-*+])|(?<number>[0-9]{1,9})[.)])[ \t]+")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"^([^/?#:]*):")]
    private static partial Regex UrlScheme();
}
