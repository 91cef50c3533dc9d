using Microsoft.Extensions.Logging;

namespace Course.Load.Protocol;

/// <summary>The SignalR client's warnings and errors, into the trace.</summary>
internal sealed class TraceLogger : ILoggerProvider, ILogger
{
    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Course.Load.BlazorCircuit.Trace?.Invoke($"signalr {logLevel}: {formatter(state, exception)} {exception?.Message}");

    public void Dispose()
    {
    }
}
