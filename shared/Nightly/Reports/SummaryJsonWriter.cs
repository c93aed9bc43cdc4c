using System.Text.Json;
using Pipeline.Nightly.Detection;
using Pipeline.Reporting.Formatting;

namespace Pipeline.Nightly.Reports;

/// <summary>
/// <c>summary.json</c>: the night's overall status, every job's outcome and every tracked measure with both
/// comparisons (version 1). Non-finite numbers (a p-value with fewer than two queries) are written as null.
/// </summary>
public static class SummaryJsonWriter
{
    /// <summary>The summary as indented UTF-8 JSON with a trailing newline.</summary>
    public static byte[] Write(NightlySummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return NightlyJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteString("date", NightlyIds.Date(summary.Date));
            json.WriteString("status", NightlySummary.Spell(summary.Status));
            json.WriteString("generatedAt", Numbers.IsoTimestamp(summary.GeneratedAt));
            json.WriteNumber("regressions", summary.Results.Count(r => r.Kind == ChangeKind.Regression));
            json.WriteNumber("improvements", summary.Results.Count(r => r.Kind == ChangeKind.Improvement));
            json.WriteNumber("failedJobs", summary.Jobs.Count(j => !j.Completed));
            json.WriteStartArray("suites");
            foreach (var suite in summary.Suites)
            {
                json.WriteStartObject();
                json.WriteString("suite", suite.Name);
                json.WriteStartObject("thresholds");
                json.WriteNumber("minDrop", suite.Thresholds.MinDrop);
                json.WriteNumber("significance", suite.Thresholds.Significance);
                json.WriteNumber("rollingNights", suite.Thresholds.RollingNights);
                json.WriteString("test", suite.Thresholds.Test);
                json.WriteEndObject();
                json.WriteStartArray("jobs");
                foreach (var job in summary.Jobs.Where(j => j.Suite == suite.Name))
                {
                    json.WriteStartObject();
                    json.WriteString("job", job.Job);
                    json.WriteString("jobId", job.JobId);
                    json.WriteString("state", job.Completed ? "completed" : "failed");
                    if (job.Error is not null)
                    {
                        json.WriteString("error", job.Error);
                    }
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteStartArray("tracked");
                foreach (var result in summary.Results.Where(r => r.Suite == suite.Name))
                {
                    json.WriteStartObject();
                    json.WriteString("job", result.Tracked.Job);
                    json.WriteString("run", result.Tracked.Run);
                    json.WriteString("measure", result.Tracked.Measure);
                    json.WriteString("change", result.Tonight is null ? "unknown" : NightlySummary.Spell(result.Kind));
                    Number(json, "tonight", result.Tonight);
                    json.WriteNumber("queries", result.Queries);
                    Comparison(json, "previous", result.Previous);
                    Comparison(json, "rolling", result.Rolling);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static void Comparison(Utf8JsonWriter json, string name, BaselineComparison? comparison)
    {
        if (comparison is null)
        {
            json.WriteNull(name);
            return;
        }
        json.WriteStartObject(name);
        json.WriteString("from", NightlyIds.Date(comparison.From));
        json.WriteString("to", NightlyIds.Date(comparison.To));
        json.WriteNumber("nights", comparison.Nights);
        json.WriteNumber("queries", comparison.Queries);
        Number(json, "baseline", comparison.BaselineMean);
        Number(json, "tonight", comparison.TonightMean);
        Number(json, "delta", comparison.Delta);
        Number(json, "pValue", comparison.PValue);
        json.WriteString("change", NightlySummary.Spell(comparison.Kind));
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
