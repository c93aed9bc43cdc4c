using System.Globalization;
using Pipeline.Reporting.Markdown;
using Pipeline.Reporting.Model;

namespace Pipeline.Reporting.Tests.Markdown;

public class MarkdownReportWriterTests
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    [Fact]
    public void Small_report_renders_exactly()
    {
        var ndcg = new ReportMeasure("ndcg_cut_10");
        var report = new EvaluationReport
        {
            Title = "Smoke",
            GeneratedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            QrelsFile = "qrels.txt",
            Runs = [new ReportRun("bm25", isBaseline: true, file: "bm25.run"), new ReportRun("t5", file: "t5.run")],
            Measures = [ndcg, new ReportMeasure("P_5")],
            Metrics =
            [
                new MetricCell("bm25", "ndcg_cut_10", 0.5),
                new MetricCell("t5", "ndcg_cut_10", 0.62345) { Delta = 0.12345, PValue = 0.03, Marker = "*" },
            ],
            SignificanceNote = "* p < 0.05",
            PerQuery = new PerQueryComparison
            {
                Measure = ndcg,
                BaselineRun = "bm25",
                ComparedRun = "t5",
                Queries = [new PerQueryValue("q1", 0.5, 0.75), new PerQueryValue("q2", 0.5, 0.5), new PerQueryValue("q3", 0.5, 0.25)],
            },
            DepthSweep = new DepthSweep
            {
                Measure = ndcg,
                Depths = [10, 100],
                Series = [new DepthSeries("bm25", [0.5, 0.5]), new DepthSeries("t5", [0.6, 0.62345])],
            },
        };

        var markdown = Render(report);

        Assert.Equal(
            """
            # Smoke

            Generated 2026-01-02 03:04:05 UTC.

            ## Inputs

            - Qrels: qrels.txt
            - Run bm25 (baseline): bm25.run
            - Run t5: t5.run

            ## Metrics

            | Run | nDCG@10 | P@5 |
            | :--- | ---: | ---: |
            | bm25 (baseline) | 0.5000 | – |
            | t5 | 0.6235 (+0.1235)\* | – |

            p-values against the baseline:

            | Run | nDCG@10 | P@5 |
            | :--- | ---: | ---: |
            | t5 | 0.0300 | – |

            Differences in parentheses are against the baseline bm25.

            \* p \< 0.05

            ## Per-query nDCG@10: t5 against bm25

            Of 3 queries, 1 improved, 1 were hurt and 1 are unchanged.

            ### Most improved

            | Query | bm25 | t5 | Δ |
            | :--- | ---: | ---: | ---: |
            | q1 | 0.5000 | 0.7500 | +0.2500 |

            ### Most hurt

            | Query | bm25 | t5 | Δ |
            | :--- | ---: | ---: | ---: |
            | q3 | 0.5000 | 0.2500 | -0.2500 |

            ## nDCG@10 by rerank depth

            | Depth | bm25 | t5 |
            | ---: | ---: | ---: |
            | 10 | 0.5000 | 0.6000 |
            | 100 | 0.5000 | 0.6235 |

            """.ReplaceLineEndings("\n"),
            markdown);
    }

    [Fact]
    public void Heading_and_time_come_from_the_model_with_the_time_in_utc()
    {
        var lines = Lines(Render(SampleReports.Full(thirdRun: "ce-minilm")));

        Assert.Equal(
            new[] { @"# MS MARCO dev: reranking \<small\> \& friends", "", "Generated 2026-03-14 15:05:09 UTC." },
            lines.Take(3));
    }

    [Fact]
    public void Inputs_list_the_qrels_and_every_run_with_its_file()
    {
        var report = SampleReports.Full(thirdRun: "ce-minilm");

        var section = Section(Render(report), "## Inputs").TakeWhile(static l => l.Length > 0);

        var expected = new List<string> { $"- Qrels: {report.QrelsFile}" };
        expected.AddRange(report.Runs.Select(r =>
            $"- Run {r.Name}{(r.IsBaseline ? " (baseline)" : "")}: {r.File!.Replace("&", @"\&", StringComparison.Ordinal)}"));
        Assert.Equal(expected, section);
    }

    [Fact]
    public void Metric_table_has_display_names_and_per_run_means_deltas_and_markers_from_the_model()
    {
        var report = SampleReports.Full(thirdRun: "ce-minilm");

        var table = Section(Render(report), "## Metrics").TakeWhile(static l => l.StartsWith('|')).ToArray();

        var expected = new List<string>
        {
            $"| Run | {string.Join(" | ", report.Measures.Select(static m => m.DisplayName))} |",
            $"| :--- | {string.Join(" | ", report.Measures.Select(static _ => "---:"))} |",
        };
        foreach (var run in report.Runs)
        {
            var cells = report.Measures.Select(m =>
            {
                var cell = report.Metrics.Single(c => c.RunName == run.Name && c.MeasureId == m.Id);
                var delta = cell.Delta is { } d ? $" ({d.ToString("+0.0000;-0.0000;0.0000", Invariant)})" : "";
                return cell.Mean.ToString("0.0000", Invariant) + delta + cell.Marker;
            });
            expected.Add($"| {run.Name}{(run.IsBaseline ? " (baseline)" : "")} | {string.Join(" | ", cells)} |");
        }
        Assert.Equal(expected, table);
        Assert.Equal(["| Run | nDCG@10 | MRR | MAP | R@1000 |"], table.Take(1));
    }

    [Fact]
    public void Per_query_summary_counts_improved_hurt_and_unchanged_queries_of_the_model()
    {
        var report = SampleReports.Full(queryCount: 60, thirdRun: "ce-minilm");
        var queries = report.PerQuery!.Queries;
        var tolerance = report.PerQuery.UnchangedTolerance;
        var improved = queries.Count(q => q.Difference >= tolerance);
        var hurt = queries.Count(q => q.Difference <= -tolerance);

        var section = Section(Render(report), "## Per-query nDCG@10: monot5 against bm25");

        Assert.Equal(
            $"Of 60 queries, {improved} improved, {hurt} were hurt and {60 - improved - hurt} are unchanged.",
            section[0]);
        Assert.Equal((33, 16), (improved, hurt));
    }

    [Fact]
    public void Most_improved_and_most_hurt_lists_hold_the_five_extreme_queries_in_order()
    {
        var report = SampleReports.Full(queryCount: 60, thirdRun: "ce-minilm");
        var queries = report.PerQuery!.Queries;
        var tolerance = report.PerQuery.UnchangedTolerance;
        static string Row(PerQueryValue q) => string.Create(
            Invariant, $"| {q.QueryId} | {q.Baseline:0.0000} | {q.Compared:0.0000} | {q.Difference.ToString("+0.0000;-0.0000;0.0000", Invariant)} |");
        var mostImproved = queries.Where(q => q.Difference >= tolerance)
            .OrderByDescending(static q => q.Difference).ThenBy(static q => q.QueryId, StringComparer.Ordinal).Take(5).Select(Row);
        var mostHurt = queries.Where(q => q.Difference <= -tolerance)
            .OrderBy(static q => q.Difference).ThenBy(static q => q.QueryId, StringComparer.Ordinal).Take(5).Select(Row);

        var markdown = Render(report);

        Assert.Equal(mostImproved, Section(markdown, "### Most improved").Skip(2).TakeWhile(static l => l.Length > 0));
        Assert.Equal(mostHurt, Section(markdown, "### Most hurt").Skip(2).TakeWhile(static l => l.Length > 0));
    }

    [Fact]
    public void Depth_table_has_one_row_per_depth_and_one_column_per_run()
    {
        var report = SampleReports.Full(thirdRun: "ce-minilm");
        var sweep = report.DepthSweep!;

        var table = Section(Render(report), "## nDCG@10 by rerank depth").TakeWhile(static l => l.StartsWith('|')).ToArray();

        var expected = new List<string> { "| Depth | bm25 | monot5 | ce-minilm |", "| ---: | ---: | ---: | ---: |" };
        for (var i = 0; i < sweep.Depths.Count; i++)
        {
            expected.Add(
                $"| {sweep.Depths[i].ToString(Invariant)} | " +
                $"{string.Join(" | ", sweep.Series.Select(s => s.Values[i].ToString("0.0000", Invariant)))} |");
        }
        Assert.Equal(expected, table);
    }

    [Fact]
    public void Sections_without_data_are_left_out()
    {
        var full = SampleReports.Full(thirdRun: "ce-minilm");
        var report = new EvaluationReport
        {
            Title = full.Title,
            GeneratedAt = full.GeneratedAt,
            Runs = full.Runs,
            Measures = full.Measures,
            Metrics = full.Metrics,
        };

        var headings = Lines(Render(report)).Where(static l => l.StartsWith('#')).ToArray();

        Assert.Equal([@"# MS MARCO dev: reranking \<small\> \& friends", "## Inputs", "## Metrics"], headings);
    }

    [Fact]
    public void Run_names_from_files_cannot_break_the_table_or_inject_html()
    {
        var report = SampleReports.Full(thirdRun: "ce <script>alert(1)</script> | x");

        var table = Section(Render(report), "## Metrics");

        Assert.StartsWith(@"| ce \<script\>alert(1)\</script\> \| x | 0.4120 (-0.0093) |", table[4], StringComparison.Ordinal);
        Assert.Equal(5, table[4].Split(" | ").Length); // the run and four measures: the escaped '|' splits nothing
    }

    [Fact]
    public void Output_does_not_depend_on_the_current_culture()
    {
        var report = SampleReports.Full();
        var invariant = Render(report);
        var original = CultureInfo.CurrentCulture;
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NegativeSign = "−";
        comma.NumberFormat.PositiveSign = "⁺";
        string localized;
        try
        {
            CultureInfo.CurrentCulture = comma;
            localized = Render(report);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }

        Assert.Equal(invariant, localized);
    }

    private static string Render(EvaluationReport report)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\r\n" };
        MarkdownReportWriter.Write(report, writer);
        return writer.ToString();
    }

    private static string[] Lines(string markdown) => markdown.Split('\n');

    /// <summary>The lines after <paramref name="heading"/> and its blank line, up to the next heading of any level.</summary>
    private static string[] Section(string markdown, string heading)
    {
        var lines = Lines(markdown);
        var start = Array.IndexOf(lines, heading);
        Assert.True(start >= 0, $"heading '{heading}' not found");
        return lines.Skip(start + 2).TakeWhile(static l => !l.StartsWith('#')).ToArray();
    }
}
