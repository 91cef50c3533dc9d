using BenchmarkDotNet.Running;
using Course.Benchmarks;

// "circuits <base-url> <server-pid> [tabs]" measures the player's memory per circuit with real browser
// tabs (see tests/perf/circuits.sh); anything else goes to BenchmarkDotNet.
if (args is ["circuits", var baseUrl, var pid, ..])
{
    return await CircuitMemory.RunAsync(new Uri(baseUrl), int.Parse(pid), args.Length > 3 ? int.Parse(args[3]) : 60);
}

BenchmarkSwitcher.FromAssembly(typeof(ScriptBenchmarks).Assembly).Run(args);
return 0;
