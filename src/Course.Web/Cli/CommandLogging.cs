using Microsoft.Extensions.Logging.Console;

namespace Course.Web.Cli;

/// <summary>
/// An operator command's standard output is its document (a chapter, a JSON file, a one-line result),
/// so that <c>export … &gt; chapter.txt</c> gives the chapter and nothing else. Every log line of a command
/// goes to standard error, whichever console format the environment uses (plain in Development, JSON in
/// Production), and only warnings and errors unless the operator asks for more with <c>--verbose</c>.
/// </summary>
public static class CommandLogging
{
    public const string VerboseOption = "--verbose";

    /// <summary>
    /// Takes <c>--verbose</c> out of the arguments, wherever it stands, so that no command mistakes it for a
    /// positional argument or an option's value, and the host does not read it as a setting.
    /// </summary>
    public static (string[] Args, bool Verbose) TakeVerbose(string[] args) =>
        ([.. args.Where(a => a != VerboseOption)], args.Contains(VerboseOption));

    /// <summary>
    /// Logs on standard error; without <paramref name="verbose"/> every level the configuration sets is raised
    /// to at least Warning, with it the configured levels stand (Information by default: what the server logs).
    /// </summary>
    public static ILoggingBuilder ForOperatorCommand(this ILoggingBuilder logging, bool verbose)
    {
        // PostConfigure: after Logging:Console from appsettings, which must not bring the logs back to stdout.
        logging.Services.PostConfigure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        if (!verbose)
        {
            // After Logging:LogLevel is read: a configured "Default": "Information" would otherwise win.
            logging.Services.PostConfigure<LoggerFilterOptions>(RaiseToWarning);
        }

        return logging;
    }

    private static void RaiseToWarning(LoggerFilterOptions options)
    {
        options.MinLevel = Max(options.MinLevel, LogLevel.Warning);
        var rules = options.Rules
            .Select(rule => new LoggerFilterRule(rule.ProviderName, rule.CategoryName, Max(rule.LogLevel ?? LogLevel.Warning, LogLevel.Warning), rule.Filter))
            .ToList();
        options.Rules.Clear();
        rules.ForEach(options.Rules.Add);
    }

    private static LogLevel Max(LogLevel a, LogLevel b) => a > b ? a : b;
}
