using System.Text.RegularExpressions;
using Pipeline.Core.Jobs;

namespace Pipeline.Core.Tests.Jobs;

/// <summary>docs/job-spec.md stays true to the code: its examples read, and the normalized JSON it shows is the writer's.</summary>
public sealed partial class JobSpecDocsTests
{
    private static readonly string Docs = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "docs", "job-spec.md")).ReplaceLineEndings("\n");

    /// <summary>The page's ```json blocks, in order: the full example, the minimal example, the minimal example's job.json.</summary>
    private static IReadOnlyList<string> JsonBlocks => [.. JsonBlock().Matches(Docs).Select(m => m.Groups[1].Value)];

    [Fact]
    public void The_docs_hold_a_full_example_a_minimal_example_and_its_normalized_form()
    {
        Assert.Equal(3, JsonBlocks.Count);
    }

    [Fact]
    public void The_full_example_reads_and_writes_every_documented_run()
    {
        var spec = JobSpecReader.Read(JsonBlocks[0], "docs/job-spec.md (full example)");

        Assert.Equal(
            ["bm25", "dense", "fusion", "rerank", "rerank@10", "rerank@20", "rerank@50", "rerank@100"],
            JobSpecReader.RunNames(spec.FirstStage, spec.Rerank, spec.Evaluation.DepthSweep));
        Assert.Equal(100, spec.Rerank!.Depth);
    }

    [Fact]
    public void The_minimal_example_reads_with_defaults_only()
    {
        var spec = JobSpecReader.Read(JsonBlocks[1], "docs/job-spec.md (minimal example)");

        Assert.Equal(["bm25"], spec.FirstStage.RunNames);
        Assert.Equal(new Bm25Spec(), spec.FirstStage.Bm25);
    }

    [Fact]
    public void The_normalized_json_shown_is_the_writers_output_for_the_minimal_example()
    {
        var spec = JobSpecReader.Read(JsonBlocks[1]);

        Assert.Equal(JsonBlocks[2], JobSpecWriter.ToJsonText(spec));
    }

    [Fact]
    public void The_error_shown_is_the_readers_for_the_full_example_with_those_mistakes()
    {
        var shown = ErrorBlock().Match(Docs).Groups[1].Value.Replace("\n  ", "\n", StringComparison.Ordinal).TrimEnd('\n');
        var json = JobSpecs.Edit(JsonBlocks[0], "corpus.location=", "corpus.locaton=\"corpus.jsonl.gz\"", "rerank.depth=50");

        var exception = Assert.Throws<JobSpecException>(() => JobSpecReader.Read(json, "jobs/nightly.json"));

        Assert.Equal(shown, exception.Message.ReplaceLineEndings("\n"));
    }

    [GeneratedRegex("^  ```text\n  (jobs/nightly\\.json: .*?\n)  ```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex ErrorBlock();

    [GeneratedRegex("^```json\\n(.*?\\n)```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
