using Course.Web.Data;

namespace Course.Web.Tests.Architecture;

/// <summary>
/// Course.Web's features (Course.Web.Catalog, .Chapters, .Studio, ... each with its sub-namespaces) form layers:
/// no feature reaches, directly or through others, back to itself, and none uses the UI (Course.Web.Components.*),
/// which sits on top of them all. The root namespace (Program, ApplicationSetup, SharedResource) wires everything
/// together and is left out. Read from the compiled assembly (<see cref="NamespaceGraph"/>), so a fully qualified
/// name or a global using counts as much as a using directive.
/// </summary>
public sealed class NamespaceDependencyTests
{
    private const string Root = "Course.Web";
    private const string Ui = "Components";

    private static readonly Lazy<Dictionary<string, Dictionary<string, string>>> Features = new(() =>
    {
        var graph = NamespaceGraph.Of(typeof(CourseDbContext).Assembly.Location, Root);
        var features = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (from, targets) in graph.Edges)
        {
            foreach (var (to, example) in targets)
            {
                if (FeatureOf(from) is { } a && FeatureOf(to) is { } b && a != b)
                {
                    if (!features.TryGetValue(a, out var uses))
                    {
                        features[a] = uses = new(StringComparer.Ordinal);
                    }

                    uses.TryAdd(b, example);
                }
            }
        }

        return features;
    });

    /// <summary>"Course.Web.Accounts.Email" → "Accounts"; the root namespace → null.</summary>
    private static string? FeatureOf(string ns) =>
        ns.StartsWith(Root + ".", StringComparison.Ordinal) ? ns[(Root.Length + 1)..].Split('.')[0] : null;

    [Fact]
    public void The_graph_sees_the_known_dependencies()
    {
        // A reader that found nothing would pass every check below: these edges exist for sure.
        Assert.Contains("Data", Features.Value["Studio"].Keys);
        Assert.Contains("Studio", Features.Value[Ui].Keys);
        Assert.Contains("Chapters", Features.Value["Catalog"].Keys);
    }

    [Fact]
    public void No_feature_uses_the_UI()
    {
        var offending = Features.Value
            .Where(f => f.Key != Ui && f.Value.ContainsKey(Ui))
            .Select(f => $"{f.Key} → {Ui}: {f.Value[Ui]}")
            .ToList();
        Assert.True(offending.Count == 0, string.Join(Environment.NewLine, offending));
    }

    [Fact]
    public void Features_form_no_cycle()
    {
        var cycles = StronglyConnected(Features.Value).Where(c => c.Count > 1).ToList();
        var explained = cycles.Select(cycle => string.Join(Environment.NewLine, cycle.SelectMany(a => cycle
            .Where(b => Features.Value.GetValueOrDefault(a)?.ContainsKey(b) == true)
            .Select(b => $"  {a} → {b}: {Features.Value[a][b]}"))));
        Assert.True(cycles.Count == 0, "Namespaces that depend on each other:" + Environment.NewLine + string.Join(Environment.NewLine + "--" + Environment.NewLine, explained));
    }

    /// <summary>Tarjan's strongly connected components.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, Dictionary<string, string>> edges)
    {
        var nodes = edges.Keys.Concat(edges.Values.SelectMany(v => v.Keys)).Distinct().Order(StringComparer.Ordinal).ToList();
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<List<string>>();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in edges.GetValueOrDefault(v)?.Keys ?? Enumerable.Empty<string>())
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }

            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                result.Add(component);
            }
        }

        foreach (var node in nodes.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }

        return result;
    }
}
