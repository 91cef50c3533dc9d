using System.Diagnostics;
using System.Globalization;

namespace Course.Load;

public sealed record LoadOptions(
    Uri Server,
    Scenario Scenario,
    int Learners,
    TimeSpan Ramp,
    TimeSpan Duration,
    bool SignIn,
    double Pace,
    string Chapter,
    string CheckpointQuiz,
    string FinalQuiz,
    int? ServerPid,
    string AccountPrefix,
    string? Journal = null,
    IReadOnlyList<System.Net.IPAddress>? SourceAddresses = null);

/// <summary>
/// Starts the learners over the ramp, lets them run their scenario until the duration ends, reports every
/// 10 s (interactions, errors, the server's CPU and memory), and summarises latencies at the end.
/// </summary>
public sealed class LoadRun(LoadOptions options, TextWriter output)
{
    public LoadMetrics Metrics { get; } = new();

    private int active;

    private LoadJournal? journal;

    public async Task<int> RunAsync()
    {
        var stats = options.ServerPid is { } pid ? new ServerStats(pid) : options.Server.IsLoopback ? ServerStats.ForPort(options.Server.Port) : null;
        stats?.Sample();
        var process = stats is null ? "server process not found: no CPU/memory" : $"pid {stats.Pid}";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load: {options.Learners} learner(s), scenario {options.Scenario.ToString().ToLowerInvariant()}, ramp {options.Ramp.TotalSeconds:0} s, duration {options.Duration.TotalSeconds:0} s, {(options.SignIn ? "signed in" : "anonymous")}, server {options.Server} ({process})"));
        using var journalFile = options.Journal is null ? null : new LoadJournal(options.Journal);
        journal = journalFile;
        using (var warmUp = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            await WarmUpAsync(warmUp.Token);
        }

        using var stop = new CancellationTokenSource(options.Duration);
        var clock = Stopwatch.StartNew();
        var learners = Enumerable.Range(0, options.Learners).Select(i => LearnerAsync(i, stop.Token)).ToList();
        var all = Task.WhenAll(learners);
        while (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(10))) != all)
        {
            Report(clock.Elapsed, stats);
        }

        Report(clock.Elapsed, stats);
        output.WriteLine(Metrics.Table());
        foreach (var message in Metrics.FirstErrors)
        {
            output.WriteLine("error: " + message);
        }

        return Metrics.ErrorCount == 0 ? 0 : 1;
    }

    /// <summary>
    /// Opens the player and the checkpoint quiz once, unmeasured, so the first learners' figures are not this
    /// client's own start-up (JIT of SignalR, MessagePack and JSON code), which takes seconds on a busy machine.
    /// </summary>
    private async Task WarmUpAsync(CancellationToken stop)
    {
        await using var learner = new LearnerSession(options.Server, new LoadMetrics());
        try
        {
            await learner.OpenPlayerAsync(options.Chapter, 1, stop);
            await learner.OpenQuizAsync(options.Chapter, options.CheckpointQuiz, stop);
        }
        catch (Exception e) when (e is LoadException or HttpRequestException or InvalidOperationException or IOException)
        {
            Metrics.Error("warm-up", $"warm-up: {e.Message}");
        }
    }

    private void Report(TimeSpan elapsed, ServerStats? stats)
    {
        var done = Metrics.Summaries().Sum(s => s.Count);
        var server = stats?.Sample() is { } s ? string.Create(CultureInfo.InvariantCulture, $"server cpu {s.CpuPercent,5:0.0}% rss {s.RssMb,6:0.0} MB") : "server n/a";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{elapsed.TotalSeconds,5:0}s] learners {Volatile.Read(ref active),4}  interactions {done,7}  errors {Metrics.ErrorCount,4}  {server}"));
    }

    private async Task LearnerAsync(int index, CancellationToken stop)
    {
        try
        {
            await Task.Delay(options.Learners <= 1 ? TimeSpan.Zero : options.Ramp * index / (options.Learners - 1), stop);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        Interlocked.Increment(ref active);
        var scenarios = new Scenarios(options.Chapter, options.CheckpointQuiz, options.FinalQuiz, options.Pace, seed: index);
        await using var learner = new LearnerSession(options.Server, Metrics)
        {
            Journal = journal,
            LocalAddress = options.SourceAddresses is { Count: > 0 } addresses ? addresses[index % addresses.Count] : null,
        };
        try
        {
            if (options.SignIn)
            {
                await learner.RegisterAsync($"{options.AccountPrefix}-{index}@load.test", "load-client-password", stop);
            }

            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await scenarios.RunAsync(options.Scenario, learner, index, stop);
                    if (options.Scenario == Scenario.Script)
                    {
                        break;
                    }
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    // A learner who meets an error reloads the page a moment later and goes on.
                    Metrics.Error(e is LoadException ? "learner" : e.GetType().Name, $"learner {index}: {e.Message}");
                    BlazorCircuit.Trace?.Invoke("page at the error: " + learner.Describe());
                    await learner.ClosePageAsync();
                    if (options.Scenario == Scenario.Script)
                    {
                        break;
                    }

                    await Task.Delay(TimeSpan.FromSeconds(1), stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (!stop.IsCancellationRequested)
        {
            Metrics.Error(e is LoadException ? "sign-in" : e.GetType().Name, $"learner {index}: {e.Message}");
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            // The run ended in the middle of an action (a wait or a send was cut short): not an error.
        }
        finally
        {
            Interlocked.Decrement(ref active);
        }
    }
}
