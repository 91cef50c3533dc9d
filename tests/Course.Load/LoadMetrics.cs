using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Course.Load;

/// <summary>Latencies by interaction and errors by kind, shared by every learner of a run; thread-safe.</summary>
public sealed class LoadMetrics
{
    private readonly ConcurrentDictionary<string, List<double>> latencies = new();
    private readonly ConcurrentDictionary<string, int> errors = new();
    private readonly ConcurrentQueue<string> firstErrors = new();

    public int ErrorCount => errors.Values.Sum();

    public IReadOnlyDictionary<string, int> Errors => errors;

    /// <summary>Up to 20 error messages in full, in the order they happened.</summary>
    public IEnumerable<string> FirstErrors => firstErrors;

    public void Record(string interaction, TimeSpan latency)
    {
        var samples = latencies.GetOrAdd(interaction, _ => []);
        lock (samples)
        {
            samples.Add(latency.TotalMilliseconds);
        }
    }

    public void Error(string kind, string message)
    {
        errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
        if (firstErrors.Count < 20)
        {
            firstErrors.Enqueue(message);
        }
    }

    public IReadOnlyList<InteractionSummary> Summaries()
    {
        var result = new List<InteractionSummary>();
        foreach (var (name, samples) in latencies.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            double[] sorted;
            lock (samples)
            {
                sorted = [.. samples.Order()];
            }

            result.Add(new InteractionSummary(name, sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), sorted.LastOrDefault()));
        }

        return result;
    }

    /// <summary>Nearest-rank percentile of sorted samples.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    public string Table()
    {
        var text = new StringBuilder();
        text.AppendLine("interaction        count   p50 ms   p95 ms   p99 ms   max ms");
        foreach (var s in Summaries())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{s.Name,-16} {s.Count,7} {s.P50,8:0.0} {s.P95,8:0.0} {s.P99,8:0.0} {s.Max,8:0.0}");
        }

        text.Append(CultureInfo.InvariantCulture, $"errors: {ErrorCount}");
        foreach (var (kind, count) in errors.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $" {kind}={count}");
        }

        return text.ToString();
    }
}

public sealed record InteractionSummary(string Name, int Count, double P50, double P95, double P99, double Max);
