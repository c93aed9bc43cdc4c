namespace Pipeline.Storage.Locations;

/// <summary>Where a <see cref="StorageLocation"/> points.</summary>
public enum StorageLocationKind
{
    /// <summary>A local file path.</summary>
    Local,

    /// <summary>A blob in Azure Storage (or Azurite).</summary>
    Blob,
}
