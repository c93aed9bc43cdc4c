using System.Text.Json;

namespace Pipeline.Nightly.Reports;

/// <summary>How one job of the night ended; stored as <c>nightly/{date}/jobs/{jobId}.json</c> when it ends.</summary>
/// <param name="Suite">The suite.</param>
/// <param name="Job">The suite job.</param>
/// <param name="JobId">The dated job id (its folder in the job store).</param>
/// <param name="Completed">Whether it completed.</param>
/// <param name="Error">Why it failed; null when it completed.</param>
public sealed record JobOutcome(string Suite, string Job, string JobId, bool Completed, string? Error)
{
    /// <summary>The record as stored: indented UTF-8 JSON with a trailing newline, the same bytes for the same outcome.</summary>
    public byte[] ToJson()
    {
        return NightlyJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteString("suite", Suite);
            json.WriteString("job", Job);
            json.WriteString("jobId", JobId);
            json.WriteString("state", Completed ? "completed" : "failed");
            if (Error is null)
            {
                json.WriteNull("error");
            }
            else
            {
                json.WriteString("error", Error);
            }
            json.WriteEndObject();
        });
    }

    /// <summary>Reads a stored record; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">Not a job outcome.</exception>
    public static JobOutcome Parse(byte[] json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var error = root.GetProperty("error");
            return new JobOutcome(root.GetProperty("suite").GetString()!, root.GetProperty("job").GetString()!, root.GetProperty("jobId").GetString()!,
                root.GetProperty("state").GetString() == "completed", error.ValueKind == JsonValueKind.String ? error.GetString() : null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"{source}: not a job outcome ({e.Message})", e);
        }
    }
}
