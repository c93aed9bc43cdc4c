using Pipeline.Stages.Environment;
using Pipeline.Storage.Blobs;

namespace Pipeline.Stages.Tests.Support;

/// <summary>
/// A real folder store seen through another type, so that <see cref="JobFiles"/> downloads its blobs as it does a
/// remote store's (it reads a <see cref="LocalBlobStore"/>'s own files in place).
/// </summary>
internal sealed class RemoteLikeStore(LocalBlobStore inner) : IBlobStore
{
    public int Reads { get; private set; }

    public Task CreateIfMissingAsync(CancellationToken cancellationToken = default) => inner.CreateIfMissingAsync(cancellationToken);

    public Task<BlobWriteResult> UploadAsync(string name, Stream content, BlobWriteCondition condition = default, CancellationToken cancellationToken = default) =>
        inner.UploadAsync(name, content, condition, cancellationToken);

    public Task<Stream> OpenReadAsync(string name, BlobRange? range = null, CancellationToken cancellationToken = default)
    {
        Reads++;
        return inner.OpenReadAsync(name, range, cancellationToken);
    }

    public Task<BlobProperties?> GetPropertiesAsync(string name, CancellationToken cancellationToken = default) => inner.GetPropertiesAsync(name, cancellationToken);

    public Task<bool> ExistsAsync(string name, CancellationToken cancellationToken = default) => inner.ExistsAsync(name, cancellationToken);

    public IAsyncEnumerable<BlobProperties> ListAsync(string prefix = "", CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default) => inner.DeleteAsync(name, cancellationToken);
}
