namespace Pipeline.Evaluation;

/// <summary>
/// One value an evaluation reports, as resolved from <c>-m</c> arguments by <see cref="MeasureValueNames.Resolve"/>:
/// <c>P_10</c> of the measure <c>P</c> requested by <c>P.5,10</c>.
/// </summary>
/// <param name="Name">The value's trec_eval name (<c>ndcg_cut_10</c>, <c>map</c>, <c>relstring_10</c>).</param>
/// <param name="Measure">The trec_eval measure it belongs to (<c>ndcg_cut</c>, <c>map</c>, <c>relstring</c>).</param>
/// <param name="Specification">The first <c>-m</c> argument that asked for the measure (a name, <c>name.params</c> or a nickname).</param>
/// <param name="IsNumeric">False for the text values <c>runid</c> and <c>relstring</c>.</param>
/// <param name="HasPerQueryValues">
/// Whether the value exists per query (<see cref="EvaluationResult.PerQueryValues"/> is not empty): false for
/// <c>num_q</c>, <c>gm_map</c> and <c>gm_bpref</c>, which exist only in the summary, and for the text values.
/// </param>
public sealed record MeasureValueName(string Name, string Measure, string Specification, bool IsNumeric, bool HasPerQueryValues)
{
    /// <summary>
    /// Whether runs can be compared query by query on this value: numeric and present for each query.
    /// </summary>
    public bool IsComparable => IsNumeric && HasPerQueryValues;
}
