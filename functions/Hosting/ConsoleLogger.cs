using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Pipeline.Functions.Hosting;

/// <summary>
/// One line per log entry on a text writer (stderr for <c>pipeline worker</c>): time, level, message. Scopes are
/// written in front of the message (<c>[invocation 1234]</c>).
/// </summary>
internal sealed class ConsoleLogger(TextWriter writer, TimeProvider time, LogLevel minimum = LogLevel.Information) : ILogger
{
    private readonly Lock _lock = new();
    private readonly AsyncLocal<string?> _scope = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull
    {
        var previous = _scope.Value;
        _scope.Value = previous is null ? state.ToString() : $"{previous} {state}";
        return new Restore(this, previous);
    }

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }
        var level = logLevel switch
        {
            LogLevel.Critical => "crit",
            LogLevel.Error => "fail",
            LogLevel.Warning => "warn",
            LogLevel.Information => "info",
            _ => "dbug",
        };
        var scope = _scope.Value is { } s ? $"[{s}] " : "";
        var line = string.Create(CultureInfo.InvariantCulture, $"{time.GetUtcNow():HH:mm:ss.fff} {level} {scope}{formatter(state, exception)}");
        lock (_lock)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    private sealed class Restore(ConsoleLogger logger, string? previous) : IDisposable
    {
        public void Dispose() => logger._scope.Value = previous;
    }
}
