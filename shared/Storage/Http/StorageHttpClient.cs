using System.Globalization;
using System.Net;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Pipeline.Storage.Http;

/// <summary>
/// Sends storage REST requests: adds <c>x-ms-version</c>, <c>x-ms-date</c> and <c>x-ms-client-request-id</c>,
/// authorizes each attempt, retries transient failures with exponential back-off and jitter (honouring
/// <c>Retry-After</c>), and turns an unexpected status into <see cref="StorageRequestException"/>.
/// </summary>
internal sealed class StorageHttpClient : IDisposable
{
    private static readonly Lazy<HttpMessageHandler> SharedTransport = new(() => new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.None,
        MaxConnectionsPerServer = 64,
    });

    private readonly HttpClient _http;
    private readonly StorageCredential _credential;
    private readonly StorageClientOptions _options;
    private readonly ILogger _logger;

    public StorageHttpClient(StorageCredential credential, StorageClientOptions? options, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _options = options ?? new StorageClientOptions();
        _options.Validate();
        _credential = credential;
        _logger = logger ?? NullLogger.Instance;
        _http = new HttpClient(_options.Transport ?? SharedTransport.Value, disposeHandler: false)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public TimeProvider Time => _options.TimeProvider;

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// Sends the request <paramref name="build"/> makes (called again for every attempt) and returns the response when
    /// its status is 2xx or one of <paramref name="accepted"/>; the caller disposes it.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(string operation, Func<HttpRequestMessage> build,
        CancellationToken cancellationToken, params int[] accepted)
    {
        var clientRequestId = Guid.NewGuid().ToString("D");
        for (var retry = 0; ; retry++)
        {
            using var request = build();
            var resource = request.RequestUri!.GetLeftPart(UriPartial.Path);
            request.Headers.TryAddWithoutValidation("x-ms-version", StorageClientOptions.ServiceVersion);
            request.Headers.TryAddWithoutValidation("x-ms-date", Time.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation("x-ms-client-request-id", clientRequestId);
            await _credential.AuthorizeAsync(request, cancellationToken).ConfigureAwait(false);

            HttpResponseMessage response;
            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                attempt.CancelAfter(_options.AttemptTimeout);
                try
                {
                    response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token)
                        .ConfigureAwait(false);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested
                    && e is HttpRequestException or IOException or OperationCanceledException)
                {
                    var reason = e is OperationCanceledException
                        ? $"no response within {_options.AttemptTimeout.TotalSeconds:0.###} s"
                        : e.GetType().Name;
                    if (retry >= _options.MaxRetries)
                    {
                        throw new StorageRequestException(
                            $"Storage {operation} {resource} failed without a response ({reason}) after {retry + 1} attempts.",
                            0, null, null, isTransient: true, e);
                    }
                    var delay = BackOff(retry, null);
                    StorageLog.RetryingAfterException(_logger, operation, resource, reason, retry + 1, _options.MaxRetries,
                        (long)delay.TotalMilliseconds);
                    await Task.Delay(delay, Time, cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }

            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode || Array.IndexOf(accepted, status) >= 0)
            {
                return response;
            }

            using (response)
            {
                var errorCode = Single(response, "x-ms-error-code") ?? await ErrorCodeFromBodyAsync(response, cancellationToken).ConfigureAwait(false);
                var requestId = Single(response, "x-ms-request-id");
                var transient = StorageRequestException.IsTransientStatus(status);
                if (!transient || retry >= _options.MaxRetries)
                {
                    var attempts = retry + 1;
                    throw new StorageRequestException(
                        $"Storage {operation} {resource} failed: {status} {response.ReasonPhrase} ({errorCode ?? "no error code"}, "
                        + $"request id {requestId ?? "none"}, {attempts} attempt{(attempts == 1 ? "" : "s")}).",
                        status, errorCode, requestId, transient);
                }
                var delay = BackOff(retry, RetryAfter(response));
                StorageLog.Retrying(_logger, operation, resource, status, errorCode, requestId, retry + 1, _options.MaxRetries,
                    (long)delay.TotalMilliseconds);
                await Task.Delay(delay, Time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The delay before retry <paramref name="retry"/> + 1: <c>BaseDelay × 2^retry</c> with equal jitter (half fixed,
    /// half random), at least <paramref name="retryAfter"/>, at most <see cref="StorageClientOptions.MaxDelay"/>.
    /// </summary>
    internal TimeSpan BackOff(int retry, TimeSpan? retryAfter)
        => ComputeBackOff(_options, retry, retryAfter, Random.Shared.NextDouble());

    internal static TimeSpan ComputeBackOff(StorageClientOptions options, int retry, TimeSpan? retryAfter, double random)
    {
        var exponential = options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 30));
        var capped = Math.Min(exponential, options.MaxDelay.TotalMilliseconds);
        var jittered = (capped / 2) + (capped / 2 * random);
        if (retryAfter is { } after && after.TotalMilliseconds > jittered)
        {
            jittered = after.TotalMilliseconds;
        }
        return TimeSpan.FromMilliseconds(Math.Min(jittered, options.MaxDelay.TotalMilliseconds));
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }
        if (retryAfter.Delta is { } delta)
        {
            return delta;
        }
        if (retryAfter.Date is { } date)
        {
            var wait = date - Time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    internal static string? Single(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static async Task<string?> ErrorCodeFromBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (body.Length == 0 || body.Length > 64 * 1024)
            {
                return null;
            }
            return XDocument.Parse(body).Root?.Element("Code")?.Value;
        }
        catch (Exception e) when (e is System.Xml.XmlException or HttpRequestException or IOException)
        {
            return null;
        }
    }
}
