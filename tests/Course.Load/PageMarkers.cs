using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Course.Load;

/// <summary>
/// What blazor.web.js reads from a prerendered page before it connects: the interactive server components'
/// markers (<c>&lt;!--Blazor:{"type":"server",...}--&gt;</c>, sorted by sequence) and the persisted component
/// state (<c>&lt;!--Blazor-Server-Component-State:...--&gt;</c>), which goes with StartCircuit and the first
/// UpdateRootComponents.
/// </summary>
public sealed partial record PageMarkers(IReadOnlyList<JsonObject> ServerComponents, string ApplicationState, string BaseHref)
{
    public static PageMarkers Parse(string html)
    {
        var components = new List<JsonObject>();
        var uniqueId = 0;
        foreach (Match marker in ComponentMarker().Matches(html))
        {
            if (JsonNode.Parse(marker.Groups["json"].Value) is JsonObject json && json["type"]?.GetValue<string>() == "server")
            {
                json["uniqueId"] = uniqueId++; // blazor.web.js adds this to every descriptor it discovers
                components.Add(json);
            }
        }

        components.Sort((a, b) => a["sequence"]!.GetValue<int>().CompareTo(b["sequence"]!.GetValue<int>()));
        var state = StateMarker().Match(html);
        var baseHref = BaseElement().Match(html);
        return new PageMarkers(components, state.Success ? state.Groups["state"].Value : "",
            baseHref.Success ? WebUtility.HtmlDecode(baseHref.Groups["href"].Value) : "/");
    }

    /// <summary>The first UpdateRootComponents batch: one "add" per marker, numbered from 1 as the browser does.</summary>
    public string AddOperations() => new JsonObject
    {
        ["batchId"] = 1,
        ["operations"] = new JsonArray([.. ServerComponents.Select((marker, i) => (JsonNode)new JsonObject
        {
            ["type"] = "add",
            ["ssrComponentId"] = i + 1,
            ["marker"] = marker.DeepClone(),
        })]),
    }.ToJsonString();

    [GeneratedRegex("""<!--Blazor:(?<json>\{.*?\})-->""", RegexOptions.Singleline)]
    private static partial Regex ComponentMarker();

    [GeneratedRegex("""<!--\s*Blazor-Server-Component-State:(?<state>[a-zA-Z0-9+/=]+)\s*-->""")]
    private static partial Regex StateMarker();

    [GeneratedRegex("""<base\s+href="(?<href>[^"]*)"\s*/?>""")]
    private static partial Regex BaseElement();
}
