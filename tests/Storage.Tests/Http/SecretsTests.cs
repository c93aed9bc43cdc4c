using Azure.Core;
using Microsoft.Extensions.Logging;
using Pipeline.Storage.Blobs;
using Pipeline.Storage.Connection;
using Pipeline.Storage.Http;

namespace Pipeline.Storage.Tests.Http;

public class SecretsTests
{
    private const string Key = "c2VjcmV0LWtleS1tYXRlcmlhbC10aGF0LW11c3QtbmV2ZXItYmUtbG9nZ2Vk";
    private const string SasSignature = "sig=TOPSECRETSIGNATURE%3D";

    [Fact]
    public async Task Retry_logs_and_the_final_exception_never_contain_keys_signatures_or_authorization()
    {
        var logger = new RecordingLogger();
        using var transport = new AlwaysBusy();
        var sas = new StorageConnection("acct", new Uri("https://acct.blob.core.windows.net"), null,
            new SasCredential("sv=2025-11-05&ss=b&" + SasSignature));
        var key = new StorageConnection("acct", new Uri("https://acct.blob.core.windows.net"), null, new SharedKeyCredential("acct", Key));
        var options = new StorageClientOptions { Transport = transport, TimeProvider = new FakeTimeProvider(), MaxRetries = 2 };
        var messages = new List<string>();

        foreach (var connection in new[] { sas, key })
        {
            using var store = new AzureBlobStore(connection, "pipeline", null, options, logger);
            var error = await Assert.ThrowsAsync<StorageRequestException>(() => store.GetPropertiesAsync("jobs/x"));
            messages.Add(error.Message);
            messages.Add(error.ToString());
        }
        messages.AddRange(logger.Lines);

        Assert.Equal(4, logger.Lines.Count);
        Assert.Equal(3, transport.AuthorizationHeaders.Count(h => h.StartsWith("SharedKey acct:", StringComparison.Ordinal)));
        foreach (var text in messages)
        {
            Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
            Assert.DoesNotContain("TOPSECRETSIGNATURE", text, StringComparison.Ordinal);
            Assert.DoesNotContain("sig=", text, StringComparison.Ordinal);
            Assert.DoesNotContain("SharedKey acct:", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Authorization", text, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains("https://acct.blob.core.windows.net/pipeline/jobs/x", logger.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_and_connections_print_without_secrets()
    {
        var connection = StorageConnection.Parse($"AccountName=acct;AccountKey={Key}");
        var sas = StorageConnection.Parse($"BlobEndpoint=https://acct.blob.core.windows.net;SharedAccessSignature=sv=1&{SasSignature}");

        Assert.Equal("acct (blob https://acct.blob.core.windows.net/, queue https://acct.queue.core.windows.net/, SharedKey(acct))",
            connection.ToString());
        Assert.DoesNotContain("TOPSECRET", sas.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entra_id_requests_carry_a_bearer_token_for_the_storage_scope_reused_until_near_expiry()
    {
        var time = new FakeTimeProvider();
        var tokens = new CountingTokenCredential(time);
        using var credential = new EntraIdCredential(tokens, time);
        using var first = new HttpRequestMessage(HttpMethod.Get, "https://acct.blob.core.windows.net/c/b");
        using var second = new HttpRequestMessage(HttpMethod.Get, "https://acct.blob.core.windows.net/c/b");
        using var third = new HttpRequestMessage(HttpMethod.Get, "https://acct.blob.core.windows.net/c/b");

        await credential.AuthorizeAsync(first, CancellationToken.None);
        await credential.AuthorizeAsync(second, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(56));
        await credential.AuthorizeAsync(third, CancellationToken.None);

        Assert.Equal("Bearer token-1", string.Join(",", first.Headers.GetValues("Authorization")));
        Assert.Equal("Bearer token-1", string.Join(",", second.Headers.GetValues("Authorization")));
        Assert.Equal("Bearer token-2", string.Join(",", third.Headers.GetValues("Authorization")));
        Assert.Equal([["https://storage.azure.com/.default"], ["https://storage.azure.com/.default"]], tokens.Scopes);
    }

    private sealed class CountingTokenCredential(TimeProvider time) : TokenCredential
    {
        public List<string[]> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.Add(requestContext.Scopes);
            return new AccessToken($"token-{Scopes.Count}", time.GetUtcNow().AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
            => ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    /// <summary>Answers every request 503 and remembers the Authorization headers it was sent.</summary>
    private sealed class AlwaysBusy : HttpMessageHandler
    {
        public List<string> AuthorizationHeaders { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Headers.TryGetValues("Authorization", out var values))
            {
                AuthorizationHeaders.Add(string.Join(",", values));
            }
            var response = new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable) { RequestMessage = request };
            response.Headers.TryAddWithoutValidation("x-ms-error-code", "ServerBusy");
            return Task.FromResult(response);
        }
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add($"{eventId.Id} {formatter(state, exception)} {exception}");
            }
        }
    }
}
