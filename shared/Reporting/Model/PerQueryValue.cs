namespace Pipeline.Reporting.Model;

/// <summary>One query's value of a measure for the baseline and the compared run.</summary>
public sealed class PerQueryValue
{
    /// <summary>Creates a per-query entry.</summary>
    /// <param name="queryId">The query id as it appears in the qrels and runs; not empty.</param>
    /// <param name="baseline">The baseline's value; finite.</param>
    /// <param name="compared">The compared run's value; finite.</param>
    public PerQueryValue(string queryId, double baseline, double compared)
    {
        ArgumentException.ThrowIfNullOrEmpty(queryId);
        QueryId = queryId;
        Baseline = baseline;
        Compared = compared;
    }

    /// <summary>The query id.</summary>
    public string QueryId { get; }

    /// <summary>The baseline's value.</summary>
    public double Baseline { get; }

    /// <summary>The compared run's value.</summary>
    public double Compared { get; }

    /// <summary>The compared run's value minus the baseline's: positive when the query improved.</summary>
    public double Difference => Compared - Baseline;
}
