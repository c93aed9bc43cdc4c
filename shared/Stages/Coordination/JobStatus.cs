using System.Globalization;
using System.Text.Json;
using Pipeline.Core.Tasks;

namespace Pipeline.Stages.Coordination;

/// <summary>A job's status as <c>status.json</c> holds it (advisory: correctness never depends on it).</summary>
/// <param name="JobId">The job.</param>
/// <param name="State">Where it is.</param>
/// <param name="UpdatedAt">When this status was computed.</param>
/// <param name="Error">Why it failed; null unless <see cref="JobState.Failed"/>.</param>
/// <param name="Stages">Per-stage progress, in pipeline order (stages with no tasks left out).</param>
public sealed record JobStatus(string JobId, JobState State, DateTimeOffset UpdatedAt, string? Error, IReadOnlyList<StageProgress> Stages)
{
    /// <summary>Whether the job has finished, one way or the other.</summary>
    public bool IsTerminal => State is JobState.Completed or JobState.Failed;

    /// <summary>The JSON of <c>status.json</c>.</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteString("jobId", JobId);
            json.WriteString("state", State.ToString().ToLowerInvariant());
            json.WriteString("updatedAt", UpdatedAt.ToString("O", CultureInfo.InvariantCulture));
            if (Error is null)
            {
                json.WriteNull("error");
            }
            else
            {
                json.WriteString("error", Error);
            }
            json.WriteStartArray("stages");
            foreach (var stage in Stages)
            {
                json.WriteStartObject();
                json.WriteString("stage", StageNames.Queue(stage.Stage));
                json.WriteString("function", StageNames.Function(stage.Stage));
                json.WriteNumber("done", stage.Done);
                if (stage.Total is { } total)
                {
                    json.WriteNumber("total", total);
                }
                else
                {
                    json.WriteNull("total");
                }
                json.WriteNumber("seconds", Math.Round(stage.Seconds, 3));
                if (stage.FirstStartedAt is { } started)
                {
                    json.WriteString("firstStartedAt", started.ToString("O", CultureInfo.InvariantCulture));
                }
                if (stage.LastFinishedAt is { } finished)
                {
                    json.WriteString("lastFinishedAt", finished.ToString("O", CultureInfo.InvariantCulture));
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads <c>status.json</c>.</summary>
    /// <exception cref="JsonException">Not a status document.</exception>
    public static JobStatus Parse(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var stages = new List<StageProgress>();
        foreach (var stage in root.GetProperty("stages").EnumerateArray())
        {
            StageNames.TryFromQueue(stage.GetProperty("stage").GetString()!, out var kind);
            stages.Add(new StageProgress(kind, stage.GetProperty("done").GetInt32(),
                stage.GetProperty("total").ValueKind == JsonValueKind.Number ? stage.GetProperty("total").GetInt32() : null,
                stage.GetProperty("seconds").GetDouble(),
                stage.TryGetProperty("firstStartedAt", out var s) ? DateTimeOffset.Parse(s.GetString()!, CultureInfo.InvariantCulture) : null,
                stage.TryGetProperty("lastFinishedAt", out var f) ? DateTimeOffset.Parse(f.GetString()!, CultureInfo.InvariantCulture) : null));
        }
        return new JobStatus(
            root.GetProperty("jobId").GetString()!,
            Enum.Parse<JobState>(root.GetProperty("state").GetString()!, ignoreCase: true),
            DateTimeOffset.Parse(root.GetProperty("updatedAt").GetString()!, CultureInfo.InvariantCulture),
            root.GetProperty("error").ValueKind == JsonValueKind.String ? root.GetProperty("error").GetString() : null,
            stages);
    }
}
