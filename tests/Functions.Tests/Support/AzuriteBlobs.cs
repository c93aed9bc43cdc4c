using Pipeline.Storage.Blobs;
using Pipeline.Storage.Tests.Azurite;

namespace Pipeline.Functions.Tests.Support;

/// <summary>Blob chores of the CLI tests that run against the Azurite fixture.</summary>
internal static class AzuriteBlobs
{
    /// <summary>A fresh container named <paramref name="prefix"/> + 12 random hex digits, created in Azurite.</summary>
    public static async Task<(string Container, AzureBlobStore Store)> ContainerAsync(AzuriteFixture azurite, string prefix)
    {
        azurite.EnsureRunning();
        var container = prefix + Guid.NewGuid().ToString("N")[..12];
        var store = new AzureBlobStore(azurite.Connection, container);
        await store.CreateIfMissingAsync();
        return (container, store);
    }

    public static async Task UploadAsync(AzureBlobStore store, string name, string path)
    {
        await using var file = File.OpenRead(path);
        await store.UploadAsync(name, file);
    }

    public static async Task<byte[]> DownloadAsync(AzureBlobStore store, string name)
    {
        await using var stream = await store.OpenReadAsync(name);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    public static async Task<List<string>> ListAsync(AzureBlobStore store, string prefix)
    {
        var names = new List<string>();
        await foreach (var blob in store.ListAsync(prefix))
        {
            names.Add(blob.Name);
        }
        return names;
    }
}
