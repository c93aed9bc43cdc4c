using System.Text;
using System.Xml.Linq;
using Pipeline.Storage.Queues;
using Pipeline.Storage.Tests.Azurite;

namespace Pipeline.Storage.Tests.Queues;

[RequiresAzurite]
public sealed class AzureMessageQueueTests(AzuriteFixture azurite) : MessageQueueContract, IClassFixture<AzuriteFixture>, IDisposable
{
    private AzureQueueService? _service;

    /// <summary>The Azurite account; argument checks need no service, so without Azurite it points at the default ports.</summary>
    protected override IMessageQueueProvider Provider
        => _service ??= new AzureQueueService(azurite.Unavailable is null ? azurite.Connection : Pipeline.Storage.Connection.StorageConnection.Development());

    protected override void RequireService() => azurite.EnsureRunning();

    /// <summary>Azurite runs on the real clock: leases and delays are real seconds.</summary>
    protected override Task PassAsync(TimeSpan time) => Task.Delay(time);

    public void Dispose() => _service?.Dispose();

    [AzuriteFact]
    public async Task Message_text_travels_base64_encoded_as_the_functions_host_expects()
    {
        azurite.EnsureRunning();
        using var recorder = new BodyRecorder();
        using var service = new AzureQueueService(azurite.Connection, new Pipeline.Storage.Http.StorageClientOptions { Transport = recorder });
        var queue = service.GetQueue("base64-" + Guid.NewGuid().ToString("N")[..12]);
        await queue.CreateIfMissingAsync();
        const string text = "{\"v\":1,\"jobId\":\"j-ü\"}";

        await queue.SendAsync(text);
        var received = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30)));

        var sent = XDocument.Parse(recorder.Bodies.Single(b => b.Contains("<QueueMessage>", StringComparison.Ordinal)));
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)), sent.Root!.Element("MessageText")!.Value);
        Assert.Equal(text, received.Text);
    }
}

/// <summary>Passes requests on and records their bodies as text.</summary>
internal sealed class BodyRecorder() : DelegatingHandler(new SocketsHttpHandler())
{
    public List<string> Bodies { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            Bodies.Add(await request.Content.ReadAsStringAsync(cancellationToken));
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
