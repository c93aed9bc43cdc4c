using Pipeline.Storage.Http;

namespace Pipeline.Storage.Connection;

/// <summary>
/// Where a storage account is and how to authorize against it: its blob and queue endpoints, its name and a
/// <see cref="StorageCredential"/>. Made from a connection string (<see cref="Parse"/>), an account URL with
/// Microsoft Entra ID (<see cref="FromAccountUrl"/>), or a setting that holds either (<see cref="FromSetting"/>).
/// <see cref="ToString"/> shows endpoints only.
/// </summary>
public sealed class StorageConnection
{
    /// <summary>The well-known key of Azurite's development account <c>devstoreaccount1</c> (public, documented).</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The development account's name.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>Creates a connection from its parts.</summary>
    /// <param name="accountName">The account's name (part of SharedKey signatures).</param>
    /// <param name="blobEndpoint">The blob service endpoint, e.g. <c>https://acct.blob.core.windows.net</c>; null when not configured.</param>
    /// <param name="queueEndpoint">The queue service endpoint; null when not configured.</param>
    /// <param name="credential">How requests are authorized.</param>
    public StorageConnection(string accountName, Uri? blobEndpoint, Uri? queueEndpoint, StorageCredential credential)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountName);
        ArgumentNullException.ThrowIfNull(credential);
        AccountName = accountName;
        BlobEndpoint = blobEndpoint is null ? null : TrimSlash(blobEndpoint);
        QueueEndpoint = queueEndpoint is null ? null : TrimSlash(queueEndpoint);
        Credential = credential;
    }

    /// <summary>The account's name.</summary>
    public string AccountName { get; }

    /// <summary>The blob service endpoint without a trailing slash; null when the connection has none.</summary>
    public Uri? BlobEndpoint { get; }

    /// <summary>The queue service endpoint without a trailing slash; null when the connection has none.</summary>
    public Uri? QueueEndpoint { get; }

    /// <summary>How requests are authorized.</summary>
    public StorageCredential Credential { get; }

    /// <summary>The blob endpoint, or an exception saying the connection has none.</summary>
    public Uri RequireBlobEndpoint()
        => BlobEndpoint ?? throw new InvalidOperationException($"The storage connection to '{AccountName}' has no blob endpoint.");

    /// <summary>The queue endpoint, or an exception saying the connection has none.</summary>
    public Uri RequireQueueEndpoint()
        => QueueEndpoint ?? throw new InvalidOperationException($"The storage connection to '{AccountName}' has no queue endpoint.");

    /// <inheritdoc/>
    public override string ToString() => $"{AccountName} (blob {BlobEndpoint}, queue {QueueEndpoint}, {Credential})";

    /// <summary>
    /// Parses a connection string: <c>UseDevelopmentStorage=true</c> (Azurite on 127.0.0.1, ports 10000/10001);
    /// <c>AccountName</c> + <c>AccountKey</c> with <c>DefaultEndpointsProtocol</c> (default https) and
    /// <c>EndpointSuffix</c> (default core.windows.net); explicit <c>BlobEndpoint</c> / <c>QueueEndpoint</c>; or
    /// <c>SharedAccessSignature</c> with explicit endpoints or an account name. Keys are case-insensitive.
    /// </summary>
    /// <exception cref="FormatException">The string is malformed or incomplete; the message never repeats secrets.</exception>
    public static StorageConnection Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException("A storage connection string is a list of 'Key=Value' pairs separated by ';'; "
                    + "one part is not of that form.");
            }
            settings[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        if (settings.TryGetValue("UseDevelopmentStorage", out var development)
            && string.Equals(development, "true", StringComparison.OrdinalIgnoreCase))
        {
            return Development();
        }

        settings.TryGetValue("AccountName", out var accountName);
        settings.TryGetValue("AccountKey", out var accountKey);
        settings.TryGetValue("SharedAccessSignature", out var sas);
        var protocol = settings.GetValueOrDefault("DefaultEndpointsProtocol", "https");
        if (protocol is not ("http" or "https"))
        {
            throw new FormatException($"DefaultEndpointsProtocol must be 'http' or 'https', not '{protocol}'.");
        }
        var suffix = settings.GetValueOrDefault("EndpointSuffix", "core.windows.net");
        var blob = Endpoint(settings, "BlobEndpoint", protocol, accountName, "blob", suffix);
        var queue = Endpoint(settings, "QueueEndpoint", protocol, accountName, "queue", suffix);
        if (blob is null && queue is null)
        {
            throw new FormatException("The storage connection string names neither AccountName nor BlobEndpoint/QueueEndpoint.");
        }
        accountName ??= AccountFromEndpoint(blob ?? queue!);

        StorageCredential credential;
        if (!string.IsNullOrEmpty(accountKey))
        {
            credential = new SharedKeyCredential(accountName, accountKey);
        }
        else if (!string.IsNullOrEmpty(sas))
        {
            credential = new SasCredential(sas);
        }
        else
        {
            throw new FormatException("The storage connection string has neither AccountKey nor SharedAccessSignature "
                + "(for Microsoft Entra ID configure the account URL instead of a connection string).");
        }
        return new StorageConnection(accountName, blob, queue, credential);
    }

    /// <summary>Azurite's development account on 127.0.0.1 (blob 10000, queue 10001), path-style.</summary>
    public static StorageConnection Development(string host = "127.0.0.1", int blobPort = 10000, int queuePort = 10001)
        => new(DevelopmentAccountName,
            new Uri($"http://{host}:{blobPort}/{DevelopmentAccountName}"),
            new Uri($"http://{host}:{queuePort}/{DevelopmentAccountName}"),
            new SharedKeyCredential(DevelopmentAccountName, DevelopmentAccountKey));

    /// <summary>
    /// A connection to the account at <paramref name="accountUrl"/> (its blob or queue endpoint, e.g.
    /// <c>https://acct.blob.core.windows.net</c>), authorized with <paramref name="credential"/> or, by default,
    /// Microsoft Entra ID through <c>DefaultAzureCredential</c>. The other service's endpoint is derived
    /// (<c>.blob.</c> ↔ <c>.queue.</c>; Azurite's port 10000 ↔ 10001).
    /// </summary>
    public static StorageConnection FromAccountUrl(Uri accountUrl, StorageCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(accountUrl);
        var url = TrimSlash(accountUrl);
        var host = url.Host;
        Uri? blob = null, queue = null;
        if (host.Contains(".blob.", StringComparison.OrdinalIgnoreCase))
        {
            blob = url;
            queue = new UriBuilder(url) { Host = ReplaceLabel(host, ".blob.", ".queue.") }.Uri;
        }
        else if (host.Contains(".queue.", StringComparison.OrdinalIgnoreCase))
        {
            queue = url;
            blob = new UriBuilder(url) { Host = ReplaceLabel(host, ".queue.", ".blob.") }.Uri;
        }
        else if (url.Port == 10000 || url.Port == 10001)
        {
            blob = new UriBuilder(url) { Port = 10000 }.Uri;
            queue = new UriBuilder(url) { Port = 10001 }.Uri;
        }
        else
        {
            blob = url;
        }
        return new StorageConnection(AccountFromEndpoint(url), blob, queue, credential ?? EntraIdCredential.CreateDefault());
    }

    /// <summary>
    /// A connection from a setting's value: an <c>http(s)://</c> account URL (Microsoft Entra ID) or a connection string.
    /// </summary>
    public static StorageConnection FromSetting(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var trimmed = value.Trim();
        if (!trimmed.Contains('=', StringComparison.Ordinal)
            && Uri.TryCreate(trimmed, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return FromAccountUrl(url);
        }
        return Parse(trimmed);
    }

    /// <summary>
    /// The connection configured in the environment under <paramref name="name"/> the way the Functions host reads it:
    /// the variable itself (a connection string or account URL), or the identity-based forms
    /// <c>{name}__blobServiceUri</c> / <c>{name}__queueServiceUri</c> / <c>{name}__accountName</c>. Null when none is set.
    /// </summary>
    public static StorageConnection? FromEnvironment(string name = "AzureWebJobsStorage")
    {
        var value = Environment.GetEnvironmentVariable(name);
        if (!string.IsNullOrWhiteSpace(value))
        {
            return FromSetting(value);
        }
        var blobUri = Environment.GetEnvironmentVariable(name + "__blobServiceUri");
        var queueUri = Environment.GetEnvironmentVariable(name + "__queueServiceUri");
        var accountName = Environment.GetEnvironmentVariable(name + "__accountName");
        if (!string.IsNullOrWhiteSpace(blobUri) || !string.IsNullOrWhiteSpace(queueUri))
        {
            var blob = string.IsNullOrWhiteSpace(blobUri) ? null : new Uri(blobUri);
            var queue = string.IsNullOrWhiteSpace(queueUri) ? null : new Uri(queueUri);
            return new StorageConnection(AccountFromEndpoint(blob ?? queue!), blob, queue, EntraIdCredential.CreateDefault());
        }
        if (!string.IsNullOrWhiteSpace(accountName))
        {
            return FromAccountUrl(new Uri($"https://{accountName}.blob.core.windows.net"));
        }
        return null;
    }

    private static Uri? Endpoint(Dictionary<string, string> settings, string key, string protocol, string? accountName,
        string service, string suffix)
    {
        if (settings.TryGetValue(key, out var explicitEndpoint) && explicitEndpoint.Length > 0)
        {
            if (!Uri.TryCreate(explicitEndpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new FormatException($"{key} must be an absolute http(s) URL, not '{explicitEndpoint}'.");
            }
            return uri;
        }
        return string.IsNullOrEmpty(accountName) ? null : new Uri($"{protocol}://{accountName}.{service}.{suffix}");
    }

    /// <summary>The account of an endpoint: the first path segment for path-style (IP or localhost) URLs, else the first host label.</summary>
    internal static string AccountFromEndpoint(Uri endpoint)
    {
        if (IsPathStyle(endpoint))
        {
            var first = endpoint.AbsolutePath.Trim('/').Split('/')[0];
            if (first.Length > 0)
            {
                return first;
            }
        }
        return endpoint.Host.Split('.')[0];
    }

    /// <summary>Whether the account is named in the path rather than the host: IP addresses, localhost and host.docker.internal.</summary>
    internal static bool IsPathStyle(Uri endpoint)
        => endpoint.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            || endpoint.IsLoopback
            || string.Equals(endpoint.Host, "host.docker.internal", StringComparison.OrdinalIgnoreCase);

    private static string ReplaceLabel(string host, string from, string to)
    {
        var index = host.IndexOf(from, StringComparison.OrdinalIgnoreCase);
        return host[..index] + to + host[(index + from.Length)..];
    }

    private static Uri TrimSlash(Uri uri)
    {
        var text = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri(text);
    }
}
