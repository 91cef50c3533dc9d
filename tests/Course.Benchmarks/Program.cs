using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Course.Benchmarks.ScriptBenchmarks).Assembly).Run(args);
