using Pipeline.Storage.Connection;

namespace Pipeline.Storage.Locations;

/// <summary>
/// A place to read or write one file: a local path, <c>az://container/path</c> (the account comes from the
/// configured connection), <c>https://account.blob.core.windows.net/container/path</c>, or Azurite's path-style
/// <c>http://127.0.0.1:10000/devstoreaccount1/container/path</c>.
/// </summary>
public sealed record StorageLocation
{
    private StorageLocation(StorageLocationKind kind, string text)
    {
        Kind = kind;
        Text = text;
    }

    /// <summary>Local file or blob.</summary>
    public StorageLocationKind Kind { get; }

    /// <summary>The location as given.</summary>
    public string Text { get; }

    /// <summary>The full local path; null for a blob.</summary>
    public string? LocalPath { get; private init; }

    /// <summary>The blob's account endpoint (e.g. <c>https://acct.blob.core.windows.net</c>); null for local paths and <c>az://</c>.</summary>
    public Uri? AccountEndpoint { get; private init; }

    /// <summary>The blob's container; null for a local path.</summary>
    public string? Container { get; private init; }

    /// <summary>The blob's name within its container; null for a local path.</summary>
    public string? BlobName { get; private init; }

    /// <summary>Whether this is a blob.</summary>
    public bool IsBlob => Kind == StorageLocationKind.Blob;

    /// <inheritdoc/>
    public override string ToString() => Text;

    /// <summary>Parses a location; anything that is not an <c>az://</c>, <c>http(s)://</c> or <c>file://</c> URL is a local path.</summary>
    /// <exception cref="FormatException">A URL without a container or a blob name, or an http(s) URL that is not a blob URL.</exception>
    public static StorageLocation Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (text.StartsWith("az://", StringComparison.OrdinalIgnoreCase))
        {
            var (container, blob) = ContainerAndBlob(text, text[5..]);
            return new StorageLocation(StorageLocationKind.Blob, text) { Container = container, BlobName = blob };
        }
        if (text.StartsWith("file://", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(text, UriKind.Absolute, out var fileUri))
        {
            return new StorageLocation(StorageLocationKind.Local, text) { LocalPath = fileUri.LocalPath };
        }
        if ((text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            && Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            var path = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
            var authority = uri.GetLeftPart(UriPartial.Authority);
            if (StorageConnection.IsPathStyle(uri))
            {
                var slash = path.IndexOf('/', StringComparison.Ordinal);
                if (slash <= 0)
                {
                    throw new FormatException($"'{text}' names no account: expected http://host:port/account/container/blob.");
                }
                var (container, blob) = ContainerAndBlob(text, path[(slash + 1)..]);
                return new StorageLocation(StorageLocationKind.Blob, text)
                {
                    AccountEndpoint = new Uri(authority + "/" + path[..slash]),
                    Container = container,
                    BlobName = blob,
                };
            }
            if (!uri.Host.Contains(".blob.", StringComparison.OrdinalIgnoreCase))
            {
                throw new FormatException($"'{text}' is not a blob URL (https://account.blob.core.windows.net/container/blob).");
            }
            var (c, b) = ContainerAndBlob(text, path);
            return new StorageLocation(StorageLocationKind.Blob, text) { AccountEndpoint = new Uri(authority), Container = c, BlobName = b };
        }
        return new StorageLocation(StorageLocationKind.Local, text) { LocalPath = Path.GetFullPath(text) };
    }

    private static (string Container, string Blob) ContainerAndBlob(string text, string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == path.Length - 1)
        {
            throw new FormatException($"'{text}' needs a container and a blob name: .../container/path/to/blob.");
        }
        return (path[..slash], path[(slash + 1)..]);
    }
}
