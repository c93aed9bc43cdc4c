using Microsoft.Extensions.Logging;

namespace Pipeline.Functions.Cli;

/// <summary>A logger for CLI runs: warnings and errors of the libraries as <c>warning: …</c> / <c>error: …</c> lines on stderr.</summary>
internal sealed class StderrLogger(TextWriter error, LogLevel minimum = LogLevel.Warning) : ILogger
{
    private readonly Lock _lock = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }
        var prefix = logLevel >= LogLevel.Error ? "error" : logLevel == LogLevel.Warning ? "warning" : "info";
        lock (_lock)
        {
            error.WriteLine($"{prefix}: {formatter(state, exception)}");
        }
    }
}
