namespace Pipeline.Reporting.Model;

/// <summary>One run's values of the swept measure, one per depth of <see cref="DepthSweep.Depths"/>, in the same order.</summary>
public sealed class DepthSeries
{
    /// <summary>Creates a series.</summary>
    /// <param name="runName">The run's display name; not empty. A run of the report that is the baseline is drawn dashed.</param>
    /// <param name="values">One finite value per depth.</param>
    public DepthSeries(string runName, IReadOnlyList<double> values)
    {
        ArgumentException.ThrowIfNullOrEmpty(runName);
        ArgumentNullException.ThrowIfNull(values);
        RunName = runName;
        Values = values;
    }

    /// <summary>The run's display name.</summary>
    public string RunName { get; }

    /// <summary>The values, aligned with <see cref="DepthSweep.Depths"/>.</summary>
    public IReadOnlyList<double> Values { get; }
}
