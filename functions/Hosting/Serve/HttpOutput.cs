using System.Text.Json;

namespace Pipeline.Functions.Hosting.Serve;

/// <summary>
/// The value of an HTTP output binding: <c>{"statusCode": 202, "headers": {"Content-Type": "application/json"},
/// "body": "&lt;JSON text&gt;"}</c>. The host turns it into the response to the client; the handler itself answers
/// the host 200 whatever this status is.
/// </summary>
/// <param name="StatusCode">The client's status code.</param>
/// <param name="Body">The client's body, a JSON document.</param>
internal sealed record HttpOutput(int StatusCode, byte[] Body)
{
    public void WriteTo(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteNumber("statusCode", StatusCode);
        json.WriteStartObject("headers");
        json.WriteString("Content-Type", "application/json; charset=utf-8");
        json.WriteEndObject();
        json.WriteString("body", System.Text.Encoding.UTF8.GetString(Body));
        json.WriteEndObject();
    }

    /// <summary>A JSON body written by <paramref name="write"/>.</summary>
    public static HttpOutput Json(int statusCode, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(json);
        }
        return new HttpOutput(statusCode, buffer.ToArray());
    }

    /// <summary>An error body: <c>{"error": message, "errors": [{"path": …, "message": …}]}</c> (errors when given).</summary>
    public static HttpOutput Error(int statusCode, string message, IEnumerable<(string? Path, string Message)>? errors = null) => Json(statusCode, json =>
    {
        json.WriteStartObject();
        json.WriteString("error", message);
        if (errors is not null)
        {
            json.WriteStartArray("errors");
            foreach (var (path, text) in errors)
            {
                json.WriteStartObject();
                if (path is not null)
                {
                    json.WriteString("path", path);
                }
                json.WriteString("message", text);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    });
}
