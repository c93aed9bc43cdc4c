using System.Text;
using System.Text.Json;

namespace Pipeline.Evaluation.Comparison;

/// <summary>
/// Writes a <see cref="ComparisonReport"/> as JSON with stable snake_case property names. Numbers are written in
/// the invariant, round-trippable form (the shortest text that parses back to the same double); NaN and
/// infinities, which JSON cannot express, are written as <c>null</c> (an undefined p-value, t statistic or
/// relative difference). Indented with two spaces, lines end in <c>\n</c>.
/// </summary>
/// <remarks>
/// Shape (version 1):
/// <code>
/// { "format": "pipeline-compare", "version": 1, "baseline": "bm25", "runs": ["bm25", "rerank"], "comparisons": 1,
///   "settings": { "permutations", "exact_randomization_max_queries", "bootstrap_resamples", "confidence_level",
///                 "seed", "tie_epsilon", "significance_level", "p_value_adjustment": "holm" },
///   "measures": [ { "measure", "query_count", "baseline_mean",
///     "runs": [ { "run", "mean", "difference", "relative_difference_percent", "wins", "ties", "losses",
///                 "missing_queries", "ignored_queries",
///                 "t_test": { "mean_difference", "std_dev", "t", "df", "p", "p_holm", "significant" },
///                 "randomization": { "exact", "patterns", "extreme", "p", "p_holm", "significant" },
///                 "bootstrap_ci": { "level", "estimate", "lower", "upper" } } ] } ] }
/// </code>
/// <c>significant</c> is whether the Holm-adjusted p-value is below the significance level.
/// </remarks>
public static class ComparisonJsonWriter
{
    /// <summary>Value of the top-level <c>format</c> property.</summary>
    public const string FormatName = "pipeline-compare";

    /// <summary>Value of the top-level <c>version</c> property; raised when the shape changes incompatibly.</summary>
    public const int FormatVersion = 1;

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, NewLine = "\n" };

    /// <summary>The report as a JSON string.</summary>
    public static string Serialize(ComparisonReport report)
    {
        using var buffer = new MemoryStream();
        Write(report, buffer);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes the report as UTF-8 JSON to <paramref name="utf8Json"/> (the stream is left open).</summary>
    public static void Write(ComparisonReport report, Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var writer = new Utf8JsonWriter(utf8Json, WriterOptions);
        Write(report, writer);
    }

    /// <summary>Writes the report as one JSON object to <paramref name="writer"/> and flushes it.</summary>
    public static void Write(ComparisonReport report, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        var options = report.Options;
        writer.WriteStartObject();
        writer.WriteString("format", FormatName);
        writer.WriteNumber("version", FormatVersion);
        writer.WriteString("baseline", report.BaselineName);
        writer.WriteStartArray("runs");
        foreach (var name in report.RunNames)
        {
            writer.WriteStringValue(name);
        }
        writer.WriteEndArray();
        writer.WriteNumber("comparisons", report.ComparisonCount);

        writer.WriteStartObject("settings");
        writer.WriteNumber("permutations", options.Permutations);
        writer.WriteNumber("exact_randomization_max_queries", options.ExactRandomizationMaxQueries);
        writer.WriteNumber("bootstrap_resamples", options.BootstrapResamples);
        writer.WriteNumber("confidence_level", options.ConfidenceLevel);
        writer.WriteNumber("seed", options.Seed);
        writer.WriteNumber("tie_epsilon", options.TieEpsilon);
        writer.WriteNumber("significance_level", options.SignificanceLevel);
        writer.WriteString("p_value_adjustment", "holm");
        writer.WriteEndObject();

        writer.WriteStartArray("measures");
        foreach (var measure in report.Measures)
        {
            writer.WriteStartObject();
            writer.WriteString("measure", measure.Measure);
            writer.WriteNumber("query_count", measure.QueryCount);
            WriteNumberOrNull(writer, "baseline_mean", measure.BaselineMean);
            writer.WriteStartArray("runs");
            foreach (var run in measure.Runs)
            {
                WriteRun(writer, run, options.SignificanceLevel);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    private static void WriteRun(Utf8JsonWriter writer, RunComparison run, double alpha)
    {
        writer.WriteStartObject();
        writer.WriteString("run", run.RunName);
        WriteNumberOrNull(writer, "mean", run.Mean);
        WriteNumberOrNull(writer, "difference", run.Difference);
        WriteNumberOrNull(writer, "relative_difference_percent", run.RelativeDifferencePercent ?? double.NaN);
        writer.WriteNumber("wins", run.WinTieLoss.Wins);
        writer.WriteNumber("ties", run.WinTieLoss.Ties);
        writer.WriteNumber("losses", run.WinTieLoss.Losses);
        writer.WriteNumber("missing_queries", run.MissingQueryCount);
        writer.WriteNumber("ignored_queries", run.IgnoredQueryCount);

        writer.WriteStartObject("t_test");
        WriteNumberOrNull(writer, "mean_difference", run.TTest.MeanDifference);
        WriteNumberOrNull(writer, "std_dev", run.TTest.StandardDeviation);
        WriteNumberOrNull(writer, "t", run.TTest.TStatistic);
        writer.WriteNumber("df", run.TTest.DegreesOfFreedom);
        WriteNumberOrNull(writer, "p", run.TTest.PValue);
        WriteNumberOrNull(writer, "p_holm", run.TTestPValueHolm);
        writer.WriteBoolean("significant", run.TTestPValueHolm < alpha);
        writer.WriteEndObject();

        writer.WriteStartObject("randomization");
        writer.WriteBoolean("exact", run.Randomization.IsExact);
        writer.WriteNumber("patterns", run.Randomization.Patterns);
        writer.WriteNumber("extreme", run.Randomization.ExtremeCount);
        WriteNumberOrNull(writer, "p", run.Randomization.PValue);
        WriteNumberOrNull(writer, "p_holm", run.RandomizationPValueHolm);
        writer.WriteBoolean("significant", run.RandomizationPValueHolm < alpha);
        writer.WriteEndObject();

        writer.WriteStartObject("bootstrap_ci");
        writer.WriteNumber("level", run.Bootstrap.Level);
        WriteNumberOrNull(writer, "estimate", run.Bootstrap.Estimate);
        WriteNumberOrNull(writer, "lower", run.Bootstrap.Lower);
        WriteNumberOrNull(writer, "upper", run.Bootstrap.Upper);
        writer.WriteEndObject();

        writer.WriteEndObject();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
