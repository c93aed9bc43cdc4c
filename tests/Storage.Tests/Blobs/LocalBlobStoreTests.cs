using Pipeline.Storage.Blobs;

namespace Pipeline.Storage.Tests.Blobs;

public sealed class LocalBlobStoreTests : BlobStoreContract, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("storage-tests-").FullName;

    protected override async Task<IBlobStore> CreateStoreAsync(BlobStoreOptions options)
    {
        var store = new LocalBlobStore(Path.Combine(_root, Guid.NewGuid().ToString("N")));
        await store.CreateIfMissingAsync();
        return store;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Blobs_are_plain_files_under_the_root_and_temporary_files_are_gone_after_upload()
    {
        var store = (LocalBlobStore)await CreateStoreAsync(new BlobStoreOptions());

        await store.UploadAsync("a/b.txt", new MemoryStream("hello"u8.ToArray()));

        Assert.Equal("hello", await File.ReadAllTextAsync(Path.Combine(store.Root, "a", "b.txt")));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(store.Root, ".pipeline-tmp"), "*.part"));
    }

    [Fact]
    public async Task The_work_folder_is_never_listed_and_cannot_be_written()
    {
        var store = (LocalBlobStore)await CreateStoreAsync(new BlobStoreOptions());
        await store.UploadAsync("x", new MemoryStream([1]), BlobWriteCondition.CreateOnly);

        var listed = new List<string>();
        await foreach (var blob in store.ListAsync())
        {
            listed.Add(blob.Name);
        }

        Assert.Equal(["x"], listed);
        await Assert.ThrowsAsync<ArgumentException>(() => store.UploadAsync(".pipeline-tmp/x", new MemoryStream()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a//b")]
    [InlineData("../escape")]
    [InlineData("a/./b")]
    [InlineData("a\\b")]
    public async Task Names_with_empty_dot_or_backslash_segments_are_rejected(string name)
    {
        var store = await CreateStoreAsync(new BlobStoreOptions());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.UploadAsync(name, new MemoryStream()));

        Assert.Equal("name", error.ParamName);
    }
}
