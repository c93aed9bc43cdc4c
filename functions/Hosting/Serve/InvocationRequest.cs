using System.Globalization;
using System.Text.Json;

namespace Pipeline.Functions.Hosting.Serve;

/// <summary>
/// The body the Functions host POSTs for one invocation: <c>{"Data": {binding: value}, "Metadata": {key: value}}</c>
/// (PascalCase from the host's serializer; read case-insensitively). <c>Metadata</c> may be absent or empty.
/// </summary>
internal sealed class InvocationRequest : IDisposable
{
    private readonly JsonDocument _document;
    private readonly JsonElement _data;
    private readonly JsonElement? _metadata;

    private InvocationRequest(JsonDocument document, JsonElement data, JsonElement? metadata)
    {
        _document = document;
        _data = data;
        _metadata = metadata;
    }

    /// <summary>Reads the invocation body.</summary>
    /// <exception cref="PayloadException">Not JSON, or not an object with a <c>Data</c> object.</exception>
    public static InvocationRequest Parse(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            throw new PayloadException("the invocation body is empty; expected {\"Data\": {...}, \"Metadata\": {...}}");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new PayloadException($"the invocation body is not JSON: {e.Message}", e);
        }
        try
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new PayloadException("the invocation body must be a JSON object {\"Data\": {...}, \"Metadata\": {...}}");
            }
            if (Property(root, "Data") is not { ValueKind: JsonValueKind.Object } data)
            {
                throw new PayloadException("the invocation body has no \"Data\" object");
            }
            var metadata = Property(root, "Metadata") is { ValueKind: JsonValueKind.Object } m ? m : (JsonElement?)null;
            return new InvocationRequest(document, data, metadata);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    /// <summary>The value of the binding <paramref name="name"/>.</summary>
    /// <exception cref="PayloadException">The binding is absent or null.</exception>
    public JsonElement Binding(string name)
    {
        if (Property(_data, name) is not { } value || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            throw new PayloadException($"the invocation has no Data.{name}");
        }
        return value;
    }

    /// <summary>A metadata value, or null when absent.</summary>
    public JsonElement? Metadata(string key) => _metadata is { } metadata ? Property(metadata, key) : null;

    /// <summary>A metadata value as text (strings as they are, numbers as written), or null.</summary>
    public string? MetadataText(string key) => Metadata(key) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        _ => null,
    };

    /// <summary>
    /// The delivery attempt from <c>DequeueCount</c> (queues) or <c>DeliveryCount</c> (Service Bus), a number or a
    /// numeric string; 1 when the host sent neither.
    /// </summary>
    /// <exception cref="PayloadException">The count is present but not a whole number of at least 1.</exception>
    public long Attempt()
    {
        foreach (var key in new[] { "DequeueCount", "DeliveryCount" })
        {
            if (Metadata(key) is not { } value || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }
            var count = 0L;
            var ok = (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out count))
                || (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out count));
            if (!ok || count < 1)
            {
                throw new PayloadException($"Metadata.{key} must be a whole number of at least 1, got {value.GetRawText()}");
            }
            return count;
        }
        return 1;
    }

    /// <summary>The attempt for log lines: <see cref="Attempt"/>, or 0 where the metadata is malformed.</summary>
    public long AttemptOrZero()
    {
        try
        {
            return Attempt();
        }
        catch (PayloadException)
        {
            return 0;
        }
    }

    public void Dispose() => _document.Dispose();

    /// <summary>The property <paramref name="name"/> of <paramref name="element"/>: exact match first, then case-insensitive.</summary>
    internal static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        if (element.TryGetProperty(name, out var exact))
        {
            return exact;
        }
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }
        return null;
    }
}
