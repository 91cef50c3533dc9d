using Course.Fuzzing;

namespace Course.Benchmarks;

/// <summary>
/// The long fuzz run of the importers (docs/reliability.md, "Bad input"): N inputs each, every one timed. Prints,
/// per importer, the inputs accepted and refused, the exceptions other than the coded error (which must be 0),
/// and the slowest and 99th-percentile time per input; writes each failing input and the slowest input to files.
/// Exit code 1 when any input threw or took a second or more. <c>fuzz replay &lt;importer&gt; &lt;file&gt;</c> times one saved input.
/// </summary>
public static class FuzzRun
{
    // Inputs may hold lone surrogates: written as U+FFFD rather than refused.
    private static readonly System.Text.Encoding Utf8 = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static int Run(string[] args)
    {
        if (args is ["replay", var name, var file, ..])
        {
            return Replay(ImporterFuzz.All().Single(i => i.Name == name), File.ReadAllText(file));
        }

        var count = Option(args, "--count") is { } c ? int.Parse(c) : 1_000_000;
        var seed = Option(args, "--seed") is { } s ? ulong.Parse(s) : (ulong)DateTime.UtcNow.Ticks;
        var only = Option(args, "--importer");
        var output = Directory.CreateDirectory(Option(args, "--output") ?? Path.Combine(Path.GetTempPath(), "course-fuzz")).FullName;
        Console.WriteLine($"fuzz: {count:N0} inputs per importer, seed {seed}, failing and slowest inputs in {output}");
        var bad = false;
        foreach (var importer in ImporterFuzz.All().Where(i => only is null || i.Name == only))
        {
            var started = DateTime.UtcNow;
            var report = ImporterFuzz.Run(importer, count, seed);
            Console.WriteLine($"{report.Importer,-15} inputs {report.Inputs:N0}  accepted {report.Accepted:N0}  refused {report.Refused:N0}  "
                + $"exceptions {report.Failed}  max {report.MaxMilliseconds:0.0} ms  p99 {report.P99Milliseconds:0.000} ms  "
                + $"max own {report.MaxOwnMilliseconds:0.0} ms ({report.Retimed} inputs over {ImporterFuzz.RetimeOverMilliseconds} ms re-timed)  "
                + $"(slowest input {report.Slowest.Length:N0} chars; {(DateTime.UtcNow - started).TotalSeconds:0} s)");
            File.WriteAllText(Path.Combine(output, $"{report.Importer}.slowest.txt"), report.Slowest, Utf8);
            for (var i = 0; i < report.Failures.Count; i++)
            {
                var (input, error) = report.Failures[i];
                File.WriteAllText(Path.Combine(output, $"{report.Importer}.failure-{i}.txt"), input, Utf8);
                Console.WriteLine($"  failure {i}: {error.GetType().Name}: {error.Message.Split('\n')[0]}");
            }

            bad |= report.Failed > 0 || report.MaxOwnMilliseconds >= 1000;
        }

        return bad ? 1 : 0;
    }

    /// <summary>Times one saved input (e.g. a run's slowest) 20 times, to tell its own cost from a busy machine's.</summary>
    private static int Replay(Importer importer, string input)
    {
        var times = new List<double>();
        for (var i = 0; i < 21; i++)
        {
            var timer = System.Diagnostics.Stopwatch.StartNew();
            var accepted = importer.Run(input);
            if (i > 0)
            {
                times.Add(timer.Elapsed.TotalMilliseconds);
            }

            if (i == 0)
            {
                Console.WriteLine($"{importer.Name}: {input.Length:N0} characters, {(accepted ? "accepted" : "refused")}");
            }
        }

        times.Sort();
        Console.WriteLine($"min {times[0]:0.00} ms  median {times[times.Count / 2]:0.00} ms  max {times[^1]:0.00} ms");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
