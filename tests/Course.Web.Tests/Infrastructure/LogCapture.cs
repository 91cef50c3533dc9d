using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Course.Web.Tests.Infrastructure;

/// <summary>
/// A logger provider that keeps every entry the app's logging filters let through, as any other sink
/// (the console, OpenTelemetry's exporter) would receive it: category, level, message and exception.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. entries];

    /// <summary>Every entry as text, state values included, for "this secret appears nowhere" assertions.</summary>
    public string AllText => string.Join("\n", entries.Select(e => $"{e.Level} {e.Category}: {e.Message} {e.State} {e.Exception}"));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

    public void Dispose()
    {
    }

    public sealed record LogEntry(string Category, LogLevel Level, string Message, string State, string? Exception);

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), values, exception?.ToString()));
        }
    }
}
