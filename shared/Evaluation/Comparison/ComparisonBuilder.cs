using Pipeline.Evaluation.Comparison.Statistics;

namespace Pipeline.Evaluation.Comparison;

/// <summary>
/// Builds a <see cref="ComparisonReport"/> from plain per-query values, so it needs nothing from the evaluator
/// that produced them.
/// </summary>
/// <remarks>
/// <para>
/// The first run is the baseline. For each measure the compared queries are the baseline's queries for that
/// measure: a query another run has no value for counts as 0 there (callers pass trec_eval <c>-c</c> values,
/// where every judged query is present), and a query only another run has is ignored; both are counted in the
/// report. Queries are processed in ordinal order of their ids, so results do not depend on dictionary order.
/// </para>
/// <para>
/// Holm's adjustment runs twice over the whole report: once across every (run, measure) t-test p-value and once
/// across every (run, measure) randomization p-value, each family of size (runs − 1) × measures.
/// </para>
/// </remarks>
public static class ComparisonBuilder
{
    /// <summary>
    /// Compares every run to the first on each measure of <paramref name="measures"/> (when <c>null</c>: every
    /// measure of the baseline, in ordinal order).
    /// </summary>
    /// <param name="runs">
    /// At least two runs with distinct names; each maps measure id → (query id → value). The first is the baseline.
    /// </param>
    /// <param name="measures">Measure ids to compare, in display order; each must be present in every run.</param>
    /// <param name="options">Statistics settings; <see cref="ComparisonOptions.Default"/> when <c>null</c>.</param>
    /// <exception cref="ArgumentException">
    /// Fewer than two runs, a duplicate or empty run name, a measure missing from a run, a measure without
    /// baseline queries, or a value that is NaN or infinite; the message names the run, measure and query.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of bounds.</exception>
    public static ComparisonReport Compare(
        IReadOnlyList<(string RunName, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> PerQuery)> runs,
        IReadOnlyList<string>? measures = null,
        ComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        options ??= ComparisonOptions.Default;
        options.Validate();
        ValidateRuns(runs);
        var measureIds = ResolveMeasures(runs, measures);

        var pending = new List<(int Measure, RunComparison Draft)>();
        var measureHeads = new List<(string Measure, int QueryCount, double BaselineMean)>();
        for (var m = 0; m < measureIds.Count; m++)
        {
            var measure = measureIds[m];
            var baselineValues = runs[0].PerQuery[measure];
            if (baselineValues.Count == 0)
            {
                throw new ArgumentException(
                    $"The baseline run '{runs[0].RunName}' has no queries for measure '{measure}'.", nameof(runs));
            }
            var queryIds = baselineValues.Keys.Order(StringComparer.Ordinal).ToArray();
            var baseline = new double[queryIds.Length];
            for (var q = 0; q < queryIds.Length; q++)
            {
                baseline[q] = CheckFinite(baselineValues[queryIds[q]], runs[0].RunName, measure, queryIds[q]);
            }
            var baselineMean = Mean(baseline);
            measureHeads.Add((measure, queryIds.Length, baselineMean));

            for (var r = 1; r < runs.Count; r++)
            {
                pending.Add((m, CompareRun(runs[r].RunName, runs[r].PerQuery[measure], baselineValues, queryIds,
                    baseline, baselineMean, measure, options)));
            }
        }

        var tTestHolm = HolmBonferroni.Adjust(pending.Select(p => p.Draft.TTest.PValue).ToArray());
        var randomizationHolm = HolmBonferroni.Adjust(pending.Select(p => p.Draft.Randomization.PValue).ToArray());
        var byMeasure = measureIds.Select(_ => new List<RunComparison>()).ToArray();
        for (var i = 0; i < pending.Count; i++)
        {
            byMeasure[pending[i].Measure].Add(pending[i].Draft with
            {
                TTestPValueHolm = tTestHolm[i],
                RandomizationPValueHolm = randomizationHolm[i],
            });
        }

        return new ComparisonReport
        {
            BaselineName = runs[0].RunName,
            RunNames = runs.Select(r => r.RunName).ToArray(),
            Measures = measureHeads.Select((head, m) => new MeasureComparison
            {
                Measure = head.Measure,
                QueryCount = head.QueryCount,
                BaselineMean = head.BaselineMean,
                Runs = byMeasure[m],
            }).ToArray(),
            Options = options,
        };
    }

    private static RunComparison CompareRun(
        string runName,
        IReadOnlyDictionary<string, double> runValues,
        IReadOnlyDictionary<string, double> baselineValues,
        string[] queryIds,
        double[] baseline,
        double baselineMean,
        string measure,
        ComparisonOptions options)
    {
        var values = new double[queryIds.Length];
        var missing = 0;
        for (var q = 0; q < queryIds.Length; q++)
        {
            if (runValues.TryGetValue(queryIds[q], out var value))
            {
                values[q] = CheckFinite(value, runName, measure, queryIds[q]);
            }
            else
            {
                missing++;
            }
        }
        var ignored = runValues.Keys.Count(queryId => !baselineValues.ContainsKey(queryId));

        var differences = new double[values.Length];
        for (var q = 0; q < values.Length; q++)
        {
            differences[q] = values[q] - baseline[q];
        }
        var mean = Mean(values);
        var difference = mean - baselineMean;
        return new RunComparison
        {
            RunName = runName,
            Mean = mean,
            Difference = difference,
            RelativeDifferencePercent = baselineMean == 0.0 ? null : 100.0 * difference / Math.Abs(baselineMean),
            WinTieLoss = WinTieLoss.Count(values, baseline, options.TieEpsilon),
            TTest = PairedTTest.FromDifferences(differences),
            Randomization = PairedRandomizationTest.FromDifferences(
                differences, options.Permutations, options.Seed, options.ExactRandomizationMaxQueries),
            Bootstrap = PercentileBootstrap.OfMean(
                differences, options.ConfidenceLevel, options.BootstrapResamples, options.Seed),
            TTestPValueHolm = double.NaN,
            RandomizationPValueHolm = double.NaN,
            MissingQueryCount = missing,
            IgnoredQueryCount = ignored,
        };
    }

    private static void ValidateRuns(
        IReadOnlyList<(string RunName, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> PerQuery)> runs)
    {
        if (runs.Count < 2)
        {
            throw new ArgumentException($"A comparison needs at least two runs (got {runs.Count}).", nameof(runs));
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, perQuery) in runs)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException("Every run needs a non-empty name.", nameof(runs));
            }
            if (!names.Add(name))
            {
                throw new ArgumentException($"Run name '{name}' appears more than once; names must be distinct.", nameof(runs));
            }
            if (perQuery is null)
            {
                throw new ArgumentException($"Run '{name}' has no per-query values.", nameof(runs));
            }
        }
    }

    private static List<string> ResolveMeasures(
        IReadOnlyList<(string RunName, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> PerQuery)> runs,
        IReadOnlyList<string>? measures)
    {
        var resolved = measures is null
            ? runs[0].PerQuery.Keys.Order(StringComparer.Ordinal).ToList()
            : measures.ToList();
        if (resolved.Count == 0)
        {
            throw new ArgumentException("At least one measure is required.", nameof(measures));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var measure in resolved)
        {
            if (!seen.Add(measure))
            {
                throw new ArgumentException($"Measure '{measure}' is listed more than once.", nameof(measures));
            }
            foreach (var (name, perQuery) in runs)
            {
                if (!perQuery.TryGetValue(measure, out var values) || values is null)
                {
                    throw new ArgumentException($"Run '{name}' has no values for measure '{measure}'.", nameof(runs));
                }
            }
        }
        return resolved;
    }

    private static double CheckFinite(double value, string runName, string measure, string queryId)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException(
                $"Run '{runName}' has a non-finite value ({value.ToString(System.Globalization.CultureInfo.InvariantCulture)}) for measure '{measure}', query '{queryId}'.");
        }
        return value;
    }

    private static double Mean(double[] values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }
        return sum / values.Length;
    }
}
