namespace Pipeline.Storage.Http;

/// <summary>Transport, retry and timeout settings of the REST clients. Defaults are pinned by a test.</summary>
public sealed class StorageClientOptions
{
    /// <summary>The <c>x-ms-version</c> sent with every request: <c>2025-11-05</c>, Azurite 3.3x's baseline (ADR 0004).</summary>
    public const string ServiceVersion = "2025-11-05";

    /// <summary>Retries after the first attempt for a transient failure. Default 5; 0 to 20.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>
    /// Back-off before the first retry; each later one doubles it, and a random jitter draws the actual delay between
    /// half and all of that value. Default 0.5 s.
    /// </summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound of one back-off, including a server's <c>Retry-After</c>. Default 60 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Time one attempt may take until the response headers arrive (a download's body is not bounded by it).
    /// Default 100 s; a timed-out attempt counts as transient.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The clock for <c>x-ms-date</c> and back-off delays. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// The innermost HTTP handler (tests insert fault injection here). Default null: a shared
    /// <see cref="SocketsHttpHandler"/>. The client does not dispose a handler given here.
    /// </summary>
    public HttpMessageHandler? Transport { get; set; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a value outside its documented bounds.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetries, nameof(MaxRetries));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxRetries, 20, nameof(MaxRetries));
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseDelay, TimeSpan.Zero, nameof(BaseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, BaseDelay, nameof(MaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AttemptTimeout, TimeSpan.Zero, nameof(AttemptTimeout));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }
}
