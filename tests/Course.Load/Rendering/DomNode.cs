using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Course.Load.Rendering;

public enum NodeKind
{
    Element,
    Text,
    Markup,

    /// <summary>A logical container with no element of its own: a component's content.</summary>
    Component,
}

/// <summary>
/// A node of the client's copy of the page, in Blazor's logical-element sense: a component is a container
/// whose children are its rendered nodes, and regions are flattened into their parent, as in blazor.web.js.
/// </summary>
public sealed partial class DomNode(NodeKind kind, string? name = null)
{
    public NodeKind Kind { get; } = kind;

    /// <summary>Element name, lower case as rendered.</summary>
    public string? Name { get; } = name;

    /// <summary>Text of a text node, or the HTML of a markup node.</summary>
    public string? Text { get; set; }

    public Dictionary<string, string> Attributes { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Event handler ids by event name ("click", "change", ...).</summary>
    public Dictionary<string, ulong> Handlers { get; } = [];

    /// <summary>The component that rendered this node (its handlers belong to it).</summary>
    public int ComponentId { get; init; }

    public List<DomNode> Children { get; } = [];

    public DomNode? Parent { get; set; }

    public string? this[string attribute] => Attributes.GetValueOrDefault(attribute);

    public bool HasClass(string name) => this["class"]?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(name) == true;

    public IEnumerable<DomNode> Descendants()
    {
        foreach (var child in Children)
        {
            yield return child;
            foreach (var below in child.Descendants())
            {
                yield return below;
            }
        }
    }

    public IEnumerable<DomNode> Elements(Func<DomNode, bool> match) => Descendants().Where(n => n.Kind == NodeKind.Element && match(n));

    public DomNode? Element(Func<DomNode, bool> match) => Elements(match).FirstOrDefault();

    public IEnumerable<DomNode> Ancestors()
    {
        for (var node = Parent; node is not null; node = node.Parent)
        {
            yield return node;
        }
    }

    /// <summary>The visible text, whitespace collapsed; markup is stripped of its tags.</summary>
    public string TextContent()
    {
        var text = new StringBuilder();
        AppendText(text);
        return Whitespace().Replace(text.ToString(), " ").Trim();
    }

    private void AppendText(StringBuilder text)
    {
        switch (Kind)
        {
            case NodeKind.Text:
                text.Append(Text);
                break;
            case NodeKind.Markup:
                text.Append(WebUtility.HtmlDecode(Tag().Replace(Text ?? "", " ")));
                break;
            default:
                foreach (var child in Children)
                {
                    child.AppendText(text);
                }

                break;
        }
    }

    /// <summary>Everything a user could see or use changed here (not handler ids): the node as HTML-like text.</summary>
    public string Describe()
    {
        var html = new StringBuilder();
        Describe(html);
        return html.ToString();
    }

    private void Describe(StringBuilder html)
    {
        switch (Kind)
        {
            case NodeKind.Text:
            case NodeKind.Markup:
                html.Append(Text);
                return;
            case NodeKind.Element:
                html.Append('<').Append(Name);
                foreach (var (attribute, value) in Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
                {
                    html.Append(' ').Append(attribute).Append("=\"").Append(value).Append('"');
                }

                html.Append('>');
                break;
        }

        foreach (var child in Children)
        {
            child.Describe(html);
        }

        if (Kind == NodeKind.Element)
        {
            html.Append("</").Append(Name).Append('>');
        }
    }

    public override string ToString() => Kind == NodeKind.Element ? $"<{Name} class=\"{this["class"]}\">" : $"{Kind}: {Text}";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();
}
