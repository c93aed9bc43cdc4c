namespace Pipeline.Storage.Blobs;

/// <summary>A byte range of a blob: <see cref="Offset"/> and an optional <see cref="Length"/> (null: to the end).</summary>
public readonly record struct BlobRange
{
    /// <summary>Creates a range; the offset must be ≥ 0 and the length, when given, ≥ 1.</summary>
    public BlobRange(long offset, long? length = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (length is { } l)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(l, 1L, nameof(length));
        }
        Offset = offset;
        Length = length;
    }

    /// <summary>The first byte.</summary>
    public long Offset { get; }

    /// <summary>The number of bytes; null to read to the end.</summary>
    public long? Length { get; }

    /// <summary>The HTTP form, <c>bytes=first-last</c> or <c>bytes=first-</c>.</summary>
    public override string ToString()
        => Length is { } l
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"bytes={Offset}-{Offset + l - 1}")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"bytes={Offset}-");
}
