using System.Security.Cryptography;
using System.Text;
using Pipeline.Storage.Blobs;
using Pipeline.Storage.Tests.Azurite;

namespace Pipeline.Storage.Tests.Blobs;

/// <summary>The behaviour every <see cref="IBlobStore"/> shares, written once and run against each implementation.</summary>
public abstract class BlobStoreContract
{
    /// <summary>A new, empty, created container with the given options.</summary>
    protected abstract Task<IBlobStore> CreateStoreAsync(BlobStoreOptions options);

    private Task<IBlobStore> CreateStoreAsync() => CreateStoreAsync(new BlobStoreOptions());

    private static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    private static async Task<string> ReadTextAsync(IBlobStore store, string name, BlobRange? range = null)
    {
        await using var stream = await store.OpenReadAsync(name, range);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    [StorageFact]
    public async Task A_small_blob_round_trips_and_its_properties_match_the_upload()
    {
        var store = await CreateStoreAsync();

        var result = await store.UploadAsync("jobs/j-1/job.json", Text("{\"v\":1}"));
        var properties = await store.GetPropertiesAsync("jobs/j-1/job.json");

        Assert.Equal(BlobWriteStatus.Written, result.Status);
        Assert.Equal(7, result.Length);
        Assert.Equal("{\"v\":1}", await ReadTextAsync(store, "jobs/j-1/job.json"));
        Assert.NotNull(properties);
        Assert.Equal(("jobs/j-1/job.json", 7L, result.ETag), (properties.Name, properties.Length, properties.ETag));
        Assert.True(await store.ExistsAsync("jobs/j-1/job.json"));
    }

    [StorageFact]
    public async Task An_empty_blob_is_written_and_read_as_zero_bytes()
    {
        var store = await CreateStoreAsync();

        var result = await store.UploadAsync("_done/shard-corpus/00000", new MemoryStream());

        Assert.Equal(BlobWriteStatus.Written, result.Status);
        Assert.Equal(string.Empty, await ReadTextAsync(store, "_done/shard-corpus/00000"));
        Assert.Equal(0, (await store.GetPropertiesAsync("_done/shard-corpus/00000"))!.Length);
    }

    [StorageFact]
    public async Task A_blob_larger_than_the_threshold_goes_in_blocks_and_round_trips_byte_for_byte()
    {
        var store = await CreateStoreAsync(new BlobStoreOptions { SingleUploadThreshold = 1000, BlockSize = 4096, MaxConcurrency = 3 });
        using var source = new GeneratedStream(4096 * 7 + 123, seed: 7);

        var result = await store.UploadAsync("big/blocks.bin", source);
        var expected = source.Sha256();
        byte[] actual;
        await using (var download = await store.OpenReadAsync("big/blocks.bin"))
        {
            actual = await SHA256.HashDataAsync(download);
        }

        Assert.Equal((BlobWriteStatus.Written, 4096L * 7 + 123), (result.Status, result.Length));
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(actual));
        Assert.Equal(4096L * 7 + 123, (await store.GetPropertiesAsync("big/blocks.bin"))!.Length);
    }

    [StorageFact]
    public async Task A_blob_between_threshold_and_block_size_is_one_block()
    {
        var store = await CreateStoreAsync(new BlobStoreOptions { SingleUploadThreshold = 10, BlockSize = 64 });

        var result = await store.UploadAsync("one-block", Text("more than ten bytes but less than sixty-four"));

        Assert.Equal(BlobWriteStatus.Written, result.Status);
        Assert.Equal("more than ten bytes but less than sixty-four", await ReadTextAsync(store, "one-block"));
    }

    [StorageFact]
    public async Task A_256_MiB_blob_streams_up_and_down_with_the_same_sha256()
    {
        const long length = (256L << 20) + 4099;
        var store = await CreateStoreAsync(new BlobStoreOptions { SingleUploadThreshold = 4 << 20, BlockSize = 8 << 20, MaxConcurrency = 4 });
        using var source = new GeneratedStream(length, seed: 256);

        var result = await store.UploadAsync("large/256mib.bin", source);
        var expected = source.Sha256();
        byte[] actual;
        await using (var download = await store.OpenReadAsync("large/256mib.bin"))
        {
            actual = await SHA256.HashDataAsync(download);
        }

        Assert.Equal((BlobWriteStatus.Written, length), (result.Status, result.Length));
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(actual));
    }

    [StorageFact]
    public async Task A_create_only_upload_of_an_existing_blob_reports_already_exists_and_keeps_the_content()
    {
        var store = await CreateStoreAsync();
        var first = await store.UploadAsync("_done/x", Text("first"), BlobWriteCondition.CreateOnly);

        var second = await store.UploadAsync("_done/x", Text("second"), BlobWriteCondition.CreateOnly);

        Assert.Equal(BlobWriteStatus.Written, first.Status);
        Assert.Equal(new BlobWriteResult(BlobWriteStatus.AlreadyExists, null, 0), second);
        Assert.Equal("first", await ReadTextAsync(store, "_done/x"));
    }

    [StorageFact]
    public async Task A_create_only_block_upload_of_an_existing_blob_reports_already_exists()
    {
        var store = await CreateStoreAsync(new BlobStoreOptions { SingleUploadThreshold = 8, BlockSize = 16 });
        await store.UploadAsync("claim", Text("x"), BlobWriteCondition.CreateOnly);

        var second = await store.UploadAsync("claim", new GeneratedStream(100, seed: 3), BlobWriteCondition.CreateOnly);

        Assert.Equal(BlobWriteStatus.AlreadyExists, second.Status);
        Assert.Equal("x", await ReadTextAsync(store, "claim"));
    }

    [StorageFact]
    public async Task Exactly_one_of_sixteen_concurrent_create_only_writers_wins()
    {
        var store = await CreateStoreAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(
            () => store.UploadAsync("_done/merge/00001.fanin", Text($"writer {i}"), BlobWriteCondition.CreateOnly))));

        var winners = results.Select((r, i) => (r, i)).Where(x => x.r.Status == BlobWriteStatus.Written).ToList();
        Assert.Single(winners);
        Assert.Equal(15, results.Count(r => r.Status == BlobWriteStatus.AlreadyExists));
        Assert.Equal($"writer {winners[0].i}", await ReadTextAsync(store, "_done/merge/00001.fanin"));
    }

    [StorageFact]
    public async Task An_overwrite_on_the_current_etag_succeeds_and_changes_the_etag()
    {
        var store = await CreateStoreAsync();
        var first = await store.UploadAsync("status.json", Text("running"));

        var second = await store.UploadAsync("status.json", Text("completed"), BlobWriteCondition.IfMatches(first.ETag!));

        Assert.Equal(BlobWriteStatus.Written, second.Status);
        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal(second.ETag, (await store.GetPropertiesAsync("status.json"))!.ETag);
        Assert.Equal("completed", await ReadTextAsync(store, "status.json"));
    }

    [StorageFact]
    public async Task An_overwrite_on_a_stale_etag_reports_precondition_failed_and_keeps_the_newer_content()
    {
        var store = await CreateStoreAsync();
        var first = await store.UploadAsync("status.json", Text("v1"));
        await store.UploadAsync("status.json", Text("v2"), BlobWriteCondition.IfMatches(first.ETag!));

        var stale = await store.UploadAsync("status.json", Text("v3"), BlobWriteCondition.IfMatches(first.ETag!));

        Assert.Equal(new BlobWriteResult(BlobWriteStatus.PreconditionFailed, null, 0), stale);
        Assert.Equal("v2", await ReadTextAsync(store, "status.json"));
    }

    [StorageFact]
    public async Task An_if_match_upload_of_a_missing_blob_reports_precondition_failed()
    {
        var store = await CreateStoreAsync();

        var result = await store.UploadAsync("missing.json", Text("x"), BlobWriteCondition.IfMatches("\"0x1\""));

        Assert.Equal(BlobWriteStatus.PreconditionFailed, result.Status);
        Assert.False(await store.ExistsAsync("missing.json"));
    }

    [StorageFact]
    public async Task Concurrent_if_match_writers_on_one_etag_produce_exactly_one_winner()
    {
        var store = await CreateStoreAsync();
        var etag = (await store.UploadAsync("counter", Text("0"))).ETag!;

        var results = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(
            () => store.UploadAsync("counter", Text(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), BlobWriteCondition.IfMatches(etag)))));

        Assert.Equal(1, results.Count(r => r.Status == BlobWriteStatus.Written));
        Assert.Equal(7, results.Count(r => r.Status == BlobWriteStatus.PreconditionFailed));
    }

    [StorageFact]
    public async Task Ranged_reads_return_exactly_the_requested_bytes()
    {
        var store = await CreateStoreAsync();
        await store.UploadAsync("range.txt", Text("0123456789abcdef"));

        Assert.Equal("3456", await ReadTextAsync(store, "range.txt", new BlobRange(3, 4)));
        Assert.Equal("cdef", await ReadTextAsync(store, "range.txt", new BlobRange(12)));
        Assert.Equal("ef", await ReadTextAsync(store, "range.txt", new BlobRange(14, 100)));
    }

    [StorageFact]
    public async Task A_range_that_starts_past_the_end_is_an_invalid_range_error()
    {
        var store = await CreateStoreAsync();
        await store.UploadAsync("range.txt", Text("0123"));

        var error = await Assert.ThrowsAsync<StorageRequestException>(() => store.OpenReadAsync("range.txt", new BlobRange(10, 2)));

        Assert.Equal((416, "InvalidRange", false), (error.Status, error.ErrorCode, error.IsTransient));
    }

    [StorageFact]
    public async Task A_missing_blob_has_no_properties_cannot_be_read_and_deletes_as_false()
    {
        var store = await CreateStoreAsync();

        var error = await Assert.ThrowsAsync<StorageRequestException>(() => store.OpenReadAsync("nope/missing"));

        Assert.Equal((404, "BlobNotFound", false), (error.Status, error.ErrorCode, error.IsTransient));
        Assert.Null(await store.GetPropertiesAsync("nope/missing"));
        Assert.False(await store.ExistsAsync("nope/missing"));
        Assert.False(await store.DeleteAsync("nope/missing"));
    }

    [StorageFact]
    public async Task Delete_removes_an_existing_blob_once()
    {
        var store = await CreateStoreAsync();
        await store.UploadAsync("gone", Text("x"));

        var first = await store.DeleteAsync("gone");
        var second = await store.DeleteAsync("gone");

        Assert.Equal((true, false), (first, second));
        Assert.False(await store.ExistsAsync("gone"));
    }

    [StorageFact]
    public async Task Listing_returns_exactly_the_blobs_under_a_prefix_in_ordinal_order()
    {
        var store = await CreateStoreAsync(new BlobStoreOptions { ListPageSize = 2 });
        string[] names = ["jobs/a/x", "jobs/a-b", "jobs/a/y/z", "jobs/A", "jobs/a.txt", "jobsx", "other/jobs/a"];
        foreach (var name in names)
        {
            await store.UploadAsync(name, Text(name));
        }

        var listed = new List<BlobProperties>();
        await foreach (var blob in store.ListAsync("jobs/"))
        {
            listed.Add(blob);
        }

        Assert.Equal(["jobs/A", "jobs/a-b", "jobs/a.txt", "jobs/a/x", "jobs/a/y/z"], listed.Select(b => b.Name));
        Assert.Equal([6L, 8, 10, 8, 10], listed.Select(b => b.Length));
    }

    [StorageFact]
    public async Task Listing_with_a_partial_name_prefix_matches_names_not_folders()
    {
        var store = await CreateStoreAsync();
        foreach (var name in new[] { "shards/00001.parquet", "shards/00002.parquet", "shards/10000.parquet", "stats/shard-00001" })
        {
            await store.UploadAsync(name, Text("x"));
        }

        var listed = new List<string>();
        await foreach (var blob in store.ListAsync("shards/0000"))
        {
            listed.Add(blob.Name);
        }

        Assert.Equal(["shards/00001.parquet", "shards/00002.parquet"], listed);
    }

    [StorageFact]
    public async Task Listing_thousands_of_blobs_across_small_pages_returns_each_once_in_order()
    {
        const int count = 2100;
        var store = await CreateStoreAsync(new BlobStoreOptions { ListPageSize = 250 });
        var names = Enumerable.Range(0, count).Select(i => $"_done/retrieve/{i % 7}/{i:D5}").ToList();
        using (var gate = new SemaphoreSlim(16))
        {
            await Task.WhenAll(names.Select(async name =>
            {
                await gate.WaitAsync();
                try
                {
                    await store.UploadAsync(name, new MemoryStream());
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        var listed = new List<string>();
        await foreach (var blob in store.ListAsync("_done/"))
        {
            listed.Add(blob.Name);
        }

        Assert.Equal(names.Order(StringComparer.Ordinal), listed);
    }

    [StorageFact]
    public async Task Listing_an_empty_prefix_yields_nothing()
    {
        var store = await CreateStoreAsync();
        await store.UploadAsync("a", Text("x"));

        var listed = new List<string>();
        await foreach (var blob in store.ListAsync("b/"))
        {
            listed.Add(blob.Name);
        }

        Assert.Empty(listed);
    }

    [StorageFact]
    public async Task An_unconditional_overwrite_replaces_the_content_and_the_etag()
    {
        var store = await CreateStoreAsync();
        var first = await store.UploadAsync("runs/bm25.trec", Text("old"));

        var second = await store.UploadAsync("runs/bm25.trec", Text("newer"));

        Assert.Equal(BlobWriteStatus.Written, second.Status);
        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal("newer", await ReadTextAsync(store, "runs/bm25.trec"));
    }
}
