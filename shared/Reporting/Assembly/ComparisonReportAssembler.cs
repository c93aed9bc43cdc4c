using System.Globalization;
using Pipeline.Evaluation;
using Pipeline.Evaluation.Comparison;
using Pipeline.Evaluation.Depth;
using Pipeline.Formats.Trec;
using Pipeline.Reporting.Model;

namespace Pipeline.Reporting.Assembly;

/// <summary>
/// Turns evaluated and compared runs into an <see cref="EvaluationReport"/>: the metric table with Holm-adjusted
/// significance markers, the per-query chart of the first measure (first run against the second), and optionally a
/// rerank-depth sweep. Host-agnostic: <c>pipeline report</c> and the pipeline's aggregate stage both call it.
/// </summary>
public static class ComparisonReportAssembler
{
    /// <summary>The marker of a significant difference in the metric table.</summary>
    public const string SignificanceMarker = "†";

    /// <summary>Builds the report.</summary>
    /// <param name="title">The report's heading.</param>
    /// <param name="generatedAt">The time stamp shown (from the caller's clock).</param>
    /// <param name="qrelsFile">The qrels location as the user gave it, or null.</param>
    /// <param name="runFiles">Each run's location as the user gave it, in the comparison's run order.</param>
    /// <param name="comparison">The comparison of the runs (baseline first).</param>
    /// <param name="perQuery">Per-query values of every run, in the comparison's run order (at least two runs).</param>
    /// <param name="test">Which test's Holm-adjusted p-values are shown and marked.</param>
    /// <param name="depthSweep">A depth sweep of the first measure, or null.</param>
    public static EvaluationReport Build(
        string title,
        DateTimeOffset generatedAt,
        string? qrelsFile,
        IReadOnlyList<string?> runFiles,
        ComparisonReport comparison,
        IReadOnlyList<IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>> perQuery,
        SignificanceTest test,
        DepthSweep? depthSweep)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(perQuery);
        ArgumentNullException.ThrowIfNull(runFiles);
        var names = comparison.RunNames;
        if (names.Count < 2 || perQuery.Count != names.Count || runFiles.Count != names.Count)
        {
            throw new ArgumentException("a report needs at least two runs, with one per-query table and one file per run");
        }
        var measures = comparison.Measures.Select(static m => m.Measure).ToArray();
        return new EvaluationReport
        {
            Title = title,
            GeneratedAt = generatedAt,
            QrelsFile = qrelsFile,
            Runs = names.Select((name, i) => new ReportRun(name, isBaseline: i == 0, file: runFiles[i])).ToArray(),
            Measures = measures.Select(static m => new ReportMeasure(m)).ToArray(),
            Metrics = MetricCells(comparison, test),
            SignificanceNote = SignificanceNote(comparison, test),
            PerQuery = PerQuery(names, perQuery, measures[0]),
            DepthSweep = depthSweep,
        };
    }

    /// <summary>
    /// The first measure's summary at each rerank depth: the first run is the first stage (a flat line), every other
    /// run is reranked at each depth on top of it (<see cref="RerankDepthSweep"/>).
    /// </summary>
    public static DepthSweep Sweep(Qrels qrels, IReadOnlyList<TrecRun> runs, IReadOnlyList<string> names,
        IReadOnlyList<int> depths, string measure, EvaluationOptions evaluation)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(depths);
        var series = new List<DepthSeries>();
        double? firstStage = null;
        for (var r = 1; r < runs.Count; r++)
        {
            var sweep = RerankDepthSweep.Compute(qrels, runs[0], runs[r], depths, measures: null, evaluation);
            firstStage ??= sweep.FirstStageSummary(measure);
            series.Add(new DepthSeries(names[r], sweep.Summaries(measure)));
        }
        if (firstStage is not { } flat)
        {
            throw new ArgumentException("a depth sweep needs a first-stage run and at least one reranked run", nameof(runs));
        }
        series.Insert(0, new DepthSeries(names[0], Enumerable.Repeat(flat, depths.Count).ToArray()));
        return new DepthSweep { Measure = new ReportMeasure(measure), Depths = [.. depths], Series = series };
    }

    private static MetricCell[] MetricCells(ComparisonReport comparison, SignificanceTest test)
    {
        var cells = new List<MetricCell>();
        foreach (var measure in comparison.Measures)
        {
            cells.Add(new MetricCell(comparison.BaselineName, measure.Measure, measure.BaselineMean));
            foreach (var run in measure.Runs)
            {
                var p = test == SignificanceTest.Randomization ? run.RandomizationPValueHolm : run.TTestPValueHolm;
                var defined = !double.IsNaN(p);
                cells.Add(new MetricCell(run.RunName, measure.Measure, run.Mean)
                {
                    Delta = run.Difference,
                    PValue = defined ? p : null,
                    Marker = defined && p < comparison.Options.SignificanceLevel ? SignificanceMarker : null,
                });
            }
        }
        return [.. cells];
    }

    private static string SignificanceNote(ComparisonReport comparison, SignificanceTest test)
    {
        var name = test == SignificanceTest.Randomization ? "paired randomization test" : "paired t-test";
        var alpha = comparison.Options.SignificanceLevel.ToString("0.###", CultureInfo.InvariantCulture);
        return $"{SignificanceMarker} p < {alpha}, two-sided {name} against {comparison.BaselineName}; p-values are Holm-adjusted "
            + $"across all {comparison.ComparisonCount} (run, measure) comparisons. Every qrels query counts; a query a run lacks scores 0.";
    }

    private static PerQueryComparison PerQuery(IReadOnlyList<string> names,
        IReadOnlyList<IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>> values, string measure)
    {
        var baseline = values[0][measure];
        var compared = values[1][measure];
        return new PerQueryComparison
        {
            Measure = new ReportMeasure(measure),
            BaselineRun = names[0],
            ComparedRun = names[1],
            Queries = baseline
                .Select(q => new PerQueryValue(q.Key, q.Value, compared.GetValueOrDefault(q.Key)))
                .ToArray(),
        };
    }
}
