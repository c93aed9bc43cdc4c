namespace Pipeline.Evaluation.Measures;

/// <summary>trec_eval's default cutoffs.</summary>
internal static class DefaultCutoffs
{
    /// <summary>P, recall, ndcg_cut, map_cut, relative_P.</summary>
    public static readonly long[] Standard = [5, 10, 15, 20, 30, 100, 200, 500, 1000];

    /// <summary>success.</summary>
    public static readonly long[] Success = [1, 5, 10];

    /// <summary>unj.</summary>
    public static readonly long[] Unjudged = [5, 10, 20];
}
