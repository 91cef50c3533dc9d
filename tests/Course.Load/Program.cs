using System.Globalization;
using System.Net;
using Course.Load;

// Simulated learners against a running Course server, at the Blazor Server protocol level (docs/performance.md,
// "Load client"). Exit code: 0 when no learner met an error, 1 when one did, 2 for bad arguments.
const string Usage = """
    usage: Course.Load --server URL [--scenario play|quiz|mixed] [--learners N] [--ramp SECONDS] [--duration SECONDS]
                       [--anonymous] [--pace FACTOR] [--server-pid PID] [--chapter PATH] [--checkpoint-quiz SLUG]
                       [--final-quiz SLUG] [--account-prefix PREFIX] [--journal FILE] [--source-addresses A,B,...]
      scenarios: play, quiz, mixed (half play, half quiz), script (once each, no think time: the browser comparison)
      signed-in learners register as PREFIX-<n>@load.test (default: load-<time>-<random>)
      --journal FILE appends each action the server confirmed (progress, quiz submissions) with its times
      --source-addresses spreads learners over local addresses (learner n uses address n mod count), e.g. to reach
        every instance behind a proxy that keeps a client on one instance by its address (nginx ip_hash)
    """;

var values = new Dictionary<string, string>(StringComparer.Ordinal);
var flags = new HashSet<string>(StringComparer.Ordinal);
for (var i = 0; i < args.Length; i++)
{
    if (args[i] is "--anonymous" or "--help" or "-h")
    {
        flags.Add(args[i]);
    }
    else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
    {
        values[args[i]] = args[++i];
    }
    else
    {
        return Fail($"argument {i + 1} ('{args[i]}'): expected an option and its value");
    }
}

if (flags.Contains("--help") || flags.Contains("-h"))
{
    Console.WriteLine(Usage);
    return 0;
}

var known = new[] { "--server", "--scenario", "--learners", "--ramp", "--duration", "--pace", "--server-pid", "--chapter", "--checkpoint-quiz", "--final-quiz", "--account-prefix", "--journal", "--source-addresses" };
if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
{
    return Fail($"unknown option {unknown}");
}

if (!values.TryGetValue("--server", out var serverText) || !Uri.TryCreate(serverText, UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
{
    return Fail("--server: give the server's http(s) address, e.g. http://127.0.0.1:5000");
}

if (!Enum.TryParse<Scenario>(values.GetValueOrDefault("--scenario", "mixed"), ignoreCase: true, out var scenario) || !Enum.IsDefined(scenario))
{
    return Fail($"--scenario: '{values["--scenario"]}' is not play, quiz, mixed or script");
}

if (Number("--learners", 5, 1, 20_000) is not { } learners
    || Number("--ramp", 10, 0, 3_600) is not { } ramp
    || Number("--duration", 60, 1, 86_400) is not { } duration
    || Number("--pace", 1, 0, 10) is not { } pace
    || Number("--server-pid", 0, 0, int.MaxValue) is not { } pid)
{
    return 2;
}

var sourceAddresses = new List<IPAddress>();
foreach (var text in values.GetValueOrDefault("--source-addresses", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
{
    if (!IPAddress.TryParse(text, out var address))
    {
        return Fail($"--source-addresses: '{text}' is not an IP address");
    }

    sourceAddresses.Add(address);
}

if (sourceAddresses.Count > 1_024)
{
    return Fail($"--source-addresses: {sourceAddresses.Count} addresses; at most 1024");
}

var options = new LoadOptions(
    new Uri(server.GetLeftPart(UriPartial.Authority) + "/"), scenario, (int)learners, TimeSpan.FromSeconds(ramp), TimeSpan.FromSeconds(duration),
    SignIn: !flags.Contains("--anonymous"), pace, values.GetValueOrDefault("--chapter", Scenarios.DefaultChapter),
    values.GetValueOrDefault("--checkpoint-quiz", "tokens"), values.GetValueOrDefault("--final-quiz", "final"),
    pid == 0 ? null : (int)pid, values.GetValueOrDefault("--account-prefix", $"load-{DateTime.UtcNow:yyyyMMddHHmmss}-{Random.Shared.Next(1000, 9999)}"),
    values.GetValueOrDefault("--journal"), sourceAddresses);
return await new LoadRun(options, Console.Out).RunAsync();

double? Number(string option, double fallback, double min, double max)
{
    if (!values.TryGetValue(option, out var text))
    {
        return fallback;
    }

    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
    {
        Fail($"{option}: '{text}' is not a number from {min} to {max}");
        return null;
    }

    return number;
}

static int Fail(string message)
{
    Console.Error.WriteLine($"Course.Load: {message}");
    Console.Error.WriteLine(Usage);
    return 2;
}
