using BenchmarkDotNet.Running;
using Course.Benchmarks;

// "progress [events-per-learner]" and "analytics [learners]" load the real app on SQLite (see docs/performance.md);
// "circuits <base-url> <server-pid> [tabs]" measures the player's memory per circuit with real browser
// tabs (see tests/perf/circuits.sh); "fuzz [--count N] [--seed S] [--importer name]" feeds the importers bad input
// (see docs/reliability.md); anything else goes to BenchmarkDotNet.
if (args is ["circuits", var baseUrl, var pid, ..])
{
    return await CircuitMemory.RunAsync(new Uri(baseUrl), int.Parse(pid), args.Length > 3 ? int.Parse(args[3]) : 60);
}

if (args is ["progress", ..])
{
    return await ProgressLoad.RunAsync(learners: 32, eventsPerLearner: args.Length > 1 ? int.Parse(args[1]) : 2000);
}

if (args is ["analytics", ..])
{
    return await AnalyticsLoad.RunAsync(learners: args.Length > 1 ? int.Parse(args[1]) : 10_000, everyoneFinishes: args.Contains("--everyone-finishes"));
}

if (args is ["fuzz", ..])
{
    return FuzzRun.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(ScriptBenchmarks).Assembly).Run(args);
return 0;
