namespace Pipeline.Storage.Http;

/// <summary>An account name and key: requests are signed with SharedKey (HMAC-SHA256 of the string-to-sign).</summary>
public sealed class SharedKeyCredential : StorageCredential
{
    private readonly byte[] _key;

    /// <summary>Creates the credential; <paramref name="accountKey"/> is the Base64 key shown in the portal.</summary>
    /// <exception cref="FormatException">The key is not Base64.</exception>
    public SharedKeyCredential(string accountName, string accountKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountName);
        ArgumentException.ThrowIfNullOrEmpty(accountKey);
        AccountName = accountName;
        try
        {
            _key = Convert.FromBase64String(accountKey);
        }
        catch (FormatException)
        {
            // The message must not echo the key.
            throw new FormatException($"The account key of '{accountName}' is not valid Base64.");
        }
    }

    /// <summary>The storage account's name.</summary>
    public string AccountName { get; }

    /// <inheritdoc/>
    public override string ToString() => $"SharedKey({AccountName})";

    internal override ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var stringToSign = SharedKeySigner.BuildStringToSign(request, AccountName);
        var signature = SharedKeySigner.Sign(stringToSign, _key);
        request.Headers.TryAddWithoutValidation("Authorization", $"SharedKey {AccountName}:{signature}");
        return ValueTask.CompletedTask;
    }
}
