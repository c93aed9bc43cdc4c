using Microsoft.Extensions.Logging;

namespace Pipeline.Functions.Hosting.Serve;

/// <summary>
/// A logger that writes to the process's log (stderr, scoped by invocation id) and also collects the lines of the
/// current invocation (Information and above) for the answer's <c>Logs</c>, which the host files under that
/// invocation. The stage handlers log through it, so their lines reach the invocation too. The current invocation
/// flows with the async context of its request.
/// </summary>
internal sealed class InvocationLogger(ILogger inner) : ILogger
{
    private static readonly AsyncLocal<List<string>?> Current = new();

    /// <summary>Collects the lines logged in this async flow into <paramref name="lines"/> until disposed.</summary>
    public static IDisposable Collect(List<string> lines)
    {
        var previous = Current.Value;
        Current.Value = lines;
        return new Restore(previous);
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel) || (logLevel >= LogLevel.Information && logLevel != LogLevel.None);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        inner.Log(logLevel, eventId, state, exception, formatter);
        if (logLevel < LogLevel.Information || logLevel == LogLevel.None || Current.Value is not { } lines)
        {
            return;
        }
        var prefix = logLevel switch
        {
            >= LogLevel.Error => "error: ",
            LogLevel.Warning => "warning: ",
            _ => "",
        };
        var text = prefix + formatter(state, exception);
        lock (lines)
        {
            lines.Add(text);
        }
    }

    private sealed class Restore(List<string>? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
