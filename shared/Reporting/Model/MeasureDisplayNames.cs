namespace Pipeline.Reporting.Model;

/// <summary>
/// Reader-facing names for trec_eval measure ids: <c>ndcg_cut_N</c> → nDCG@N, <c>recip_rank</c> → MRR,
/// <c>map</c> → MAP, <c>map_cut_N</c> → MAP@N, <c>P_N</c> → P@N, <c>recall_N</c> → R@N,
/// <c>success_N</c> → Success@N, <c>Rprec</c> → R-Prec, <c>bpref</c> → bpref. Ids match exactly (trec_eval ids
/// are case-sensitive) and N is one or more ASCII digits; any other id is returned unchanged.
/// </summary>
public static class MeasureDisplayNames
{
    private static readonly (string Prefix, string Display)[] CutoffMeasures =
    [
        ("ndcg_cut_", "nDCG@"),
        ("map_cut_", "MAP@"),
        ("P_", "P@"),
        ("recall_", "R@"),
        ("success_", "Success@"),
    ];

    /// <summary>The display name of <paramref name="measureId"/>, or the id itself when it has none.</summary>
    public static string Get(string measureId)
    {
        ArgumentNullException.ThrowIfNull(measureId);
        switch (measureId)
        {
            case "recip_rank":
                return "MRR";
            case "map":
                return "MAP";
            case "Rprec":
                return "R-Prec";
            case "bpref":
                return "bpref";
        }
        foreach (var (prefix, display) in CutoffMeasures)
        {
            if (measureId.StartsWith(prefix, StringComparison.Ordinal) && IsDigits(measureId.AsSpan(prefix.Length)))
            {
                return string.Concat(display, measureId.AsSpan(prefix.Length));
            }
        }
        return measureId;
    }

    private static bool IsDigits(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange('0', '9');
}
