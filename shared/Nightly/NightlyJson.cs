using System.Text.Json;

namespace Pipeline.Nightly;

/// <summary>How the nightly files are written: indented UTF-8 JSON ending in one newline.</summary>
internal static class NightlyJson
{
    /// <summary>The bytes of the document that <paramref name="write"/> writes.</summary>
    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            write(json);
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
