namespace Pipeline.Reporting.Model;

/// <summary>One measure evaluated at several rerank depths (how many candidates were reranked), per run.</summary>
public sealed class DepthSweep
{
    /// <summary>The measure the values are of.</summary>
    public required ReportMeasure Measure { get; init; }

    /// <summary>The rerank depths, strictly increasing and positive, for example 10, 20, 50, 100, 200, 1000.</summary>
    public required IReadOnlyList<int> Depths { get; init; }

    /// <summary>One series per run, each with one value per depth; run names are unique.</summary>
    public required IReadOnlyList<DepthSeries> Series { get; init; }
}
