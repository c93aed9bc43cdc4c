namespace Pipeline.Evaluation.Measures;

/// <summary>How per-query values become the summary value (trec_eval's calc_avg procedures).</summary>
internal enum Averaging
{
    /// <summary>Sum divided by the number of queries (te_calc_avg_meas_s / _a_cut).</summary>
    Mean,

    /// <summary>Per-query values are logs; exp of their mean (te_calc_avg_meas_s_gm).</summary>
    GeometricMean,

    /// <summary>Sum over queries (counts).</summary>
    Sum,

    /// <summary>The number of queries averaged over (num_q).</summary>
    QueryCount,

    /// <summary>Sum over queries, or under <c>-c</c> the count of all qrels lines with a grade above 0 (num_rel).</summary>
    RelevantCount,

    /// <summary>No summary value (runid, relstring).</summary>
    None,
}
