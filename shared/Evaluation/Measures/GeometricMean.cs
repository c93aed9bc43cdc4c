namespace Pipeline.Evaluation.Measures;

/// <summary>trec_eval's floor for geometric means (MIN_GEO_MEAN).</summary>
internal static class GeometricMean
{
    /// <summary>Per-query values below this count as this before the log is taken.</summary>
    public const double MinValue = .00001;
}
