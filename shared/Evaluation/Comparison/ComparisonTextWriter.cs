using System.Globalization;
using System.Text;

namespace Pipeline.Evaluation.Comparison;

/// <summary>
/// Renders a <see cref="ComparisonReport"/> as a fixed-width text table: one block per measure, a row per run
/// (the baseline first, with its mean only), then a legend. Lines end in <c>\n</c>; numbers use the invariant
/// culture.
/// </summary>
/// <remarks>
/// Columns and formats: <c>run</c>; <c>mean</c> with 4 decimals; <c>Δ</c> (run − baseline) signed with 4 decimals;
/// <c>Δ%</c> signed with 1 decimal and a % sign, <c>n/a</c> when the baseline mean is 0; <c>W/T/L</c>;
/// <c>p(t)</c> and <c>p(perm)</c> as p-values; the bootstrap interval as <c>[lower, upper]</c>, both signed with
/// 4 decimals; <c>p(t) Holm</c> and <c>p(perm) Holm</c> as p-values followed by <c>*</c> when below the
/// significance level. A p-value prints with 4 decimals from 0.0001 up, in scientific notation with one decimal
/// below (<c>3.1e-06</c>), as <c>0</c> when exactly 0, and as <c>n/a</c> when undefined. Text columns are
/// left-aligned and numeric ones right-aligned; widths fit the widest cell of the whole report, so blocks line up.
/// </remarks>
public static class ComparisonTextWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The table as one string.</summary>
    public static string Render(ComparisonReport report)
    {
        using var writer = new StringWriter(Invariant);
        Write(report, writer);
        return writer.ToString();
    }

    /// <summary>Writes the table to <paramref name="writer"/>.</summary>
    public static void Write(ComparisonReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        var options = report.Options;
        var header = new[]
        {
            "run", "mean", "Δ", "Δ%", "W/T/L", "p(t)", "p(perm)",
            string.Create(Invariant, $"{options.ConfidenceLevel * 100:0.##}% CI"), "p(t) Holm", "p(perm) Holm",
        };
        var blocks = report.Measures.Select(measure => (measure, rows: Rows(report, measure))).ToList();
        var widths = header.Select(h => h.Length).ToArray();
        foreach (var (_, rows) in blocks)
        {
            foreach (var row in rows)
            {
                for (var c = 0; c < row.Length; c++)
                {
                    widths[c] = Math.Max(widths[c], row[c].Length);
                }
            }
        }

        var first = true;
        foreach (var (measure, rows) in blocks)
        {
            if (!first)
            {
                writer.Write('\n');
            }
            first = false;
            writer.Write(string.Create(Invariant,
                $"{measure.Measure} ({measure.QueryCount} queries, baseline {report.BaselineName})\n"));
            WriteLine(writer, header, widths);
            WriteLine(writer, widths.Select(w => new string('-', w)).ToArray(), widths);
            foreach (var row in rows)
            {
                WriteLine(writer, row, widths);
            }
        }

        writer.Write('\n');
        foreach (var line in Legend(report))
        {
            writer.Write(line);
            writer.Write('\n');
        }
    }

    /// <summary>A p-value as the table prints it (see the type's remarks).</summary>
    public static string FormatPValue(double p)
    {
        if (double.IsNaN(p))
        {
            return "n/a";
        }
        if (p == 0.0)
        {
            return "0";
        }
        return p >= 0.0001 ? p.ToString("0.0000", Invariant) : p.ToString("0.0e+00", Invariant);
    }

    private static List<string[]> Rows(ComparisonReport report, MeasureComparison measure)
    {
        var alpha = report.Options.SignificanceLevel;
        var rows = new List<string[]>
        {
            new[] { report.BaselineName, Fixed(measure.BaselineMean), "", "", "", "", "", "", "", "" },
        };
        foreach (var run in measure.Runs)
        {
            rows.Add(new[]
            {
                run.RunName,
                Fixed(run.Mean),
                Signed(run.Difference),
                run.RelativeDifferencePercent is { } percent
                    ? percent.ToString("+0.0;-0.0;0.0", Invariant) + "%"
                    : "n/a",
                run.WinTieLoss.ToString(),
                FormatPValue(run.TTest.PValue),
                FormatPValue(run.Randomization.PValue),
                double.IsNaN(run.Bootstrap.Lower) || double.IsNaN(run.Bootstrap.Upper)
                    ? "n/a"
                    : $"[{Signed(run.Bootstrap.Lower)}, {Signed(run.Bootstrap.Upper)}]",
                Adjusted(run.TTestPValueHolm, alpha),
                Adjusted(run.RandomizationPValueHolm, alpha),
            });
        }
        return rows;
    }

    private static IEnumerable<string> Legend(ComparisonReport report)
    {
        var o = report.Options;
        yield return string.Create(Invariant,
            $"Δ = run − {report.BaselineName}. W/T/L: queries won/tied/lost against the baseline (tie: |Δ| ≤ {o.TieEpsilon:g}).");
        yield return "p(t): paired Student t-test, two-sided.";
        yield return o.ExactRandomizationMaxQueries == 0
            ? string.Create(Invariant,
                $"p(perm): paired randomization test, two-sided: {o.Permutations} random sign flips (seed {o.Seed}).")
            : string.Create(Invariant,
                $"p(perm): paired randomization test, two-sided: all 2^n sign flips when n ≤ {o.ExactRandomizationMaxQueries}, otherwise {o.Permutations} random ones (seed {o.Seed}).");
        yield return string.Create(Invariant,
            $"{o.ConfidenceLevel * 100:0.##}% CI: percentile bootstrap of the mean Δ, {o.BootstrapResamples} resamples (seed {o.Seed}).");
        yield return string.Create(Invariant,
            $"Holm: Holm-Bonferroni over the {report.ComparisonCount} comparisons shown, t-test and randomization p-values adjusted separately; * marks adjusted p < {o.SignificanceLevel:g}.");
    }

    private static void WriteLine(TextWriter writer, string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var c = 0; c < cells.Length; c++)
        {
            if (c > 0)
            {
                line.Append("  ");
            }
            // The run name is text; every other column is numeric and right-aligned.
            line.Append(c == 0 ? cells[c].PadRight(widths[c]) : cells[c].PadLeft(widths[c]));
        }
        writer.Write(line.ToString().TrimEnd());
        writer.Write('\n');
    }

    private static string Adjusted(double p, double alpha) =>
        FormatPValue(p) + (p < alpha ? "*" : " ");

    private static string Fixed(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.0000", Invariant);

    private static string Signed(double value) =>
        double.IsNaN(value) ? "n/a" : value.ToString("+0.0000;-0.0000;0.0000", Invariant);
}
