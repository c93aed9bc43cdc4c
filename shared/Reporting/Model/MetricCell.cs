namespace Pipeline.Reporting.Model;

/// <summary>One cell of the metric table: a run's mean over queries for one measure, with its comparison to the baseline.</summary>
public sealed class MetricCell
{
    /// <summary>Creates a cell.</summary>
    /// <param name="runName">The <see cref="ReportRun.Name"/> of the run.</param>
    /// <param name="measureId">The <see cref="ReportMeasure.Id"/> of the measure.</param>
    /// <param name="mean">The mean over queries; finite.</param>
    public MetricCell(string runName, string measureId, double mean)
    {
        ArgumentException.ThrowIfNullOrEmpty(runName);
        ArgumentException.ThrowIfNullOrEmpty(measureId);
        RunName = runName;
        MeasureId = measureId;
        Mean = mean;
    }

    /// <summary>The run this cell belongs to.</summary>
    public string RunName { get; }

    /// <summary>The measure this cell belongs to.</summary>
    public string MeasureId { get; }

    /// <summary>The mean over queries.</summary>
    public double Mean { get; }

    /// <summary>This run's mean minus the baseline's (absolute, not relative); <c>null</c> shows none.</summary>
    public double? Delta { get; init; }

    /// <summary>The p-value of the significance test against the baseline, in [0, 1]; <c>null</c> shows none.</summary>
    public double? PValue { get; init; }

    /// <summary>
    /// A short marker shown after the value when the difference is significant, for example <c>†</c>; <c>null</c>
    /// or empty shows none. <see cref="EvaluationReport.SignificanceNote"/> explains it.
    /// </summary>
    public string? Marker { get; init; }
}
