namespace Pipeline.Nightly.Tests.Support;

/// <summary>A clock that says what the test last set (timers still run on real time).</summary>
internal sealed class SettableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
