using System.Text.Json;

namespace Pipeline.Nightly.Reports;

/// <summary>What hosts show of a stored <c>summary.json</c>: the status and one line per tracked measure.</summary>
public static class SummaryJsonReader
{
    /// <summary>One tracked measure as <c>summary.json</c> holds it.</summary>
    /// <param name="Suite">The suite.</param>
    /// <param name="Job">The suite job.</param>
    /// <param name="Run">The run.</param>
    /// <param name="Measure">The metric id.</param>
    /// <param name="Tonight">Tonight's mean; null when its job failed.</param>
    /// <param name="Change"><c>stable</c>, <c>regression</c>, <c>improvement</c> or <c>unknown</c>.</param>
    public sealed record Tracked(string Suite, string Job, string Run, string Measure, double? Tonight, string Change);

    /// <summary>The overall status.</summary>
    /// <exception cref="InvalidDataException">Not a summary.</exception>
    public static NightlyStatus Status(byte[] summaryJson)
    {
        ArgumentNullException.ThrowIfNull(summaryJson);
        try
        {
            using var document = JsonDocument.Parse(summaryJson);
            return document.RootElement.GetProperty("status").GetString() switch
            {
                "ok" => NightlyStatus.Ok,
                "regression" => NightlyStatus.Regression,
                "failed" => NightlyStatus.Failed,
                var other => throw new InvalidDataException($"summary.json: unknown status '{other}'"),
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"summary.json: not a nightly summary ({e.Message})", e);
        }
    }

    /// <summary>Every tracked measure, in suite and file order.</summary>
    /// <exception cref="InvalidDataException">Not a summary.</exception>
    public static IReadOnlyList<Tracked> TrackedMeasures(byte[] summaryJson)
    {
        ArgumentNullException.ThrowIfNull(summaryJson);
        try
        {
            using var document = JsonDocument.Parse(summaryJson);
            var lines = new List<Tracked>();
            foreach (var suite in document.RootElement.GetProperty("suites").EnumerateArray())
            {
                foreach (var tracked in suite.GetProperty("tracked").EnumerateArray())
                {
                    var tonight = tracked.GetProperty("tonight");
                    lines.Add(new Tracked(suite.GetProperty("suite").GetString()!, tracked.GetProperty("job").GetString()!,
                        tracked.GetProperty("run").GetString()!, tracked.GetProperty("measure").GetString()!,
                        tonight.ValueKind == JsonValueKind.Number ? tonight.GetDouble() : null, tracked.GetProperty("change").GetString()!));
                }
            }
            return lines;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"summary.json: not a nightly summary ({e.Message})", e);
        }
    }
}
