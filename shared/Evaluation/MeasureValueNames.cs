using Pipeline.Evaluation.Measures;

namespace Pipeline.Evaluation;

/// <summary>
/// Resolves <c>-m</c> arguments to the values an evaluation with them reports, without evaluating anything: what
/// a caller needs to validate measures up front and to show values in the order the user asked for them.
/// </summary>
public static class MeasureValueNames
{
    /// <summary>
    /// The values <see cref="TrecEvaluator.Evaluate"/> reports for <paramref name="specifications"/>, in the order
    /// of the arguments that first asked for each measure (a nickname's measures, and the values of one measure,
    /// in trec_eval's order). Parameters follow trec_eval's rule that the first argument giving parameters for a
    /// measure wins, so the names are exactly those of the evaluation's <see cref="EvaluationResult.MeasureNames"/>
    /// (plus the text values).
    /// </summary>
    /// <param name="specifications"><c>-m</c> arguments, as <see cref="EvaluationOptions.Measures"/>.</param>
    /// <param name="options">Other settings some measures read (the collection size of <c>utility</c>); defaults when null.</param>
    /// <exception cref="EvaluationException">An unknown or unsupported measure, or malformed parameters.</exception>
    public static IReadOnlyList<MeasureValueName> Resolve(IReadOnlyList<string> specifications, EvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(specifications);
        options ??= new EvaluationOptions();
        var selected = MeasureCatalog.Select(specifications, options);
        var emitted = new HashSet<string>(StringComparer.Ordinal);
        var names = new List<MeasureValueName>();
        foreach (var specification in specifications)
        {
            var asked = new HashSet<string>(StringComparer.Ordinal);
            foreach (var measure in MeasureCatalog.Select([specification], options))
            {
                asked.Add(measure.Name);
            }
            foreach (var measure in selected)
            {
                if (!asked.Contains(measure.Name) || !emitted.Add(measure.Name))
                {
                    continue;
                }
                foreach (var slot in measure.Slots)
                {
                    var numeric = slot.Kind != ValueKind.Text;
                    names.Add(new MeasureValueName(slot.Name, measure.Name, specification, numeric, slot.PerQuery && numeric));
                }
            }
        }
        return names;
    }
}
