namespace Pipeline.Retrieval.Fusion;

/// <summary>How <see cref="RunFusion"/> combines ranked lists.</summary>
public enum FusionMethod
{
    /// <summary>Reciprocal rank fusion: Σ 1/(k + rank), ranks from 1; a list without the document adds nothing.</summary>
    ReciprocalRank,

    /// <summary>Weighted sum of per-query min–max normalized scores; a list without the document adds its minimum (0).</summary>
    WeightedMinMax,

    /// <summary>Weighted sum of per-query z-scores; a list without the document adds its lowest z-score.</summary>
    WeightedZScore,
}
