namespace Pipeline.Reporting.Model;

/// <summary>
/// Checks that a report is consistent before anything is written, so that a writer never emits half a report.
/// Every failure is an <see cref="ArgumentException"/> that names the offending run, measure, query or depth.
/// </summary>
internal static class ReportValidator
{
    public static void Validate(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Require(report.Title is not null, "the report has no title");
        Require(report.Runs is not null, "the report has no run list");
        Require(report.Measures is not null, "the report has no measure list");
        Require(report.Metrics is not null, "the report has no metric list");

        var runs = new HashSet<string>(StringComparer.Ordinal);
        var baselines = 0;
        foreach (var run in report.Runs!)
        {
            Require(run is not null, "the run list holds a null entry");
            Require(runs.Add(run!.Name), $"run '{run.Name}' is listed twice");
            baselines += run.IsBaseline ? 1 : 0;
        }
        Require(baselines <= 1, $"{baselines} runs are marked as baseline; at most one may be");

        var measures = new HashSet<string>(StringComparer.Ordinal);
        foreach (var measure in report.Measures!)
        {
            Require(measure is not null, "the measure list holds a null entry");
            Require(measures.Add(measure!.Id), $"measure '{measure.Id}' is listed twice");
        }

        var cells = new HashSet<(string, string)>();
        foreach (var cell in report.Metrics!)
        {
            Require(cell is not null, "the metric list holds a null entry");
            var where = $"metric cell ({cell!.RunName}, {cell.MeasureId})";
            Require(runs.Contains(cell.RunName), $"{where} names run '{cell.RunName}', which is not in the run list");
            Require(measures.Contains(cell.MeasureId), $"{where} names measure '{cell.MeasureId}', which is not in the measure list");
            Require(cells.Add((cell.RunName, cell.MeasureId)), $"{where} appears twice");
            Require(double.IsFinite(cell.Mean), $"{where} has a mean that is not a finite number");
            Require(cell.Delta is null || double.IsFinite(cell.Delta.Value), $"{where} has a delta that is not a finite number");
            Require(cell.PValue is null || cell.PValue.Value is >= 0 and <= 1, $"{where} has a p-value outside [0, 1]");
        }

        if (report.PerQuery is { } perQuery)
        {
            ValidatePerQuery(perQuery);
        }
        if (report.DepthSweep is { } sweep)
        {
            ValidateSweep(sweep);
        }
    }

    private static void ValidatePerQuery(PerQueryComparison perQuery)
    {
        Require(perQuery.Measure is not null, "the per-query comparison has no measure");
        Require(!string.IsNullOrEmpty(perQuery.BaselineRun), "the per-query comparison has no baseline run name");
        Require(!string.IsNullOrEmpty(perQuery.ComparedRun), "the per-query comparison has no compared run name");
        Require(perQuery.Queries is not null, "the per-query comparison has no query list");
        Require(
            double.IsFinite(perQuery.UnchangedTolerance) && perQuery.UnchangedTolerance >= 0,
            "the per-query comparison's unchanged tolerance must be finite and not negative");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var query in perQuery.Queries!)
        {
            Require(query is not null, "the per-query list holds a null entry");
            Require(ids.Add(query!.QueryId), $"query '{query.QueryId}' appears twice in the per-query comparison");
            Require(
                double.IsFinite(query.Baseline) && double.IsFinite(query.Compared),
                $"query '{query.QueryId}' has a per-query value that is not a finite number");
        }
    }

    private static void ValidateSweep(DepthSweep sweep)
    {
        Require(sweep.Measure is not null, "the depth sweep has no measure");
        Require(sweep.Depths is not null, "the depth sweep has no depth list");
        Require(sweep.Series is not null, "the depth sweep has no series list");
        var previous = 0;
        foreach (var depth in sweep.Depths!)
        {
            Require(depth > previous, $"depth {depth} does not follow {previous}: depths must be positive and strictly increasing");
            previous = depth;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var series in sweep.Series!)
        {
            Require(series is not null, "the depth sweep's series list holds a null entry");
            Require(names.Add(series!.RunName), $"run '{series.RunName}' has two depth series");
            Require(
                series.Values.Count == sweep.Depths!.Count,
                $"run '{series.RunName}' has {series.Values.Count} depth values for {sweep.Depths.Count} depths");
            for (var i = 0; i < series.Values.Count; i++)
            {
                Require(
                    double.IsFinite(series.Values[i]),
                    $"run '{series.RunName}' has a value at depth {sweep.Depths[i]} that is not a finite number");
            }
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"Inconsistent evaluation report: {message}.");
        }
    }
}
