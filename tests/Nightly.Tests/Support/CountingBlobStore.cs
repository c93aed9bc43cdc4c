using System.Collections.Concurrent;
using Pipeline.Storage.Blobs;

namespace Pipeline.Nightly.Tests.Support;

/// <summary>A real store (a folder) that counts the uploads that were written, blob by blob.</summary>
internal sealed class CountingBlobStore(IBlobStore inner) : IBlobStore
{
    private readonly ConcurrentDictionary<string, int> _writes = new(StringComparer.Ordinal);

    /// <summary>How many uploads of <paramref name="name"/> were written.</summary>
    public int Writes(string name) => _writes.GetValueOrDefault(name);

    public Task CreateIfMissingAsync(CancellationToken cancellationToken = default) => inner.CreateIfMissingAsync(cancellationToken);

    public async Task<BlobWriteResult> UploadAsync(string name, Stream content, BlobWriteCondition condition = default, CancellationToken cancellationToken = default)
    {
        var result = await inner.UploadAsync(name, content, condition, cancellationToken);
        if (result.Written)
        {
            _writes.AddOrUpdate(name, 1, (_, n) => n + 1);
        }
        return result;
    }

    public Task<Stream> OpenReadAsync(string name, BlobRange? range = null, CancellationToken cancellationToken = default) =>
        inner.OpenReadAsync(name, range, cancellationToken);

    public Task<BlobProperties?> GetPropertiesAsync(string name, CancellationToken cancellationToken = default) => inner.GetPropertiesAsync(name, cancellationToken);

    public Task<bool> ExistsAsync(string name, CancellationToken cancellationToken = default) => inner.ExistsAsync(name, cancellationToken);

    public IAsyncEnumerable<BlobProperties> ListAsync(string prefix = "", CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default) => inner.DeleteAsync(name, cancellationToken);
}
