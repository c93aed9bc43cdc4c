namespace Pipeline.Evaluation.Comparison.Statistics;

/// <summary>
/// Holm's step-down adjustment (Holm, 1979) of a family of p-values for the family-wise error rate.
/// </summary>
/// <remarks>
/// With the m p-values sorted ascending, p₍₁₎ ≤ … ≤ p₍ₘ₎, the adjusted value of the k-th is
/// max over j ≤ k of min(1, (m − j + 1) p₍ⱼ₎): monotone in the original order of the p-values, never below the raw
/// value, capped at 1. Rejecting where the adjusted value is below α is Holm's procedure at level α. Equal p-values
/// keep their input order (stable), which cannot change the result because the running maximum makes ties equal.
/// NaN entries (tests that were undefined) are left out of the family: m counts only the numbers, and NaN stays
/// NaN.
/// </remarks>
public static class HolmBonferroni
{
    /// <summary>Adjusted p-values, in the order of <paramref name="pValues"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A p-value lies outside [0, 1].</exception>
    public static double[] Adjust(ReadOnlySpan<double> pValues)
    {
        var adjusted = new double[pValues.Length];
        var order = new List<int>(pValues.Length);
        for (var i = 0; i < pValues.Length; i++)
        {
            var p = pValues[i];
            if (double.IsNaN(p))
            {
                adjusted[i] = double.NaN;
                continue;
            }
            if (p < 0 || p > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(pValues), p, $"p-value {i} lies outside [0, 1].");
            }
            adjusted[i] = p;
            order.Add(i);
        }
        var raw = adjusted;
        order.Sort((x, y) => raw[x] != raw[y] ? raw[x].CompareTo(raw[y]) : x.CompareTo(y));

        var m = order.Count;
        var runningMaximum = 0.0;
        var stepped = new double[m];
        for (var k = 0; k < m; k++)
        {
            var scaled = Math.Min(1.0, (m - k) * raw[order[k]]);
            runningMaximum = Math.Max(runningMaximum, scaled);
            stepped[k] = runningMaximum;
        }
        for (var k = 0; k < m; k++)
        {
            adjusted[order[k]] = stepped[k];
        }
        return adjusted;
    }
}
