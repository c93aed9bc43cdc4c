using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Storage.ServiceBus;

/// <summary>
/// Sends messages to a Service Bus queue through its REST endpoint (<c>POST {queue}/messages</c>) with a shared
/// access signature — the one thing the pipeline does with Service Bus itself; receiving is the Functions host's
/// trigger (ADR 0005).
/// </summary>
public sealed class ServiceBusSender : IDisposable
{
    private readonly ServiceBusConnection _connection;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    /// <summary>A sender for <paramref name="connection"/>; <paramref name="handler"/> replaces the HTTP transport (tests).</summary>
    public ServiceBusSender(ServiceBusConnection connection, HttpMessageHandler? handler = null, TimeProvider? timeProvider = null)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.Timeout = TimeSpan.FromSeconds(60);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// The SAS token for <paramref name="resource"/> valid until <paramref name="expiry"/>:
    /// <c>SharedAccessSignature sr=…&amp;sig=…&amp;se=…&amp;skn=…</c>, the signature being HMAC-SHA256 (key as UTF-8 bytes)
    /// over the URL-encoded resource, a newline and the expiry in Unix seconds.
    /// </summary>
    public static string SasToken(Uri resource, string keyName, string key, DateTimeOffset expiry)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var encoded = Uri.EscapeDataString(resource.AbsoluteUri.ToLowerInvariant());
        var seconds = expiry.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(encoded + "\n" + seconds)));
        return $"SharedAccessSignature sr={encoded}&sig={Uri.EscapeDataString(signature)}&se={seconds}&skn={Uri.EscapeDataString(keyName)}";
    }

    /// <summary>Sends <paramref name="body"/> (JSON) to <paramref name="queue"/>; <paramref name="messageId"/> lets the queue drop duplicates.</summary>
    /// <exception cref="StorageRequestException">The namespace answered with an error (the message names the status, never the key).</exception>
    public async Task SendAsync(string queue, string body, string? messageId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(queue);
        ArgumentNullException.ThrowIfNull(body);
        var queueUri = _connection.QueueUri(queue);
        using var request = new HttpRequestMessage(HttpMethod.Post, queueUri.AbsoluteUri + "/messages");
        request.Headers.TryAddWithoutValidation("Authorization",
            SasToken(queueUri, _connection.KeyName, _connection.Key, _time.GetUtcNow().AddMinutes(10)));
        if (messageId is not null)
        {
            request.Headers.TryAddWithoutValidation("BrokerProperties", $"{{\"MessageId\":\"{messageId}\"}}");
        }
        request.Content = new StringContent(body, Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            throw new StorageRequestException($"Service Bus send to {queueUri} failed: {status} {response.ReasonPhrase}",
                status, null, null, StorageRequestException.IsTransientStatus(status));
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();
}
