using System.Text;
using Pipeline.Storage.Blobs;
using Pipeline.Storage.Locations;
using Pipeline.Storage.Tests.Azurite;

namespace Pipeline.Storage.Tests.Locations;

public sealed class StorageLocationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public void An_az_url_names_container_and_blob_and_takes_the_account_from_the_connection()
    {
        var location = StorageLocation.Parse("az://pipeline/jobs/j-1/runs/bm25.trec");

        Assert.Equal((StorageLocationKind.Blob, "pipeline", "jobs/j-1/runs/bm25.trec", (Uri?)null),
            (location.Kind, location.Container, location.BlobName, location.AccountEndpoint));
    }

    [Fact]
    public void An_account_url_is_split_into_endpoint_container_and_blob()
    {
        var location = StorageLocation.Parse("https://prodacct.blob.core.windows.net/pipeline/jobs/a%20b.txt");

        Assert.Equal(("https://prodacct.blob.core.windows.net/", "pipeline", "jobs/a b.txt"),
            (location.AccountEndpoint!.AbsoluteUri, location.Container, location.BlobName));
    }

    [Fact]
    public void An_azurite_url_is_path_style_with_the_account_first()
    {
        var location = StorageLocation.Parse("http://127.0.0.1:10000/devstoreaccount1/pipeline/qrels.txt");

        Assert.Equal(("http://127.0.0.1:10000/devstoreaccount1", "pipeline", "qrels.txt"),
            (location.AccountEndpoint!.AbsoluteUri, location.Container, location.BlobName));
    }

    [Theory]
    [InlineData("samples/qrels.txt")]
    [InlineData("/tmp/run.trec")]
    [InlineData("C-drive-like:name")]
    public void Anything_else_is_a_local_path(string text)
    {
        var location = StorageLocation.Parse(text);

        Assert.Equal((StorageLocationKind.Local, Path.GetFullPath(text)), (location.Kind, location.LocalPath));
    }

    [Theory]
    [InlineData("az://container-only")]
    [InlineData("az://container/")]
    [InlineData("https://example.com/c/b")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1")]
    public void Urls_without_container_and_blob_or_outside_blob_storage_are_rejected(string text)
    {
        var error = Assert.Throws<FormatException>(() => StorageLocation.Parse(text));

        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_local_location_is_written_atomically_and_read_back()
    {
        var folder = Directory.CreateTempSubdirectory("locations-").FullName;
        try
        {
            var location = StorageLocation.Parse(Path.Combine(folder, "out", "metrics.json"));
            var resolver = new StorageLocationResolver();

            await resolver.WriteAtomicallyAsync(location, (s, ct) => s.WriteAsync("{\"map\":0.3}"u8.ToArray(), ct).AsTask());
            using var copy = await resolver.MaterializeAsync(location);

            Assert.Equal("{\"map\":0.3}", await File.ReadAllTextAsync(copy.Path));
            Assert.False(copy.IsTemporary);
            Assert.Equal(["metrics.json"], Directory.GetFiles(Path.Combine(folder, "out")).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_failed_local_write_keeps_the_old_content()
    {
        var folder = Directory.CreateTempSubdirectory("locations-").FullName;
        try
        {
            var path = Path.Combine(folder, "status.json");
            await File.WriteAllTextAsync(path, "old");
            var resolver = new StorageLocationResolver();

            await Assert.ThrowsAsync<InvalidOperationException>(() => resolver.WriteAtomicallyAsync(StorageLocation.Parse(path),
                async (s, ct) =>
                {
                    await s.WriteAsync("partial"u8.ToArray(), ct);
                    throw new InvalidOperationException("boom");
                }));

            Assert.Equal("old", await File.ReadAllTextAsync(path));
            Assert.Equal(["status.json"], Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [AzuriteFact]
    public async Task A_blob_location_is_written_read_and_materialized_to_a_temporary_file_that_disposal_removes()
    {
        azurite.EnsureRunning();
        var resolver = StorageLocationResolver.FromSetting(azurite.ConnectionString);
        var container = "c" + Guid.NewGuid().ToString("N");
        using (var store = resolver.OpenContainer(StorageLocation.Parse($"az://{container}/x")))
        {
            await store.CreateIfMissingAsync();
        }
        var location = StorageLocation.Parse($"az://{container}/runs/bm25.trec");
        var url = StorageLocation.Parse($"http://127.0.0.1:{azurite.BlobPort}/devstoreaccount1/{container}/runs/bm25.trec");

        await resolver.WriteAtomicallyAsync(location, (s, ct) => s.WriteAsync("q1 Q0 d1 1 2.5 bm25\n"u8.ToArray(), ct).AsTask());
        string viaStream;
        await using (var stream = await resolver.OpenReadAsync(url))
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        {
            viaStream = await reader.ReadToEndAsync();
        }
        string path;
        string viaFile;
        using (var copy = await resolver.MaterializeAsync(location))
        {
            path = copy.Path;
            viaFile = await File.ReadAllTextAsync(copy.Path);
            Assert.True(copy.IsTemporary);
            Assert.Equal("bm25.trec", Path.GetFileName(copy.Path));
        }

        Assert.Equal("q1 Q0 d1 1 2.5 bm25\n", viaStream);
        Assert.Equal("q1 Q0 d1 1 2.5 bm25\n", viaFile);
        Assert.False(File.Exists(path));
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    [Fact]
    public void An_az_location_without_any_connection_says_what_to_configure()
    {
        var resolver = new StorageLocationResolver(connection: null);

        var error = Assert.Throws<InvalidOperationException>(() => resolver.OpenContainer(StorageLocation.Parse("az://c/b")));

        Assert.Equal("'az://c/b' needs a storage connection: pass --connection or set AzureWebJobsStorage.", error.Message);
    }

    [Fact]
    public void A_blob_store_location_can_not_be_opened_as_a_container_when_local()
    {
        var resolver = new StorageLocationResolver();

        Assert.Throws<ArgumentException>(() => resolver.OpenContainer(StorageLocation.Parse("local.txt")));
        Assert.Equal(typeof(AzureBlobStore), typeof(StorageLocationResolver).GetMethod("OpenContainer")!.ReturnType);
    }
}
