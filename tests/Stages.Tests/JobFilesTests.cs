using System.Text;
using Pipeline.Stages.Coordination;
using Pipeline.Stages.Environment;
using Pipeline.Stages.Tests.Support;
using Pipeline.Storage.Blobs;

namespace Pipeline.Stages.Tests;

public sealed class JobFilesTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "jobfiles-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private (RemoteLikeStore Store, string Scratch) Setup()
    {
        var store = new RemoteLikeStore(new LocalBlobStore(Path.Combine(_root, "store")));
        return (store, Path.Combine(_root, "scratch"));
    }

    [Fact]
    public async Task Forgetting_a_job_deletes_its_downloads_and_no_other_jobs()
    {
        var (store, scratch) = Setup();
        using var files = new JobFiles(store, scratch);
        foreach (var name in new[] { "job-a/shards/0.parquet", "job-a/queries.tsv", "job-b/queries.tsv" })
        {
            await files.UploadTextAsync(name, "content of " + name);
        }
        var a0 = await files.LocalPathAsync("job-a/shards/0.parquet");
        var aq = await files.LocalPathAsync("job-a/queries.tsv");
        var bq = await files.LocalPathAsync("job-b/queries.tsv");
        Assert.Equal("content of job-a/queries.tsv", await File.ReadAllTextAsync(aq));
        Assert.StartsWith(Path.GetFullPath(scratch), Path.GetFullPath(a0), StringComparison.Ordinal);
        Assert.Equal(3, store.Reads);
        Assert.Same(aq, await files.LocalPathAsync("job-a/queries.tsv")); // cached: no new read
        Assert.Equal(3, store.Reads);

        files.Forget("job-a/");

        Assert.False(File.Exists(a0));
        Assert.False(File.Exists(aq));
        Assert.False(Directory.Exists(Path.GetDirectoryName(a0)));
        Assert.True(File.Exists(bq));
        Assert.Equal(["job-b/queries.tsv"], files.CachedDownloads);
        // Asked again, a forgotten blob is downloaded again.
        var again = await files.LocalPathAsync("job-a/queries.tsv");
        Assert.Equal(4, store.Reads);
        Assert.Equal("content of job-a/queries.tsv", await File.ReadAllTextAsync(again));
    }

    [Fact]
    public async Task A_file_open_when_its_job_is_forgotten_stays_readable()
    {
        var (store, scratch) = Setup();
        using var files = new JobFiles(store, scratch);
        var content = new string('x', 100_000);
        await files.UploadTextAsync("job-a/big.txt", content);
        var path = await files.LocalPathAsync("job-a/big.txt");
        using var reader = new StreamReader(path, Encoding.UTF8);
        var head = new char[10];
        Assert.Equal(10, reader.Read(head, 0, 10));

        files.Forget("job-a/");

        Assert.False(File.Exists(path));
        Assert.Equal(content.Length - 10, (await reader.ReadToEndAsync()).Length);
    }

    [Fact]
    public async Task Only_the_most_recent_jobs_keep_their_downloads()
    {
        var (store, scratch) = Setup();
        using var files = new JobFiles(store, scratch) { JobCapacity = 2 };
        foreach (var job in new[] { "a", "b", "c" })
        {
            await files.UploadTextAsync($"{job}/queries.tsv", job);
        }
        var a = await files.LocalPathAsync("a/queries.tsv");
        var b = await files.LocalPathAsync("b/queries.tsv");
        Assert.Same(a, await files.LocalPathAsync("a/queries.tsv")); // a is the most recent again

        var c = await files.LocalPathAsync("c/queries.tsv");          // b, the least recent, is let go

        Assert.True(File.Exists(a));
        Assert.False(File.Exists(b));
        Assert.True(File.Exists(c));
        Assert.Equal(["a/queries.tsv", "c/queries.tsv"], files.CachedDownloads.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_job_run_from_a_downloading_store_leaves_no_download_behind_and_gives_the_same_results()
    {
        using var inPlace = new JobHarness();
        using var downloading = new JobHarness(downloads: true);

        var expected = await inPlace.RunAsync(JobHarness.Bm25Spec("files-job"), parallel: 2);
        var status = await downloading.RunAsync(JobHarness.Bm25Spec("files-job"), parallel: 2);

        Assert.Equal(JobState.Completed, expected.State);
        Assert.Equal(JobState.Completed, status.State);
        Assert.True(((RemoteLikeStore)downloading.Environment.Files.Store).Reads > 0);
        Assert.Equal(inPlace.Results("files-job"), downloading.Results("files-job"));
        Assert.Empty(downloading.Environment.Files.CachedDownloads);
        var scratch = Path.Combine(downloading.Root, "scratch");
        Assert.DoesNotContain(Directory.EnumerateFiles(scratch, "*", SearchOption.AllDirectories), f => f.Contains("cache", StringComparison.Ordinal));
    }
}
