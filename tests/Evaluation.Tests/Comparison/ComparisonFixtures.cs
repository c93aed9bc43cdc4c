using System.Globalization;

namespace Pipeline.Evaluation.Tests.Comparison;

using RunInput = (string RunName, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> PerQuery);

/// <summary>Small synthetic runs for the comparison model tests.</summary>
internal static class ComparisonFixtures
{
    public static RunInput Run(string name, params (string Measure, IReadOnlyDictionary<string, double> Values)[] measures) =>
        (name, measures.ToDictionary(m => m.Measure, m => m.Values));

    public static IReadOnlyDictionary<string, double> Values(params double[] values) =>
        values.Select((v, i) => (Id: QueryId(i), Value: v)).ToDictionary(p => p.Id, p => p.Value);

    public static string QueryId(int index) => (101 + index).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Three runs over two measures: "map" on 25 queries (sampled randomization), "P_10" on 12 (exact). "strong"
    /// beats the baseline clearly, "noisy" does not.
    /// </summary>
    public static IReadOnlyList<RunInput> ThreeRuns()
    {
        var baseMap = Enumerable.Range(0, 25).Select(i => Math.Round(0.3 + (0.25 * Math.Sin(i * 1.3)), 4)).ToArray();
        var strongMap = baseMap.Select((v, i) => Math.Round(Math.Min(1, v + 0.08 + (0.03 * Math.Cos(i * 2.1))), 4)).ToArray();
        var noisyMap = baseMap.Select((v, i) => Math.Round(Math.Clamp(v + (0.1 * Math.Sin(i * 0.7 + 1)), 0, 1), 4)).ToArray();
        var baseP10 = Enumerable.Range(0, 12).Select(i => (i * 3 % 11) / 10.0).ToArray();
        var strongP10 = baseP10.Select((v, i) => Math.Min(1, v + (i % 3 == 0 ? 0.0 : 0.1))).ToArray();
        var noisyP10 = baseP10.Select((v, i) => Math.Clamp(v + (i % 2 == 0 ? 0.1 : -0.1), 0, 1)).ToArray();
        return
        [
            Run("bm25", ("map", Values(baseMap)), ("P_10", Values(baseP10))),
            Run("strong", ("map", Values(strongMap)), ("P_10", Values(strongP10))),
            Run("noisy", ("map", Values(noisyMap)), ("P_10", Values(noisyP10))),
        ];
    }
}
