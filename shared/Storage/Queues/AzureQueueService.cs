using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Storage.Connection;
using Pipeline.Storage.Http;

namespace Pipeline.Storage.Queues;

/// <summary>The Storage queues of one account, sharing one HTTP client (retries, credential, logging).</summary>
public sealed class AzureQueueService : IMessageQueueProvider, IDisposable
{
    private readonly StorageHttpClient _client;
    private readonly Uri _endpoint;
    private readonly ILogger _logger;

    /// <summary>Creates the service for the queue endpoint of <paramref name="connection"/>.</summary>
    /// <param name="connection">The account: its queue endpoint and credential.</param>
    /// <param name="clientOptions">Retry, timeout and transport settings.</param>
    /// <param name="logger">Where retries and poison moves are logged.</param>
    public AzureQueueService(StorageConnection connection, StorageClientOptions? clientOptions = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _endpoint = connection.RequireQueueEndpoint();
        _logger = logger ?? NullLogger.Instance;
        _client = new StorageHttpClient(connection.Credential, clientOptions, _logger);
    }

    /// <inheritdoc/>
    public IMessageQueue GetQueue(string name)
    {
        QueueLimits.ValidateName(name);
        return new AzureMessageQueue(this, name, _client, new Uri(_endpoint.AbsoluteUri.TrimEnd('/') + "/" + name), _logger);
    }

    /// <inheritdoc/>
    public void Dispose() => _client.Dispose();
}
