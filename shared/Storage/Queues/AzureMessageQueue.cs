using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Pipeline.Storage.Http;

namespace Pipeline.Storage.Queues;

/// <summary>
/// An Azure Storage queue over the REST API. Message text travels Base64-encoded (UTF-8), as a Functions
/// <c>queueTrigger</c> with the default <c>messageEncoding</c> expects; a received text that is not valid Base64
/// (sent by another tool) is returned as it is. Obtain instances from <see cref="AzureQueueService.GetQueue"/>.
/// </summary>
public sealed class AzureMessageQueue : IMessageQueue
{
    private readonly AzureQueueService _service;
    private readonly StorageHttpClient _client;
    private readonly string _url;
    private readonly ILogger _logger;

    internal AzureMessageQueue(AzureQueueService service, string name, StorageHttpClient client, Uri url, ILogger logger)
    {
        _service = service;
        Name = name;
        _client = client;
        _url = url.AbsoluteUri;
        _logger = logger;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public async Task CreateIfMissingAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _client.SendAsync("Create Queue", () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, _url) { Content = new ByteArrayContent([]) };
            request.Content.Headers.ContentLength = 0;
            return request;
        }, cancellationToken, 409).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<SentMessage> SendAsync(string text, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var delay = visibilityDelay ?? TimeSpan.Zero;
        QueueLimits.ValidateVisibility(delay, nameof(visibilityDelay));
        var ttl = QueueLimits.TimeToLiveSeconds(timeToLive, delay);
        var body = Encoding.UTF8.GetBytes(new XElement("QueueMessage",
            new XElement("MessageText", Convert.ToBase64String(Encoding.UTF8.GetBytes(text)))).ToString(SaveOptions.DisableFormatting));
        var url = string.Create(CultureInfo.InvariantCulture,
            $"{_url}/messages?visibilitytimeout={QueueLimits.Seconds(delay)}&messagettl={ttl}");
        using var response = await _client.SendAsync("Put Message", () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentLength = body.Length;
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
            return request;
        }, cancellationToken).ConfigureAwait(false);
        var message = (await ReadListAsync(response, cancellationToken).ConfigureAwait(false)).Single();
        return new SentMessage(Value(message, "MessageId"), Date(message, "InsertionTime"), Expiry(message),
            Date(message, "TimeNextVisible"));
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout,
        CancellationToken cancellationToken = default)
    {
        QueueLimits.ValidateReceive(maxMessages, visibilityTimeout);
        var url = string.Create(CultureInfo.InvariantCulture,
            $"{_url}/messages?numofmessages={maxMessages}&visibilitytimeout={QueueLimits.Seconds(visibilityTimeout)}");
        using var response = await _client.SendAsync("Get Messages", () => new HttpRequestMessage(HttpMethod.Get, url),
            cancellationToken).ConfigureAwait(false);
        var messages = await ReadListAsync(response, cancellationToken).ConfigureAwait(false);
        return messages.Select(m => new QueueMessage(
            Value(m, "MessageId"),
            Value(m, "PopReceipt"),
            Decode(m.Element("MessageText")?.Value ?? string.Empty),
            long.Parse(Value(m, "DequeueCount"), CultureInfo.InvariantCulture),
            Date(m, "InsertionTime"),
            Expiry(m),
            Date(m, "TimeNextVisible"))).ToList();
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        var url = $"{_url}/messages/{Uri.EscapeDataString(messageId)}?popreceipt={Uri.EscapeDataString(popReceipt)}";
        using var response = await _client.SendAsync("Delete Message", () => new HttpRequestMessage(HttpMethod.Delete, url),
            cancellationToken, 400, 404).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status == 400 && StorageHttpClient.Single(response, "x-ms-error-code") is not "PopReceiptMismatch")
        {
            throw new StorageRequestException(
                $"Storage Delete Message on queue '{Name}' failed: 400 ({StorageHttpClient.Single(response, "x-ms-error-code") ?? "no error code"}).",
                400, StorageHttpClient.Single(response, "x-ms-error-code"), StorageHttpClient.Single(response, "x-ms-request-id"), isTransient: false);
        }
        return status is not (400 or 404);
    }

    /// <inheritdoc/>
    public async Task<MessageLease> UpdateVisibilityAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        QueueLimits.ValidateVisibility(visibilityTimeout, nameof(visibilityTimeout));
        var url = string.Create(CultureInfo.InvariantCulture,
            $"{_url}/messages/{Uri.EscapeDataString(messageId)}?popreceipt={Uri.EscapeDataString(popReceipt)}&visibilitytimeout={QueueLimits.Seconds(visibilityTimeout)}");
        using var response = await _client.SendAsync("Update Message", () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent([]) };
            request.Content.Headers.ContentLength = 0;
            return request;
        }, cancellationToken).ConfigureAwait(false);
        var receipt = StorageHttpClient.Single(response, "x-ms-popreceipt")
            ?? throw new StorageRequestException($"Update Message on queue '{Name}' returned no pop receipt.");
        var nextVisible = StorageHttpClient.Single(response, "x-ms-time-next-visible");
        return new MessageLease(receipt, nextVisible is null
            ? _client.Time.GetUtcNow().AddSeconds(QueueLimits.Seconds(visibilityTimeout))
            : DateTimeOffset.Parse(nextVisible, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
    }

    /// <inheritdoc/>
    public async Task<bool> MoveToPoisonAsync(QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var poison = _service.GetQueue(((IMessageQueue)this).PoisonQueueName);
        await poison.CreateIfMissingAsync(cancellationToken).ConfigureAwait(false);
        await poison.SendAsync(message.Text, cancellationToken: cancellationToken).ConfigureAwait(false);
        var deleted = await DeleteAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
        StorageLog.MovedToPoison(_logger, message.MessageId, Name, poison.Name, message.DequeueCount);
        return deleted;
    }

    private static async Task<List<XElement>> ReadListAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var document = await XDocument.LoadAsync(stream, LoadOptions.None, cancellationToken).ConfigureAwait(false);
            return document.Root?.Elements("QueueMessage").ToList() ?? [];
        }
    }

    private static string Value(XElement message, string name)
        => message.Element(name)?.Value ?? throw new StorageRequestException($"A queue response lacks <{name}>.");

    private static DateTimeOffset Date(XElement message, string name)
        => DateTimeOffset.Parse(Value(message, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>The expiry; null for messages that never expire (the service reports 9999-12-31).</summary>
    private static DateTimeOffset? Expiry(XElement message)
    {
        var expiry = Date(message, "ExpirationTime");
        return expiry.Year >= 9999 ? null : expiry;
    }

    private static string Decode(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written)
            ? Encoding.UTF8.GetString(buffer, 0, written)
            : text;
    }
}
