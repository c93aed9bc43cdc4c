namespace Pipeline.Storage.Locations;

/// <summary>
/// A location's content as a local file: the file itself for a local location, or a temporary download of a blob
/// that disposing deletes (with its temporary folder).
/// </summary>
public sealed class LocalCopy : IDisposable
{
    internal LocalCopy(string path, bool isTemporary)
    {
        Path = path;
        IsTemporary = isTemporary;
    }

    /// <summary>The local file to read.</summary>
    public string Path { get; }

    /// <summary>Whether <see cref="Path"/> is a temporary download that <see cref="Dispose"/> removes.</summary>
    public bool IsTemporary { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (IsTemporary)
        {
            var folder = System.IO.Path.GetDirectoryName(Path)!;
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
