namespace Pipeline.Storage.Http;

/// <summary>
/// How requests to a storage account are authorized: <see cref="SharedKeyCredential"/> (account key),
/// <see cref="SasCredential"/> (shared access signature) or <see cref="EntraIdCredential"/> (bearer tokens).
/// <see cref="object.ToString"/> never shows the secret.
/// </summary>
public abstract class StorageCredential
{
    private protected StorageCredential()
    {
    }

    /// <summary>Adds what authorizes <paramref name="request"/>; called once per attempt, after every other header is set.</summary>
    internal abstract ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken);
}
