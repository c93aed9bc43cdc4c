using Pipeline.Nightly.Detection;
using Pipeline.Reporting.Formatting;
using Pipeline.Reporting.Markdown;
using Pipeline.Reporting.Model;

namespace Pipeline.Nightly.Reports;

/// <summary><c>summary.md</c>: the status line, the changes that need a look, every tracked measure, and the jobs.</summary>
public static class SummaryMarkdownWriter
{
    /// <summary>The summary as Markdown (lines end with <c>\n</c>).</summary>
    public static string Write(NightlySummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        using var text = new StringWriter();
        var output = new LineWriter(text);
        output.Line($"# Nightly evaluation {NightlyIds.Date(summary.Date)}: {NightlySummary.Spell(summary.Status)}");
        output.Line();
        output.Line($"{Headline(summary)} Generated {Numbers.Timestamp(summary.GeneratedAt)}.");
        output.Line();
        var changed = summary.Results.Where(r => r.Kind != ChangeKind.Stable).ToList();
        if (changed.Count > 0)
        {
            output.Line("## Changes");
            output.Line();
            foreach (var result in changed)
            {
                var against = result.Previous is { Kind: not ChangeKind.Stable } ? result.Previous : result.Rolling!;
                var which = ReferenceEquals(against, result.Previous) ? $"the previous night ({NightlyIds.Date(against.From)})" : $"the rolling baseline of {against.Nights} nights";
                output.Line($"- **{NightlySummary.Spell(result.Kind)}** {MarkdownText.Escape(Name(result))}: {Numbers.Metric(against.TonightMean)} against "
                    + $"{Numbers.Metric(against.BaselineMean)} for {which} ({Numbers.Delta(against.Delta)}, p = {Numbers.PValue(against.PValue)}, {against.Queries} queries)");
            }
            output.Line();
        }
        output.Line("## Tracked measures");
        output.Line();
        output.Line("| suite | job | run | measure | tonight | previous | Δ | p | rolling | Δ | p | change |");
        output.Line("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var result in summary.Results)
        {
            output.Line($"| {MarkdownText.Escape(result.Suite)} | {MarkdownText.Escape(result.Tracked.Job)} | {MarkdownText.Escape(result.Tracked.Run)} | "
                + $"{MarkdownText.Escape(MeasureDisplayNames.Get(result.Tracked.Measure))} | {(result.Tonight is { } t ? Numbers.Metric(t) : "—")} | "
                + $"{Cells(result.Previous)} | {Cells(result.Rolling)} | {(result.Tonight is null ? "unknown" : NightlySummary.Spell(result.Kind))} |");
        }
        output.Line();
        output.Line("Δ is tonight − baseline over the queries both have; p is the two-sided paired test. A change counts when |Δ| ≥ minDrop and p < significance:");
        output.Line();
        foreach (var suite in summary.Suites)
        {
            var t = suite.Thresholds;
            output.Line($"- {MarkdownText.Escape(suite.Name)}: minDrop {t.MinDrop.ToString(System.Globalization.CultureInfo.InvariantCulture)}, "
                + $"significance {t.Significance.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {t.Test}, rolling baseline of up to {t.RollingNights} nights");
        }
        output.Line();
        output.Line("## Jobs");
        output.Line();
        output.Line("| suite | job | job id | state |");
        output.Line("|---|---|---|---|");
        foreach (var job in summary.Jobs)
        {
            var state = job.Completed ? "completed" : $"failed: {MarkdownText.Escape(job.Error ?? "")}";
            output.Line($"| {MarkdownText.Escape(job.Suite)} | {MarkdownText.Escape(job.Job)} | `{job.JobId}` | {state} |");
        }
        return text.ToString();
    }

    internal static string Headline(NightlySummary summary)
    {
        var regressions = summary.Results.Count(r => r.Kind == ChangeKind.Regression);
        var improvements = summary.Results.Count(r => r.Kind == ChangeKind.Improvement);
        var failed = summary.Jobs.Count(j => !j.Completed);
        return $"{summary.Jobs.Count} jobs ({failed} failed), {summary.Results.Count} tracked measures: {regressions} regressed, {improvements} improved.";
    }

    internal static string Name(TrackedResult result) =>
        $"{result.Suite} / {result.Tracked.Job} / {result.Tracked.Run} {MeasureDisplayNames.Get(result.Tracked.Measure)}";

    private static string Cells(BaselineComparison? comparison) => comparison is null
        ? "— | — | —"
        : $"{Numbers.Metric(comparison.BaselineMean)} | {Numbers.Delta(comparison.Delta)} | {(double.IsNaN(comparison.PValue) ? "—" : Numbers.PValue(comparison.PValue))}";
}
