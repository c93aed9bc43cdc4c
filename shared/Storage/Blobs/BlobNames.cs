namespace Pipeline.Storage.Blobs;

/// <summary>The blob names both stores accept: 1–1024 characters, no empty, <c>.</c> or <c>..</c> segment, no backslash.</summary>
internal static class BlobNames
{
    public static void Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > 1024)
        {
            throw new ArgumentException("A blob name has 1 to 1024 characters.", nameof(name));
        }
        foreach (var segment in name.Split('/'))
        {
            if (segment.Length == 0 || segment is "." or ".." || segment.Contains('\\', StringComparison.Ordinal)
                || segment.Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"The blob name '{name}' has an empty, '.' or '..' segment, a backslash or a NUL character.", nameof(name));
            }
        }
    }
}
