namespace Pipeline.Nightly.Tests.Support;

/// <summary>A clock that always says <paramref name="now"/>.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
