using Azure.Core;

namespace Pipeline.Storage.Http;

/// <summary>
/// Microsoft Entra ID: each request carries <c>Authorization: Bearer</c> with a token for
/// <see cref="Scope"/>, obtained from an Azure.Identity credential (by default <c>DefaultAzureCredential</c>:
/// managed identity in Azure, developer sign-in locally) and reused until five minutes before it expires.
/// </summary>
public sealed class EntraIdCredential : StorageCredential, IDisposable
{
    /// <summary>The token scope for Azure Storage.</summary>
    public const string Scope = "https://storage.azure.com/.default";

    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private readonly TokenCredential _credential;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AccessToken _token;

    /// <summary>Creates the credential around <paramref name="credential"/>.</summary>
    /// <param name="credential">Where tokens come from.</param>
    /// <param name="timeProvider">The clock that decides when a token is due for renewal; default the system clock.</param>
    public EntraIdCredential(TokenCredential credential, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _credential = credential;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>A credential backed by <c>DefaultAzureCredential</c>.</summary>
    public static EntraIdCredential CreateDefault() => new(new global::Azure.Identity.DefaultAzureCredential());

    /// <inheritdoc/>
    public override string ToString() => "EntraId";

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();

    internal override async ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
    }

    private async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_token.Token is not null && _token.ExpiresOn - RefreshMargin > _time.GetUtcNow())
        {
            return _token.Token;
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token.Token is null || _token.ExpiresOn - RefreshMargin <= _time.GetUtcNow())
            {
                _token = await _credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken).ConfigureAwait(false);
            }
            return _token.Token;
        }
        finally
        {
            _gate.Release();
        }
    }
}
