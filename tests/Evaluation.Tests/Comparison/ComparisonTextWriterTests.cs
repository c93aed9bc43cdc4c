using System.Globalization;
using Pipeline.Evaluation.Comparison;
using static Pipeline.Evaluation.Tests.Comparison.ComparisonFixtures;

namespace Pipeline.Evaluation.Tests.Comparison;

public sealed class ComparisonTextWriterTests
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    [Fact]
    public void Each_row_holds_the_models_values_in_the_documented_formats()
    {
        var report = ComparisonBuilder.Compare(ThreeRuns(), ["map", "P_10"]);
        var blocks = ParseBlocks(ComparisonTextWriter.Render(report));

        Assert.Equal(report.Measures.Count, blocks.Count);
        for (var m = 0; m < report.Measures.Count; m++)
        {
            var measure = report.Measures[m];
            var (title, header, rows) = blocks[m];
            Assert.Equal($"{measure.Measure} ({measure.QueryCount} queries, baseline {report.BaselineName})", title);
            Assert.Equal(["run", "mean", "Δ", "Δ%", "W/T/L", "p(t)", "p(perm)", "95% CI", "p(t) Holm", "p(perm) Holm"], header);
            Assert.Equal(
                [report.BaselineName, measure.BaselineMean.ToString("0.0000", Invariant), "", "", "", "", "", "", "", ""],
                rows[0]);
            for (var r = 0; r < measure.Runs.Count; r++)
            {
                var run = measure.Runs[r];
                string[] expected =
                [
                    run.RunName,
                    run.Mean.ToString("0.0000", Invariant),
                    run.Difference.ToString("+0.0000;-0.0000;0.0000", Invariant),
                    run.RelativeDifferencePercent!.Value.ToString("+0.0;-0.0;0.0", Invariant) + "%",
                    $"{run.WinTieLoss.Wins}/{run.WinTieLoss.Ties}/{run.WinTieLoss.Losses}",
                    P(run.TTest.PValue),
                    P(run.Randomization.PValue),
                    $"[{run.Bootstrap.Lower.ToString("+0.0000;-0.0000;0.0000", Invariant)}, {run.Bootstrap.Upper.ToString("+0.0000;-0.0000;0.0000", Invariant)}]",
                    P(run.TTestPValueHolm) + (run.TTestPValueHolm < 0.05 ? "*" : ""),
                    P(run.RandomizationPValueHolm) + (run.RandomizationPValueHolm < 0.05 ? "*" : ""),
                ];
                Assert.Equal(expected, rows[r + 1]);
            }
        }
    }

    [Fact]
    public void Significance_stars_follow_the_adjusted_p_values()
    {
        var report = ComparisonBuilder.Compare(ThreeRuns(), ["map", "P_10"]);
        var rows = ParseBlocks(ComparisonTextWriter.Render(report)).SelectMany(b => b.Rows.Skip(1)).ToArray();
        var runs = report.Measures.SelectMany(m => m.Runs).ToArray();
        Assert.Equal(runs.Select(r => r.TTestPValueHolm < 0.05), rows.Select(cells => cells[8].EndsWith('*')));
        Assert.Equal(runs.Select(r => r.RandomizationPValueHolm < 0.05), rows.Select(cells => cells[9].EndsWith('*')));
        // The fixture has both kinds, so the check above is not vacuous.
        Assert.Contains(rows, cells => cells[8].EndsWith('*'));
        Assert.Contains(rows, cells => !cells[9].EndsWith('*'));
    }

    [Fact]
    public void Columns_line_up_across_every_line_and_block()
    {
        var text = ComparisonTextWriter.Render(ComparisonBuilder.Compare(ThreeRuns(), ["map", "P_10"]));
        var lines = text.Split('\n');
        var separators = lines.Where(l => l.StartsWith("---", StringComparison.Ordinal)).Distinct().ToArray();
        var separator = Assert.Single(separators);
        var gaps = Enumerable.Range(0, separator.Length).Where(i => separator[i] == ' ').ToArray();
        foreach (var line in TableLines(lines))
        {
            Assert.True(line.Length <= separator.Length, $"'{line}' is longer than the separator");
            Assert.All(gaps.Where(i => i < line.Length), i => Assert.Equal(' ', line[i]));
        }
    }

    [Fact]
    public void Undefined_values_print_as_not_available()
    {
        // One query: no t-test p-value; a zero baseline mean: no relative difference.
        var report = ComparisonBuilder.Compare([Run("zero", ("P_5", Values(0.0))), Run("one", ("P_5", Values(0.2)))]);
        var row = ParseBlocks(ComparisonTextWriter.Render(report))[0].Rows[1];
        Assert.Equal("n/a", row[3]);
        Assert.Equal("n/a", row[5]);
        Assert.Equal("n/a", row[8]);
        Assert.Equal("1.0000", row[6]);
        Assert.Equal("[+0.2000, +0.2000]", row[7]);
    }

    [Theory]
    [InlineData(0.5, "0.5000")]
    [InlineData(0.00012, "0.0001")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.0000312, "3.1e-05")]
    [InlineData(1.1e-15, "1.1e-15")]
    [InlineData(0.0, "0")]
    [InlineData(double.NaN, "n/a")]
    [InlineData(1.0, "1.0000")]
    public void P_values_print_with_four_decimals_or_in_scientific_notation(double p, string expected)
    {
        Assert.Equal(expected, ComparisonTextWriter.FormatPValue(p));
    }

    [Fact]
    public void The_legend_states_the_settings_and_the_family_size()
    {
        var options = new ComparisonOptions { Permutations = 2000, Seed = 9, BootstrapResamples = 3000, ConfidenceLevel = 0.9 };
        var text = ComparisonTextWriter.Render(ComparisonBuilder.Compare(ThreeRuns(), ["map", "P_10"], options));
        var legend = text.Split('\n').SkipWhile(l => !l.StartsWith("Δ = run", StringComparison.Ordinal)).ToArray();
        Assert.Equal(
        [
            "Δ = run − bm25. W/T/L: queries won/tied/lost against the baseline (tie: |Δ| ≤ 1e-12).",
            "p(t): paired Student t-test, two-sided.",
            "p(perm): paired randomization test, two-sided: all 2^n sign flips when n ≤ 20, otherwise 2000 random ones (seed 9).",
            "90% CI: percentile bootstrap of the mean Δ, 3000 resamples (seed 9).",
            "Holm: Holm-Bonferroni over the 4 comparisons shown, t-test and randomization p-values adjusted separately; * marks adjusted p < 0.05.",
            "",
        ], legend);
        Assert.Contains("90% CI", text.Split('\n')[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Output_does_not_depend_on_the_current_culture()
    {
        var report = ComparisonBuilder.Compare(ThreeRuns());
        var expected = ComparisonTextWriter.Render(report);
        var original = CultureInfo.CurrentCulture;
        try
        {
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.PercentDecimalSeparator = ",";
            comma.NumberFormat.NegativeSign = "~";
            CultureInfo.CurrentCulture = comma;
            Assert.Equal(expected, ComparisonTextWriter.Render(report));
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    private static string P(double p) =>
        double.IsNaN(p) ? "n/a"
        : p == 0 ? "0"
        : p >= 0.0001 ? p.ToString("0.0000", Invariant)
        : p.ToString("0.0e+00", Invariant);

    private static IEnumerable<string> TableLines(string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("---", StringComparison.Ordinal))
            {
                yield return lines[i - 1];
                for (var j = i; j < lines.Length && lines[j].Length > 0; j++)
                {
                    yield return lines[j];
                }
            }
        }
    }

    /// <summary>Cuts each block's lines into cells at the column spans of its dashed separator line.</summary>
    private static List<(string Title, string[] Header, List<string[]> Rows)> ParseBlocks(string text)
    {
        var lines = text.Split('\n');
        var blocks = new List<(string, string[], List<string[]>)>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("---", StringComparison.Ordinal))
            {
                continue;
            }
            var separator = lines[i];
            var spans = new List<(int Start, int End)>();
            for (var c = 0; c < separator.Length; c++)
            {
                if (separator[c] == '-' && (c == 0 || separator[c - 1] == ' '))
                {
                    var end = c;
                    while (end < separator.Length && separator[end] == '-')
                    {
                        end++;
                    }
                    spans.Add((c, end));
                }
            }
            string[] Cells(string line) => spans
                .Select(s => line.PadRight(separator.Length).Substring(s.Start, s.End - s.Start).Trim())
                .ToArray();
            var rows = new List<string[]>();
            for (var j = i + 1; j < lines.Length && lines[j].Length > 0; j++)
            {
                rows.Add(Cells(lines[j]));
            }
            blocks.Add((lines[i - 2], Cells(lines[i - 1]), rows));
        }
        return blocks;
    }
}
