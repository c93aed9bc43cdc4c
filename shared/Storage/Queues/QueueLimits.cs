using System.Text.RegularExpressions;

namespace Pipeline.Storage.Queues;

/// <summary>Argument checks and conversions both queue implementations share.</summary>
internal static partial class QueueLimits
{
    public static readonly TimeSpan MaxVisibility = TimeSpan.FromDays(7);
    public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromDays(7);

    public static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a queue name: 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.",
                nameof(name));
        }
    }

    /// <summary>Whole seconds, rounding a fraction up.</summary>
    public static long Seconds(TimeSpan value) => (long)Math.Ceiling(value.TotalSeconds);

    public static void ValidateReceive(int maxMessages, TimeSpan visibilityTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        ArgumentOutOfRangeException.ThrowIfLessThan(visibilityTimeout, TimeSpan.FromSeconds(1));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(visibilityTimeout, MaxVisibility);
    }

    public static void ValidateVisibility(TimeSpan visibility, string paramName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(visibility, TimeSpan.Zero, paramName);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(visibility, MaxVisibility, paramName);
    }

    /// <summary>The time to live in seconds: -1 for infinite; otherwise at least 1 s and longer than the delay.</summary>
    public static long TimeToLiveSeconds(TimeSpan? timeToLive, TimeSpan delay)
    {
        if (timeToLive == Timeout.InfiniteTimeSpan)
        {
            return -1;
        }
        var ttl = timeToLive ?? DefaultTimeToLive;
        ArgumentOutOfRangeException.ThrowIfLessThan(ttl, TimeSpan.FromSeconds(1), nameof(timeToLive));
        if (Seconds(ttl) <= Seconds(delay))
        {
            throw new ArgumentOutOfRangeException(nameof(timeToLive), "The time to live must be longer than the visibility delay.");
        }
        return Seconds(ttl);
    }

    [GeneratedRegex("^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
