namespace Pipeline.Reporting.Assembly;

/// <summary>The test whose Holm-adjusted p-values a report shows and marks.</summary>
public enum SignificanceTest
{
    /// <summary>The paired randomization (permutation) test.</summary>
    Randomization,

    /// <summary>The paired Student t-test.</summary>
    TTest,
}
