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
/// shared: raw HTML is shown as text, and only http(s), mailto and relative links survive.
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
            if (!IsSafeLinkUrl(autolink.Url) || autolink.IsEmail is false && !autolink.Url.Contains(':'))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
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

    public static bool IsSafeLinkUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }

        var scheme = UrlScheme().Match(url);
        return scheme.Success
            ? scheme.Groups[1].Value.ToLowerInvariant() is "http" or "https" or "mailto"
            : !url.TrimStart().StartsWith("//", StringComparison.Ordinal); // relative to this site
    }

    public static bool IsSafeImageUrl(string? url) =>
        url is not null
        && (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)));

    [GeneratedRegex(@"^(?:(?<bullet>[-*+])|(?<number>\d{1,9})[.)])[ \t]+")]
    private static partial Regex ListMarker();

    // Anything before the first ':' that is not itself behind a '/', '?' or '#' is a scheme
    // (browsers ignore control characters and spaces in it, so those are matched too).
    [GeneratedRegex(@"^\s*([^/?#:]*):")]
    private static partial Regex UrlScheme();
}
