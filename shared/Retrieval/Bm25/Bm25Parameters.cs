namespace Pipeline.Retrieval.Bm25;

/// <summary>
/// BM25 parameters. Scores are Lucene 8's: <c>idf · qtf · tf / (tf + k1 · (1 − b + b · dl / avgdl))</c> with
/// <c>idf = ln(1 + (N − df + 0.5) / (df + 0.5))</c>, in double precision (Lucene 8 dropped the constant
/// <c>(k1 + 1)</c> factor; rankings are the same either way).
/// </summary>
public sealed record Bm25Parameters
{
    /// <summary>Anserini's defaults: k1 = 0.9, b = 0.4, exact lengths.</summary>
    public static Bm25Parameters Default { get; } = new();

    /// <summary>Term-frequency saturation, ≥ 0 (default 0.9).</summary>
    public double K1 { get; init; } = 0.9;

    /// <summary>Length normalisation, in [0, 1] (default 0.4).</summary>
    public double B { get; init; } = 0.4;

    /// <summary>
    /// When true, document lengths go through Lucene's one-byte norm encoding (<c>SmallFloat.intToByte4</c>) before
    /// scoring, as a Lucene index stores them: lengths above 24 are rounded down to one of 8 values per power of two.
    /// Default false: exact lengths. The average length is exact either way (Lucene derives it from the exact total).
    /// </summary>
    public bool LuceneLossyLengths { get; init; }

    /// <summary>Throws when a parameter is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">k1 negative or not finite, b outside [0, 1].</exception>
    public void Validate()
    {
        if (!double.IsFinite(K1) || K1 < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(K1), K1, "k1 must be a finite number ≥ 0");
        }
        if (!(B >= 0 && B <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(B), B, "b must be in [0, 1]");
        }
    }

    /// <summary>Lucene's idf: <c>ln(1 + (N − df + 0.5) / (df + 0.5))</c>, always positive.</summary>
    public static double Idf(long documentCount, long documentFrequency) =>
        Math.Log(1 + ((documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5)));
}
