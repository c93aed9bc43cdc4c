using System.Globalization;

namespace Pipeline.Storage.ServiceBus;

/// <summary>
/// A Service Bus namespace and a shared access key, from a connection string:
/// <c>Endpoint=sb://NAMESPACE.servicebus.windows.net/;SharedAccessKeyName=NAME;SharedAccessKey=KEY[;EntityPath=QUEUE]</c>.
/// <c>sb://</c> endpoints are reached over HTTPS; an <c>http://</c> endpoint (an emulator, a test server) is used as given.
/// </summary>
public sealed record ServiceBusConnection(Uri Endpoint, string KeyName, string Key, string? EntityPath)
{
    /// <summary>Parses a connection string.</summary>
    /// <exception cref="FormatException">A required part is missing or malformed (the message never contains the key).</exception>
    public static ServiceBusConnection Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException("the Service Bus connection string has a part without '=' (expected Endpoint=…;SharedAccessKeyName=…;SharedAccessKey=…)");
            }
            parts[part[..equals]] = part[(equals + 1)..];
        }
        string Required(string name) => parts.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new FormatException($"the Service Bus connection string has no {name}");
        var endpointText = Required("Endpoint");
        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("sb" or "https" or "http"))
        {
            throw new FormatException($"the Service Bus Endpoint must be sb://NAMESPACE.servicebus.windows.net/, got '{endpointText}'");
        }
        if (endpoint.Scheme == "sb")
        {
            endpoint = new UriBuilder(endpoint) { Scheme = "https", Port = -1 }.Uri;
        }
        return new ServiceBusConnection(endpoint, Required("SharedAccessKeyName"), Required("SharedAccessKey"),
            parts.TryGetValue("EntityPath", out var entity) && entity.Length > 0 ? entity : null);
    }

    /// <summary>The queue's address: <c>https://NAMESPACE.servicebus.windows.net/QUEUE</c>.</summary>
    public Uri QueueUri(string queue) => new(Endpoint.AbsoluteUri.TrimEnd('/') + "/" + Uri.EscapeDataString(queue));

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Endpoint} (key {KeyName})");
}
