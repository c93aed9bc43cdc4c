using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Storage.Connection;
using Pipeline.Storage.Http;

namespace Pipeline.Storage.Blobs;

/// <summary>
/// One Azure Blob Storage container over the REST API (service version <see cref="StorageClientOptions.ServiceVersion"/>).
/// Uploads up to <see cref="BlobStoreOptions.SingleUploadThreshold"/> bytes use one Put Blob; larger ones Put Block in
/// parallel (at most <see cref="BlobStoreOptions.MaxConcurrency"/> blocks in flight and in memory) and commit with
/// Put Block List, which carries the write condition. Create-only conflicts (409 <c>BlobAlreadyExists</c>, or 412
/// from some emulators) become <see cref="BlobWriteStatus.AlreadyExists"/>; an ETag mismatch (412) or a missing blob
/// under <c>If-Match</c> becomes <see cref="BlobWriteStatus.PreconditionFailed"/>.
/// </summary>
public sealed class AzureBlobStore : IBlobStore, IDisposable
{
    private readonly StorageHttpClient _client;
    private readonly BlobStoreOptions _options;
    private readonly ILogger _logger;
    private readonly string _containerUrl;

    /// <summary>Creates a store for <paramref name="container"/> in the account of <paramref name="connection"/>.</summary>
    /// <param name="connection">The account: its blob endpoint and credential.</param>
    /// <param name="container">The container's name (3–63 lower-case letters, digits and hyphens).</param>
    /// <param name="options">Upload and listing settings; default <see cref="BlobStoreOptions"/>'s defaults.</param>
    /// <param name="clientOptions">Retry, timeout and transport settings.</param>
    /// <param name="logger">Where retries and large uploads are logged.</param>
    public AzureBlobStore(StorageConnection connection, string container, BlobStoreOptions? options = null,
        StorageClientOptions? clientOptions = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrEmpty(container);
        _options = options ?? new BlobStoreOptions();
        _options.Validate();
        _logger = logger ?? NullLogger.Instance;
        _client = new StorageHttpClient(connection.Credential, clientOptions, _logger);
        Container = container;
        _containerUrl = connection.RequireBlobEndpoint().AbsoluteUri.TrimEnd('/') + "/" + Uri.EscapeDataString(container);
    }

    /// <summary>The container's name.</summary>
    public string Container { get; }

    /// <inheritdoc/>
    public void Dispose() => _client.Dispose();

    /// <inheritdoc/>
    public async Task CreateIfMissingAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _client.SendAsync("Create Container",
            () => new HttpRequestMessage(HttpMethod.Put, _containerUrl + "?restype=container") { Content = Empty() },
            cancellationToken, 409).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<BlobWriteResult> UploadAsync(string name, Stream content, BlobWriteCondition condition = default,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var url = BlobUrl(name);
        var buffer = ArrayPool<byte>.Shared.Rent(_options.BlockSize);
        try
        {
            var first = await FillAsync(content, buffer, _options.BlockSize, cancellationToken).ConfigureAwait(false);
            if (first < _options.BlockSize && first <= _options.SingleUploadThreshold)
            {
                return await PutBlobAsync(url, buffer.AsMemory(0, first), condition, cancellationToken).ConfigureAwait(false);
            }
            var owned = buffer;
            buffer = null;
            return await PutBlocksAsync(url, owned, first, content, condition, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private async Task<BlobWriteResult> PutBlobAsync(string url, ReadOnlyMemory<byte> data, BlobWriteCondition condition,
        CancellationToken cancellationToken)
    {
        using var response = await _client.SendAsync("Put Blob", () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ReadOnlyMemoryContent(data) };
            request.Content.Headers.ContentLength = data.Length;
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            request.Headers.TryAddWithoutValidation("x-ms-blob-type", "BlockBlob");
            AddCondition(request, condition);
            return request;
        }, cancellationToken, 404, 409, 412).ConfigureAwait(false);
        return WriteResult(response, condition, data.Length);
    }

    /// <summary>Uploads blocks with bounded parallelism; <paramref name="firstBuffer"/> (owned) holds the first block.</summary>
    private async Task<BlobWriteResult> PutBlocksAsync(string url, byte[] firstBuffer, int firstLength, Stream content,
        BlobWriteCondition condition, CancellationToken cancellationToken)
    {
        var uploadId = Guid.NewGuid().ToByteArray();
        var blockIds = new List<string>();
        var inFlight = new List<Task>();
        using var slots = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long total = 0;
        byte[]? buffer = firstBuffer;
        var length = firstLength;
        try
        {
            await slots.WaitAsync(failed.Token).ConfigureAwait(false);
            while (true)
            {
                var id = BlockId(uploadId, blockIds.Count);
                blockIds.Add(id);
                total += length;
                inFlight.Add(PutBlockAndReleaseAsync(url, id, buffer, length, slots, failed));
                buffer = null;
                if (length < _options.BlockSize)
                {
                    break;
                }
                if (blockIds.Count >= 50_000)
                {
                    throw new InvalidOperationException(
                        $"The upload needs more than 50,000 blocks of {_options.BlockSize} bytes; raise BlockSize.");
                }
                await slots.WaitAsync(failed.Token).ConfigureAwait(false);
                buffer = ArrayPool<byte>.Shared.Rent(_options.BlockSize);
                length = await FillAsync(content, buffer, _options.BlockSize, failed.Token).ConfigureAwait(false);
                if (length == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = null;
                    slots.Release();
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A block failed and cancelled the rest: report the block's failure, not the cancellation.
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            await Task.WhenAll(inFlight).ConfigureAwait(false);
            throw;
        }
        catch
        {
            await failed.CancelAsync().ConfigureAwait(false);
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            await Task.WhenAll(inFlight).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
            throw;
        }
        await Task.WhenAll(inFlight).ConfigureAwait(false);

        var body = BlockListXml(blockIds);
        using var response = await _client.SendAsync("Put Block List", () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, url + "?comp=blocklist") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentLength = body.Length;
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
            request.Headers.TryAddWithoutValidation("x-ms-blob-content-type", "application/octet-stream");
            AddCondition(request, condition);
            return request;
        }, cancellationToken, 404, 409, 412).ConfigureAwait(false);
        var result = WriteResult(response, condition, total);
        if (result.Written)
        {
            StorageLog.UploadedBlocks(_logger, url, total, blockIds.Count);
        }
        return result;
    }

    private async Task PutBlockAndReleaseAsync(string url, string blockId, byte[] buffer, int length, SemaphoreSlim slots,
        CancellationTokenSource failed)
    {
        try
        {
            var blockUrl = url + "?comp=block&blockid=" + Uri.EscapeDataString(blockId);
            using var response = await _client.SendAsync("Put Block", () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Put, blockUrl) { Content = new ByteArrayContent(buffer, 0, length) };
                request.Content.Headers.ContentLength = length;
                return request;
            }, failed.Token).ConfigureAwait(false);
        }
        catch
        {
            await failed.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            slots.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<Stream> OpenReadAsync(string name, BlobRange? range = null, CancellationToken cancellationToken = default)
    {
        var url = BlobUrl(name);
        var response = await _client.SendAsync("Get Blob", () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (range is { } r)
            {
                request.Headers.TryAddWithoutValidation("x-ms-range", r.ToString());
            }
            return request;
        }, cancellationToken).ConfigureAwait(false);
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new OwningReadStream(stream, response, response.Content.Headers.ContentLength);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public async Task<BlobProperties?> GetPropertiesAsync(string name, CancellationToken cancellationToken = default)
    {
        var url = BlobUrl(name);
        using var response = await _client.SendAsync("Get Blob Properties", () => new HttpRequestMessage(HttpMethod.Head, url),
            cancellationToken, 404).ConfigureAwait(false);
        if ((int)response.StatusCode == 404)
        {
            return null;
        }
        return new BlobProperties(name, response.Content.Headers.ContentLength ?? 0, ETagOf(response),
            response.Content.Headers.LastModified ?? DateTimeOffset.MinValue);
    }

    /// <inheritdoc/>
    public async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken = default)
        => await GetPropertiesAsync(name, cancellationToken).ConfigureAwait(false) is not null;

    /// <inheritdoc/>
    public async IAsyncEnumerable<BlobProperties> ListAsync(string prefix = "",
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        string? marker = null;
        do
        {
            var url = string.Create(CultureInfo.InvariantCulture,
                $"{_containerUrl}?restype=container&comp=list&maxresults={_options.ListPageSize}");
            if (prefix.Length > 0)
            {
                url += "&prefix=" + Uri.EscapeDataString(prefix);
            }
            if (marker is not null)
            {
                url += "&marker=" + Uri.EscapeDataString(marker);
            }
            XDocument page;
            using (var response = await _client.SendAsync("List Blobs", () => new HttpRequestMessage(HttpMethod.Get, url),
                cancellationToken).ConfigureAwait(false))
            {
                var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    page = await XDocument.LoadAsync(stream, LoadOptions.None, cancellationToken).ConfigureAwait(false);
                }
            }
            var root = page.Root ?? throw new XmlException("List Blobs returned an empty document.");
            foreach (var blob in root.Element("Blobs")?.Elements("Blob") ?? [])
            {
                var properties = blob.Element("Properties");
                yield return new BlobProperties(
                    blob.Element("Name")?.Value ?? string.Empty,
                    long.Parse(properties?.Element("Content-Length")?.Value ?? "0", CultureInfo.InvariantCulture),
                    properties?.Element("Etag")?.Value ?? string.Empty,
                    DateTimeOffset.Parse(properties?.Element("Last-Modified")?.Value ?? "Mon, 01 Jan 0001 00:00:00 GMT",
                        CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
            }
            marker = root.Element("NextMarker")?.Value;
        }
        while (!string.IsNullOrEmpty(marker));
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        var url = BlobUrl(name);
        using var response = await _client.SendAsync("Delete Blob", () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Delete, url);
            request.Headers.TryAddWithoutValidation("x-ms-delete-snapshots", "include");
            return request;
        }, cancellationToken, 404).ConfigureAwait(false);
        return (int)response.StatusCode != 404;
    }

    private string BlobUrl(string name)
    {
        BlobNames.Validate(name);
        return _containerUrl + "/" + string.Join('/', name.Split('/').Select(Uri.EscapeDataString));
    }

    private static ByteArrayContent Empty()
    {
        var content = new ByteArrayContent([]);
        content.Headers.ContentLength = 0;
        return content;
    }

    private static void AddCondition(HttpRequestMessage request, BlobWriteCondition condition)
    {
        if (condition.IfNotExists)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", "*");
        }
        else if (condition.IfMatch is { } etag)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }
    }

    private static BlobWriteResult WriteResult(HttpResponseMessage response, BlobWriteCondition condition, long length)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return new BlobWriteResult(BlobWriteStatus.Written, ETagOf(response), length);
        }
        if (condition.IfNotExists && status is 409 or 412)
        {
            return new BlobWriteResult(BlobWriteStatus.AlreadyExists, null, 0);
        }
        if (condition.IfMatch is not null && status is 404 or 412)
        {
            return new BlobWriteResult(BlobWriteStatus.PreconditionFailed, null, 0);
        }
        var errorCode = StorageHttpClient.Single(response, "x-ms-error-code");
        var requestId = StorageHttpClient.Single(response, "x-ms-request-id");
        throw new StorageRequestException(
            $"Storage upload {response.RequestMessage?.RequestUri?.GetLeftPart(UriPartial.Path)} failed: {status} ({errorCode ?? "no error code"}).",
            status, errorCode, requestId, isTransient: false);
    }

    private static string ETagOf(HttpResponseMessage response)
        => response.Headers.TryGetValues("ETag", out var values) ? values.First() : string.Empty;

    private static string BlockId(byte[] uploadId, int index)
    {
        Span<byte> bytes = stackalloc byte[20];
        uploadId.CopyTo(bytes);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes[16..], index);
        return Convert.ToBase64String(bytes);
    }

    private static byte[] BlockListXml(List<string> blockIds)
    {
        var builder = new StringBuilder(64 + (blockIds.Count * 48));
        builder.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
        foreach (var id in blockIds)
        {
            builder.Append("<Latest>").Append(id).Append("</Latest>");
        }
        builder.Append("</BlockList>");
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    /// <summary>Reads until <paramref name="count"/> bytes are in <paramref name="buffer"/> or the stream ends.</summary>
    internal static async ValueTask<int> FillAsync(Stream content, byte[] buffer, int count, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < count)
        {
            var read = await content.ReadAsync(buffer.AsMemory(filled, count - filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }
            filled += read;
        }
        return filled;
    }
}
