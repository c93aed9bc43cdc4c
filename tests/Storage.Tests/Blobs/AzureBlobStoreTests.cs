using Pipeline.Storage.Blobs;
using Pipeline.Storage.Http;
using Pipeline.Storage.Tests.Azurite;

namespace Pipeline.Storage.Tests.Blobs;

[RequiresAzurite]
public sealed class AzureBlobStoreTests(AzuriteFixture azurite) : BlobStoreContract, IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly List<IDisposable> _stores = [];

    protected override async Task<IBlobStore> CreateStoreAsync(BlobStoreOptions options)
    {
        azurite.EnsureRunning();
        var store = new AzureBlobStore(azurite.Connection, "c" + Guid.NewGuid().ToString("N"), options);
        _stores.Add(store);
        await store.CreateIfMissingAsync();
        return store;
    }

    public void Dispose() => _stores.ForEach(static s => s.Dispose());

    [AzuriteFact]
    public async Task Creating_an_existing_container_is_not_an_error()
    {
        var store = (AzureBlobStore)await CreateStoreAsync(new BlobStoreOptions());

        await store.CreateIfMissingAsync();

        Assert.False(await store.ExistsAsync("anything"));
    }

    [AzuriteFact]
    public async Task Listing_fetches_pages_lazily_as_the_enumeration_proceeds()
    {
        azurite.EnsureRunning();
        using var counter = new CountingHandler();
        var container = "c" + Guid.NewGuid().ToString("N");
        using var store = new AzureBlobStore(azurite.Connection, container, new BlobStoreOptions { ListPageSize = 3 },
            new StorageClientOptions { Transport = counter });
        await store.CreateIfMissingAsync();
        for (var i = 0; i < 10; i++)
        {
            await store.UploadAsync($"b{i:D2}", new MemoryStream());
        }
        counter.Requests.Clear();

        var firstFour = new List<string>();
        await foreach (var blob in store.ListAsync())
        {
            firstFour.Add(blob.Name);
            if (firstFour.Count == 4)
            {
                break;
            }
        }

        Assert.Equal(["b00", "b01", "b02", "b03"], firstFour);
        Assert.Equal(2, counter.Requests.Count(r => r.Contains("comp=list", StringComparison.Ordinal)));
    }

    [AzuriteFact]
    public async Task Every_request_carries_version_date_and_client_request_id()
    {
        azurite.EnsureRunning();
        using var counter = new CountingHandler();
        using var store = new AzureBlobStore(azurite.Connection, "c" + Guid.NewGuid().ToString("N"), null,
            new StorageClientOptions { Transport = counter });

        await store.CreateIfMissingAsync();
        await store.UploadAsync("x", new MemoryStream([1, 2, 3]));

        Assert.Equal(2, counter.Headers.Count);
        Assert.All(counter.Headers, h => Assert.Equal(StorageClientOptions.ServiceVersion, h["x-ms-version"]));
        Assert.All(counter.Headers, h => Assert.True(Guid.TryParse(h["x-ms-client-request-id"], out _), h["x-ms-client-request-id"]));
        Assert.All(counter.Headers, h => Assert.EndsWith(" GMT", h["x-ms-date"], StringComparison.Ordinal));
    }

    [AzuriteFact]
    public async Task A_wrong_account_key_is_a_permanent_403_with_the_service_error_code_and_request_id()
    {
        azurite.EnsureRunning();
        var wrongKey = Convert.ToBase64String(new byte[64]);
        var connection = new Pipeline.Storage.Connection.StorageConnection(Pipeline.Storage.Connection.StorageConnection.DevelopmentAccountName,
            azurite.Connection.BlobEndpoint, null, new SharedKeyCredential(Pipeline.Storage.Connection.StorageConnection.DevelopmentAccountName, wrongKey));
        using var store = new AzureBlobStore(connection, "c" + Guid.NewGuid().ToString("N"));

        var error = await Assert.ThrowsAsync<StorageRequestException>(() => store.CreateIfMissingAsync());

        Assert.Equal((403, "AuthorizationFailure", false), (error.Status, error.ErrorCode, error.IsTransient));
        Assert.False(string.IsNullOrEmpty(error.RequestId));
    }
}

/// <summary>Passes requests on to the network and records their URLs and x-ms headers.</summary>
internal sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    public List<string> Requests { get; } = [];

    public List<Dictionary<string, string>> Headers { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add(request.RequestUri!.ToString());
            Headers.Add(request.Headers.Where(h => h.Key.StartsWith("x-ms-", StringComparison.Ordinal))
                .ToDictionary(h => h.Key, h => string.Join(",", h.Value)));
        }
        return base.SendAsync(request, cancellationToken);
    }
}
