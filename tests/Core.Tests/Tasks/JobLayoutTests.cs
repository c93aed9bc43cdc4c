using Pipeline.Core.Tasks;

namespace Pipeline.Core.Tests.Tasks;

public sealed class JobLayoutTests
{
    [Fact]
    public void Every_blob_of_a_job_lives_under_its_id()
    {
        var layout = new JobLayout("scifact-bm25");

        Assert.Equal(
            [
                "scifact-bm25",
                "scifact-bm25/",
                "scifact-bm25/job.json",
                "scifact-bm25/status.json",
                "scifact-bm25/manifest.json",
                "scifact-bm25/metrics.json",
                "scifact-bm25/report.md",
                "scifact-bm25/report.html",
                "scifact-bm25/runs/bm25.trec",
                "scifact-bm25/runs/rerank@20.trec",
                "scifact-bm25/work/plan.json",
                "scifact-bm25/work/queries.jsonl",
                "scifact-bm25/work/qrels.txt",
                "scifact-bm25/work/corpus/",
                "scifact-bm25/work/corpus/shard-00003.parquet",
                "scifact-bm25/work/corpus/manifest.json",
                "scifact-bm25/work/index/shard-00003.bm25",
                "scifact-bm25/work/index/shard-00003.stats.bm25",
                "scifact-bm25/work/index/shard-00003.emb.parquet",
                "scifact-bm25/work/index/statistics.bm25",
                "scifact-bm25/work/retrieve/dense/block-00012/shard-00003.trec",
                "scifact-bm25/work/merge/fusion/block-00012.trec",
                "scifact-bm25/work/merge/texts/block-00012.jsonl",
                "scifact-bm25/work/rerank/block-00012.trec",
                "scifact-bm25/work/done/retrieve-block/",
                "scifact-bm25/work/done/retrieve-block/shard-00003-block-00012.json",
                "scifact-bm25/work/done/prepare-job/job.json",
                "scifact-bm25/work/advance/index-shard/all",
                "scifact-bm25/work/failed.json",
            ],
            [
                layout.JobId,
                layout.Root,
                layout.JobSpec,
                layout.Status,
                layout.Manifest,
                layout.Metrics,
                layout.ReportMarkdown,
                layout.ReportHtml,
                layout.Run("bm25"),
                layout.Run("rerank@20"),
                layout.Plan,
                layout.Queries,
                layout.Qrels,
                layout.CorpusShards,
                layout.CorpusShard(3),
                layout.CorpusManifest,
                layout.Bm25Shard(3),
                layout.Bm25ShardStatistics(3),
                layout.Embeddings(3),
                layout.Bm25Statistics,
                layout.ShardCandidates("dense", 12, 3),
                layout.BlockRun("fusion", 12),
                layout.BlockTexts(12),
                layout.RerankedBlock(12),
                layout.DonePrefix(Stage.Retrieve),
                layout.Done(new StageTask("scifact-bm25", Stage.Retrieve, 3, 12)),
                layout.Done(new StageTask("scifact-bm25", Stage.Prepare)),
                layout.Advance(Stage.Index, "all"),
                layout.Failed,
            ]);
    }

    [Fact]
    public void Shard_and_block_numbers_are_zero_padded_so_names_sort_in_order()
    {
        var layout = new JobLayout("j");
        string[] names = [layout.CorpusShard(0), layout.CorpusShard(9), layout.CorpusShard(10), layout.CorpusShard(12_345)];

        Assert.Equal(names, names.Order(StringComparer.Ordinal));
        Assert.Equal("j/work/corpus/shard-12345.parquet", names[^1]);
    }

    [Theory]
    [InlineData("", "job id '' must be 1–64 characters long, got 0")]
    [InlineData("../x", "job id '../x' must start with a letter or a digit")]
    [InlineData("a/b", "job id 'a/b' may hold only letters, digits, '.', '_' and '-', not '/'")]
    [InlineData("a..b", "job id 'a..b' may not contain '..'")]
    [InlineData(".x", "job id '.x' must start with a letter or a digit")]
    [InlineData("a%2fb", "job id 'a%2fb' may hold only letters, digits, '.', '_' and '-', not '%'")]
    public void A_job_id_that_is_not_a_safe_name_is_rejected(string jobId, string message)
    {
        var exception = Assert.Throws<ArgumentException>(() => new JobLayout(jobId));

        Assert.Equal("jobId", exception.ParamName);
        Assert.Equal($"{message} (Parameter 'jobId')", exception.Message);
    }
}
