using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Storage.Blobs;

/// <summary>
/// A container kept in a local folder, with the semantics of <see cref="AzureBlobStore"/>: blob <c>a/b.txt</c> is the
/// file <c>{root}/a/b.txt</c>. An upload streams into a temporary file under <c>{root}/.pipeline-tmp/</c> (never
/// listed) and then commits it: create-only with a rename that refuses to overwrite (a hard link on Unix, so
/// exactly one of several writers wins even across processes), everything else with an atomic rename over the old
/// file. Readers see either the old or the new content, never a partial file.
/// </summary>
/// <remarks>
/// <para><b>ETags</b> are <c>"{last-write-time ticks:x}-{length:x}"</c> of the file. Every commit sets the new file's
/// last-write time strictly after the old one's, so each version written through a store has a new ETag; a file
/// edited behind the store's back keeps this property only if its time changes.</para>
/// <para>Conditional commits (<c>If-Match</c>, create-only, delete) hold a per-blob lock file under
/// <c>.pipeline-tmp/locks/</c> while they check and rename, which serializes them across threads and processes that
/// use this class on the same folder. A name cannot be both a blob and a folder of blobs (<c>a</c> and <c>a/b</c>).
/// Listing reads the names under the prefix's folder, sorts them ordinally and then yields them.</para>
/// </remarks>
public sealed class LocalBlobStore : IBlobStore
{
    private const string WorkFolder = ".pipeline-tmp";
    private readonly string _root;
    private readonly TimeProvider _time;

    /// <summary>Creates a store over the folder <paramref name="root"/> (created on first write).</summary>
    /// <param name="root">The folder that plays the container.</param>
    /// <param name="timeProvider">The clock for last-modified times; default the system clock.</param>
    public LocalBlobStore(string root, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        _root = Path.GetFullPath(root);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The folder that holds the blobs.</summary>
    public string Root => _root;

    /// <inheritdoc/>
    public Task CreateIfMissingAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(_root);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task<BlobWriteResult> UploadAsync(string name, Stream content, BlobWriteCondition condition = default,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = PathOf(name);
        var work = Path.Combine(_root, WorkFolder);
        Directory.CreateDirectory(work);
        var temp = Path.Combine(work, Guid.NewGuid().ToString("N") + ".part");
        try
        {
            long length;
            var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                await content.CopyToAsync(file, 1 << 20, cancellationToken).ConfigureAwait(false);
                length = file.Length;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var held = await LockAsync(name, cancellationToken).ConfigureAwait(false);
            var existing = new FileInfo(path);
            if (condition.IfNotExists && existing.Exists)
            {
                return new BlobWriteResult(BlobWriteStatus.AlreadyExists, null, 0);
            }
            if (condition.IfMatch is { } etag && (!existing.Exists || !string.Equals(ETagOf(existing), etag, StringComparison.Ordinal)))
            {
                return new BlobWriteResult(BlobWriteStatus.PreconditionFailed, null, 0);
            }
            var stamp = _time.GetUtcNow().UtcDateTime;
            if (existing.Exists && existing.LastWriteTimeUtc >= stamp)
            {
                stamp = existing.LastWriteTimeUtc.AddTicks(1);
            }
            File.SetLastWriteTimeUtc(temp, stamp);
            if (condition.IfNotExists)
            {
                try
                {
                    File.Move(temp, path, overwrite: false);
                }
                catch (IOException) when (File.Exists(path))
                {
                    return new BlobWriteResult(BlobWriteStatus.AlreadyExists, null, 0);
                }
            }
            else
            {
                File.Move(temp, path, overwrite: true);
            }
            return new BlobWriteResult(BlobWriteStatus.Written, ETagOf(new FileInfo(path)), length);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <inheritdoc/>
    public Task<Stream> OpenReadAsync(string name, BlobRange? range = null, CancellationToken cancellationToken = default)
    {
        var path = PathOf(name);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw NotFound(name, e);
        }
        if (range is not { } r)
        {
            return Task.FromResult<Stream>(file);
        }
        var length = file.Length;
        if (r.Offset >= length)
        {
            file.Dispose();
            throw new StorageRequestException($"The range {r} of blob '{name}' starts beyond its {length} bytes.",
                416, "InvalidRange", null, isTransient: false);
        }
        file.Position = r.Offset;
        var count = Math.Min(r.Length ?? long.MaxValue, length - r.Offset);
        return Task.FromResult<Stream>(new RangeStream(file, count));
    }

    /// <inheritdoc/>
    public Task<BlobProperties?> GetPropertiesAsync(string name, CancellationToken cancellationToken = default)
    {
        var info = new FileInfo(PathOf(name));
        return Task.FromResult(info.Exists ? Properties(name, info) : null);
    }

    /// <inheritdoc/>
    public async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken = default)
        => await GetPropertiesAsync(name, cancellationToken).ConfigureAwait(false) is not null;

    /// <inheritdoc/>
    public async IAsyncEnumerable<BlobProperties> ListAsync(string prefix = "",
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var slash = prefix.LastIndexOf('/');
        var folder = slash < 0 ? _root : Path.Combine(_root, prefix[..slash]);
        if (!Directory.Exists(folder))
        {
            yield break;
        }
        var names = new List<(string Name, FileInfo Info)>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = 0 };
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", options))
        {
            var name = Path.GetRelativePath(_root, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
            if (name.StartsWith(WorkFolder + "/", StringComparison.Ordinal) || !name.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }
            names.Add((name, file));
        }
        names.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var (name, info) in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            info.Refresh();
            if (info.Exists)
            {
                yield return Properties(name, info);
            }
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
        {
            return false;
        }
        using var held = await LockAsync(name, cancellationToken).ConfigureAwait(false);
        if (!File.Exists(path))
        {
            return false;
        }
        File.Delete(path);
        return true;
    }

    private string PathOf(string name)
    {
        BlobNames.Validate(name);
        if (name.StartsWith(WorkFolder + "/", StringComparison.Ordinal) || name == WorkFolder)
        {
            throw new ArgumentException($"Blob names under '{WorkFolder}/' are reserved by the local store.", nameof(name));
        }
        return Path.Combine(_root, name.Replace('/', Path.DirectorySeparatorChar));
    }

    private static BlobProperties Properties(string name, FileInfo info)
        => new(name, info.Length, ETagOf(info), new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero));

    private static string ETagOf(FileInfo info)
        => string.Create(CultureInfo.InvariantCulture, $"\"{info.LastWriteTimeUtc.Ticks:x}-{info.Length:x}\"");

    private static StorageRequestException NotFound(string name, Exception inner)
        => new($"The blob '{name}' does not exist.", 404, "BlobNotFound", null, isTransient: false, inner);

    /// <summary>Takes the blob's lock file (exclusive open), waiting while another writer holds it.</summary>
    private async Task<FileStream> LockAsync(string name, CancellationToken cancellationToken)
    {
        var locks = Path.Combine(_root, WorkFolder, "locks");
        Directory.CreateDirectory(locks);
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name)), 0, 16);
        var path = Path.Combine(locks, hash + ".lock");
        var wait = TimeSpan.FromMilliseconds(1);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(wait, cancellationToken)
                    .ConfigureAwait(false);
                wait = TimeSpan.FromMilliseconds(Math.Min(wait.TotalMilliseconds * 2, 50));
            }
        }
    }
}
