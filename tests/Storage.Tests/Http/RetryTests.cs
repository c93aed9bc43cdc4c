using System.Net;
using Pipeline.Storage.Blobs;
using Pipeline.Storage.Http;
using Pipeline.Storage.Tests.Azurite;

namespace Pipeline.Storage.Tests.Http;

public sealed class RetryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public void Back_off_doubles_per_retry_with_equal_jitter_and_stays_under_the_cap()
    {
        var options = new StorageClientOptions { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1) };

        Assert.Equal(TimeSpan.FromMilliseconds(50), StorageHttpClient.ComputeBackOff(options, 0, null, 0.0));
        Assert.Equal(TimeSpan.FromMilliseconds(100), StorageHttpClient.ComputeBackOff(options, 0, null, 1.0));
        Assert.Equal(TimeSpan.FromMilliseconds(300), StorageHttpClient.ComputeBackOff(options, 2, null, 0.5));
        Assert.Equal(TimeSpan.FromMilliseconds(1000), StorageHttpClient.ComputeBackOff(options, 10, null, 1.0));
    }

    [Fact]
    public void Retry_after_lengthens_the_back_off_but_not_beyond_the_cap()
    {
        var options = new StorageClientOptions { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(5) };

        Assert.Equal(TimeSpan.FromSeconds(3), StorageHttpClient.ComputeBackOff(options, 0, TimeSpan.FromSeconds(3), 0.5));
        Assert.Equal(TimeSpan.FromSeconds(5), StorageHttpClient.ComputeBackOff(options, 0, TimeSpan.FromSeconds(60), 0.5));
    }

    [Theory]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(400, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    [InlineData(412, false)]
    [InlineData(501, false)]
    public void Only_timeouts_throttling_and_server_errors_are_transient(int status, bool transient)
        => Assert.Equal(transient, StorageRequestException.IsTransientStatus(status));

    [Fact]
    public void Client_option_defaults_are_the_documented_ones()
    {
        var options = new StorageClientOptions();

        Assert.Equal((5, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(100)),
            (options.MaxRetries, options.BaseDelay, options.MaxDelay, options.AttemptTimeout));
        Assert.Equal("2025-11-05", StorageClientOptions.ServiceVersion);
        var blob = new BlobStoreOptions();
        Assert.Equal((8 << 20, 8 << 20, 4, 5000), (blob.SingleUploadThreshold, blob.BlockSize, blob.MaxConcurrency, blob.ListPageSize));
    }

    [AzuriteFact]
    public async Task Service_unavailable_answers_are_retried_honouring_retry_after_and_the_upload_lands()
    {
        azurite.EnsureRunning();
        var time = new FakeTimeProvider();
        using var faults = new FaultInjector(failures: 2, fault: FaultInjector.Kind.ServiceUnavailableRetryAfter3s);
        using var store = NewStore(faults, time, maxRetries: 3);
        await store.CreateIfMissingAsync();
        faults.Arm();

        var result = await store.UploadAsync("retried.txt", new MemoryStream("landed"u8.ToArray()));

        Assert.Equal(BlobWriteStatus.Written, result.Status);
        Assert.Equal(3, faults.Attempts);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)], time.Delays);
        Assert.Single(faults.ClientRequestIds.Distinct());
    }

    [AzuriteFact]
    public async Task Connection_resets_are_retried()
    {
        azurite.EnsureRunning();
        var time = new FakeTimeProvider();
        using var faults = new FaultInjector(failures: 3, fault: FaultInjector.Kind.ConnectionReset);
        using var store = NewStore(faults, time, maxRetries: 3);
        await store.CreateIfMissingAsync();
        faults.Arm();

        var exists = await store.ExistsAsync("nothing");

        Assert.False(exists);
        Assert.Equal(4, faults.Attempts);
        Assert.Equal(3, time.Delays.Count);
    }

    [AzuriteFact]
    public async Task A_transient_failure_that_outlasts_the_retries_is_a_transient_storage_exception()
    {
        azurite.EnsureRunning();
        var time = new FakeTimeProvider();
        using var faults = new FaultInjector(failures: 100, fault: FaultInjector.Kind.ServiceUnavailableRetryAfter3s);
        using var store = NewStore(faults, time, maxRetries: 2);
        faults.Arm();

        var error = await Assert.ThrowsAsync<StorageRequestException>(() => store.CreateIfMissingAsync());

        Assert.Equal((503, "ServerBusy", "fault-request-id", true), (error.Status, error.ErrorCode, error.RequestId, error.IsTransient));
        Assert.Equal(3, faults.Attempts);
    }

    [AzuriteFact]
    public async Task A_permanent_failure_is_not_retried()
    {
        azurite.EnsureRunning();
        var time = new FakeTimeProvider();
        using var faults = new FaultInjector(failures: 0, fault: FaultInjector.Kind.ConnectionReset);
        using var store = NewStore(faults, time, maxRetries: 5);
        faults.Arm();

        var error = await Assert.ThrowsAsync<StorageRequestException>(() => store.OpenReadAsync("no-container-no-blob"));

        Assert.Equal((404, false), (error.Status, error.IsTransient));
        Assert.Equal(1, faults.Attempts);
        Assert.Empty(time.Delays);
    }

    private AzureBlobStore NewStore(FaultInjector faults, FakeTimeProvider time, int maxRetries)
        => new(azurite.Connection, "c" + Guid.NewGuid().ToString("N"), null,
            new StorageClientOptions { Transport = faults, TimeProvider = time, MaxRetries = maxRetries });
}

/// <summary>Fails the first <c>failures</c> requests after <see cref="Arm"/> (503 with Retry-After, or a reset), then passes them on.</summary>
internal sealed class FaultInjector(int failures, FaultInjector.Kind fault) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _remaining = failures;
    private bool _armed;
    private int _attempts;

    public enum Kind
    {
        ServiceUnavailableRetryAfter3s,
        ConnectionReset,
    }

    public int Attempts => _attempts;

    public List<string> ClientRequestIds { get; } = [];

    public void Arm() => _armed = true;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!_armed)
        {
            return base.SendAsync(request, cancellationToken);
        }
        Interlocked.Increment(ref _attempts);
        lock (ClientRequestIds)
        {
            ClientRequestIds.Add(string.Join(",", request.Headers.GetValues("x-ms-client-request-id")));
        }
        if (Interlocked.Decrement(ref _remaining) < 0)
        {
            return base.SendAsync(request, cancellationToken);
        }
        if (fault == Kind.ConnectionReset)
        {
            throw new HttpRequestException("injected", new IOException("Connection reset by peer"));
        }
        var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request };
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(3));
        response.Headers.TryAddWithoutValidation("x-ms-error-code", "ServerBusy");
        response.Headers.TryAddWithoutValidation("x-ms-request-id", "fault-request-id");
        return Task.FromResult(response);
    }
}
