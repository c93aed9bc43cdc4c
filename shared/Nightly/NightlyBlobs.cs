using Pipeline.Storage;
using Pipeline.Storage.Blobs;

namespace Pipeline.Nightly;

/// <summary>Small blob chores of the nightly library.</summary>
internal static class NightlyBlobs
{
    /// <summary>The blob's bytes, or null when it does not exist (also when it disappears between the check and the read).</summary>
    public static async Task<byte[]?> ReadAsync(IBlobStore store, string name, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = await store.OpenReadAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
        catch (StorageRequestException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Uploads <paramref name="content"/> under <paramref name="condition"/>.</summary>
    public static async Task<BlobWriteResult> UploadAsync(IBlobStore store, string name, byte[] content, BlobWriteCondition condition,
        CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(content);
        return await store.UploadAsync(name, stream, condition, cancellationToken).ConfigureAwait(false);
    }
}
