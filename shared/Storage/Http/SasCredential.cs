namespace Pipeline.Storage.Http;

/// <summary>A shared access signature: its query parameters are appended to every request URL.</summary>
public sealed class SasCredential : StorageCredential
{
    private readonly string _query;

    /// <summary>Creates the credential from a SAS token, with or without its leading <c>?</c>.</summary>
    public SasCredential(string sasToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sasToken);
        _query = sasToken.TrimStart('?');
    }

    /// <inheritdoc/>
    public override string ToString() => "SAS(…)";

    internal override ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var builder = new UriBuilder(uri)
        {
            Query = string.IsNullOrEmpty(uri.Query) ? _query : uri.Query[1..] + "&" + _query,
        };
        request.RequestUri = builder.Uri;
        return ValueTask.CompletedTask;
    }
}
