using Pipeline.Evaluation.Ranking;

namespace Pipeline.Evaluation.Measures;

/// <summary>
/// <c>relstring</c>: the relevance values of the first N (default 10) documents as characters, per query only:
/// the grade 0-9, '&gt;' above 9, '-' not in the qrels, '.' negative grade.
/// </summary>
internal sealed class RelStringMeasure : Measure
{
    private readonly long _length;

    public RelStringMeasure(string? parameters)
        : base("relstring", [new ValueSlot(MeasureParameters.PrintedName("relstring", parameters), ValueKind.Text, true, false, Averaging.None)])
    {
        var values = parameters is null ? [10.0] : MeasureParameters.Doubles(parameters);
        _length = (long)values[0];
    }

    public override void Compute(RankedQuery query, Span<double> values)
    {
    }

    /// <summary>The string for one query.</summary>
    public string Format(RankedQuery query)
    {
        var length = (int)Math.Max(0, Math.Min(_length, query.NumRet));
        var rels = query.Rels;
        return string.Create(length, rels[..length].ToArray(), static (span, rels) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var rel = rels[i];
                span[i] = rel switch
                {
                    > 9 => '>',
                    >= 0 => (char)('0' + rel),
                    RelevanceValue.NotPooled => '-',
                    RelevanceValue.Unjudged => '.',
                    _ => '<',
                };
            }
        });
    }
}
