using System.Text;
using System.Text.Json;

namespace Pipeline.Functions.Hosting.Serve;

/// <summary>
/// Recovers the text of a trigger value the way the Functions host may deliver it: a JSON object as such; a JSON
/// string holding the text (the host serializes a string value as a string literal, so a queue message arrives
/// JSON-encoded once, and sometimes twice); or Base64 of the text (a byte-array value). The result is the message's
/// own text, for the message's own parser to judge.
/// </summary>
internal static class BindingText
{
    /// <summary>How many string layers are unwrapped at most (the host adds one or two).</summary>
    public const int MaxLayers = 3;

    /// <summary>The text of <paramref name="value"/>; <paramref name="binding"/> names it in errors.</summary>
    /// <exception cref="PayloadException">Not an object, nor a string that leads to one.</exception>
    public static string Decode(JsonElement value, string binding)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
            case JsonValueKind.Array:
                return value.GetRawText();
            case JsonValueKind.String:
                return Unwrap(value.GetString()!, binding, 1);
            default:
                throw new PayloadException($"Data.{binding} must be a JSON object or a string holding one, not {Describe(value.ValueKind)}");
        }
    }

    private static string Unwrap(string text, string binding, int layer)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            return trimmed;
        }
        if (trimmed.StartsWith('"'))
        {
            if (layer >= MaxLayers)
            {
                throw new PayloadException($"Data.{binding} is wrapped in more than {MaxLayers} layers of JSON strings");
            }
            string inner;
            try
            {
                using var document = JsonDocument.Parse(trimmed);
                if (document.RootElement.ValueKind != JsonValueKind.String)
                {
                    throw new PayloadException($"Data.{binding} starts like a JSON string but is not one");
                }
                inner = document.RootElement.GetString()!;
            }
            catch (JsonException e)
            {
                throw new PayloadException($"Data.{binding} starts like a JSON string but is not valid JSON: {e.Message}", e);
            }
            return Unwrap(inner, binding, layer + 1);
        }
        if (trimmed.Length > 0 && TryBase64(trimmed, out var decoded))
        {
            var inner = decoded.Trim();
            if (inner.StartsWith('{') || inner.StartsWith('"') || inner.StartsWith('['))
            {
                return layer >= MaxLayers ? inner : Unwrap(inner, binding, layer + 1);
            }
        }
        // Not JSON and not Base64 of JSON: hand it on as it is; the message's parser says what is wrong with it.
        return text;
    }

    private static bool TryBase64(string text, out string decoded)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        if (Convert.TryFromBase64String(text, buffer, out var written))
        {
            try
            {
                decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, written);
                return true;
            }
            catch (DecoderFallbackException)
            {
            }
        }
        decoded = "";
        return false;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
