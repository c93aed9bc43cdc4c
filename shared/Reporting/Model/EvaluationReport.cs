namespace Pipeline.Reporting.Model;

/// <summary>
/// Everything a report shows, already computed: the inputs, the metric table, and optionally a per-query
/// comparison of one run against the baseline and a rerank-depth sweep. Writers only format; they compute
/// nothing but counts and orderings. The writers check the model's consistency and throw
/// <see cref="ArgumentException"/> naming the offending item when it is inconsistent.
/// </summary>
public sealed class EvaluationReport
{
    /// <summary>The report heading, shown as the page title.</summary>
    public required string Title { get; init; }

    /// <summary>
    /// When the report was produced; shown in UTC to the second. Callers take it from a
    /// <see cref="TimeProvider"/> (<c>timeProvider.GetUtcNow()</c>) so that reports are reproducible in tests.
    /// </summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>The qrels file the runs were judged against, as the user named it; <c>null</c> when not known.</summary>
    public string? QrelsFile { get; init; }

    /// <summary>The evaluated runs in display order. At most one is the baseline; names are unique.</summary>
    public required IReadOnlyList<ReportRun> Runs { get; init; }

    /// <summary>The measures, in column order. Ids are unique.</summary>
    public required IReadOnlyList<ReportMeasure> Measures { get; init; }

    /// <summary>
    /// The metric table: at most one cell per (run, measure). A missing cell shows as a dash. Every cell names a
    /// run of <see cref="Runs"/> and a measure of <see cref="Measures"/>.
    /// </summary>
    public required IReadOnlyList<MetricCell> Metrics { get; init; }

    /// <summary>
    /// Explains the significance markers used in <see cref="Metrics"/>, for example
    /// <c>† p &lt; 0.05, two-sided paired t-test against the baseline</c>; <c>null</c> shows no note.
    /// </summary>
    public string? SignificanceNote { get; init; }

    /// <summary>Per-query values of one measure for the baseline and one other run; <c>null</c> when not computed.</summary>
    public PerQueryComparison? PerQuery { get; init; }

    /// <summary>One measure at several rerank depths, per run; <c>null</c> when no sweep was run.</summary>
    public DepthSweep? DepthSweep { get; init; }
}
