using System.Collections.Concurrent;
using System.Text;
using Pipeline.Storage;
using Pipeline.Storage.Blobs;

namespace Pipeline.Stages.Environment;

/// <summary>
/// The job store as files: reads blobs to local paths (a local-folder store's own files, or a download cached until
/// the job is forgotten — committed outputs never change), and uploads local files and bytes.
/// </summary>
/// <remarks>
/// Downloads are kept for the <see cref="JobCapacity"/> jobs (first segment of the blob name) whose files were asked
/// for most recently; asking for a file of one more job deletes the downloads of the least recent one, and
/// <see cref="Forget"/> deletes a job's downloads when it ends here. A long-lived worker's disk thus holds the
/// downloads of its few most recent jobs, not of every job it ever served. A task that still reads a forgotten file
/// keeps reading (a deleted file stays readable while open); one that asks for it again downloads it again.
/// </remarks>
public sealed class JobFiles : IDisposable
{
    private readonly IBlobStore _store;
    private readonly string _scratch;
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _downloads = new(StringComparer.Ordinal);
    private readonly RecentJobs _recentJobs;

    /// <summary>Files of <paramref name="store"/>; downloads and new files go to a fresh folder under <paramref name="scratchRoot"/> (default the temporary folder).</summary>
    public JobFiles(IBlobStore store, string? scratchRoot = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _recentJobs = new RecentJobs(() => JobCapacity);
        _scratch = Path.Combine(scratchRoot ?? Path.GetTempPath(), "pipeline-work-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_scratch);
    }

    /// <summary>The store.</summary>
    public IBlobStore Store => _store;

    /// <summary>How many jobs' downloads are kept (default 4, as <see cref="ResourceCache.JobCapacity"/>).</summary>
    public int JobCapacity
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = 4;

    /// <summary>A local path holding blob <paramref name="name"/>'s content (read-only: do not modify it).</summary>
    /// <exception cref="StorageRequestException">The blob does not exist (404) or cannot be read.</exception>
    public Task<string> LocalPathAsync(string name, CancellationToken cancellationToken = default)
    {
        if (_store is LocalBlobStore local)
        {
            var path = Path.Combine(local.Root, name.Replace('/', Path.DirectorySeparatorChar));
            if (!File.Exists(path))
            {
                throw new StorageRequestException($"blob '{name}' does not exist", 404, "BlobNotFound", null, false);
            }
            return Task.FromResult(path);
        }
        TouchJob(name);
        var lazy = _downloads.GetOrAdd(name, n => new Lazy<Task<string>>(() => DownloadAsync(n, cancellationToken)));
        if (lazy.Value.IsFaulted || lazy.Value.IsCanceled)
        {
            _downloads.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(name, lazy));
            lazy = _downloads.GetOrAdd(name, n => new Lazy<Task<string>>(() => DownloadAsync(n, cancellationToken)));
        }
        return lazy.Value;
    }

    /// <summary>Marks the job of blob <paramref name="name"/> most recent; forgets the least recent beyond <see cref="JobCapacity"/>.</summary>
    private void TouchJob(string name)
    {
        foreach (var prefix in _recentJobs.Touch(name))
        {
            Forget(prefix);
        }
    }

    /// <summary>Downloads cached now (their blob names), for tests and diagnostics.</summary>
    public IReadOnlyCollection<string> CachedDownloads => [.. _downloads.Keys];

    /// <summary>
    /// Deletes the cached downloads of every blob whose name starts with <paramref name="prefix"/> (a job's
    /// <c>{jobId}/</c>), and their folders once empty; a download still running is deleted when it completes.
    /// </summary>
    public void Forget(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        _recentJobs.Remove(prefix);
        foreach (var (name, lazy) in _downloads)
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || !_downloads.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(name, lazy)))
            {
                continue;
            }
            if (lazy.IsValueCreated)
            {
                lazy.Value.ContinueWith(static t => DeleteQuietly(t.Result), CancellationToken.None,
                    TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
        var folder = Path.Combine(_scratch, "cache", prefix.TrimEnd('/').Replace('/', Path.DirectorySeparatorChar));
        RemoveEmptyFolders(folder);
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the scratch folder goes when the process ends.
        }
        RemoveEmptyFolders(Path.GetDirectoryName(path)!);
    }

    /// <summary>Deletes <paramref name="folder"/> and its subfolders where they hold no file (a concurrent download's folder stays).</summary>
    private static void RemoveEmptyFolders(string folder)
    {
        try
        {
            if (!Directory.Exists(folder))
            {
                return;
            }
            foreach (var child in Directory.GetDirectories(folder))
            {
                RemoveEmptyFolders(child);
            }
            if (!Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not empty after all (a download started meanwhile), or gone: either is fine.
        }
    }

    private async Task<string> DownloadAsync(string name, CancellationToken cancellationToken)
    {
        var target = Path.Combine(_scratch, "cache", name.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".part-" + Guid.NewGuid().ToString("N");
        await using (var source = await _store.OpenReadAsync(name, null, cancellationToken).ConfigureAwait(false))
        await using (var file = File.Create(partial))
        {
            await source.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        }
        File.Move(partial, target, overwrite: true);
        return target;
    }

    /// <summary>A fresh local path for a file to be written and then uploaded (its folder exists).</summary>
    public string NewLocalPath(string fileName)
    {
        var folder = Path.Combine(_scratch, "new", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, fileName);
    }

    /// <summary>A fresh empty local folder.</summary>
    public string NewLocalFolder()
    {
        var folder = Path.Combine(_scratch, "new", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Uploads the local file <paramref name="path"/> as <paramref name="name"/> (overwriting) and deletes the local file.</summary>
    public async Task UploadFileAsync(string name, string path, CancellationToken cancellationToken = default)
    {
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan))
        {
            await _store.UploadAsync(name, file, BlobWriteCondition.None, cancellationToken).ConfigureAwait(false);
        }
        File.Delete(path);
    }

    /// <summary>Uploads <paramref name="content"/> as <paramref name="name"/> under <paramref name="condition"/>.</summary>
    public async Task<BlobWriteResult> UploadBytesAsync(string name, byte[] content, BlobWriteCondition condition = default,
        CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream(content, writable: false);
        return await _store.UploadAsync(name, stream, condition, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Uploads <paramref name="text"/> (UTF-8) as <paramref name="name"/>.</summary>
    public Task<BlobWriteResult> UploadTextAsync(string name, string text, BlobWriteCondition condition = default,
        CancellationToken cancellationToken = default) => UploadBytesAsync(name, Encoding.UTF8.GetBytes(text), condition, cancellationToken);

    /// <summary>The content of blob <paramref name="name"/> with its ETag, or null when it does not exist.</summary>
    public async Task<(byte[] Content, string ETag)?> ReadBytesAsync(string name, CancellationToken cancellationToken = default)
    {
        var properties = await _store.GetPropertiesAsync(name, cancellationToken).ConfigureAwait(false);
        if (properties is null)
        {
            return null;
        }
        try
        {
            await using var stream = await _store.OpenReadAsync(name, null, cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return (buffer.ToArray(), properties.ETag);
        }
        catch (StorageRequestException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The text of blob <paramref name="name"/>, or null when it does not exist.</summary>
    public async Task<string?> ReadTextAsync(string name, CancellationToken cancellationToken = default) =>
        await ReadBytesAsync(name, cancellationToken).ConfigureAwait(false) is { } read ? Encoding.UTF8.GetString(read.Content) : null;

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a folder in the temporary directory.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
