using Pipeline.Core.Jobs;

namespace Pipeline.Core.Tests.Jobs;

public sealed class JobSpecReaderTests
{
    private static readonly ModelSpec DefaultModel = new("models/m", "cpu", false, 0, 512, 16_384, 128);

    [Fact]
    public void A_full_spec_reads_to_the_records_it_describes()
    {
        var expected = new JobSpec
        {
            Version = 1,
            JobId = "scifact-hybrid.v2",
            Corpus = new CorpusSpec("data/corpus.jsonl.gz", "jsonl", "doc", "headline", "body"),
            Queries = new InputSpec("data/queries.test.tsv", "tsv"),
            Qrels = new InputSpec("az://beir/scifact/qrels.test.txt", "trec"),
            Sharding = new ShardingSpec(Shards: 7, ShardDocs: null),
            FirstStage = new FirstStageSpec(
                new Bm25Spec(500, 1.2, 0.75, "plain", ["text"]),
                new DenseSpec(new ModelSpec("models/bge-small", "cuda:1", true, 4, 256, 32_768, 64,
                    [new("gpu_mem_limit", "8589934592"), new("use_tf32", "0")]), 300, "cls", false),
                new FusionSpec("rrf", 20, "minmax", 0.5, 0.5, 200)),
            Rerank = new RerankSpec(
                new ModelSpec("az://models/minilm-l6", "cpu", false, 0, 512, 16_384, 128),
                "fusion", 150, 32, new PassageSpec(200, 100, "sum", 4), ScoresAreMeaningless: true),
            Evaluation = new EvaluationSpec(
                ["ndcg_cut.10", "recip_rank@10", "P.5,10", "map"], 2, [10, 20, 50, 100], "bm25",
                new SignificanceSpec("randomization", 0.01, 5000, 7)),
            Execution = new ExecutionSpec(25),
        };

        var spec = JobSpecReader.Read(JobSpecs.Full, "job.json");

        Assert.Equal(expected, spec);
    }

    [Fact]
    public void A_depth_sweep_is_sorted_and_deduplicated()
    {
        var spec = JobSpecReader.Read(JobSpecs.Full);

        Assert.Equal([10, 20, 50, 100], spec.Evaluation.DepthSweep);
    }

    [Fact]
    public void A_full_spec_names_every_run_it_writes_in_report_order()
    {
        var spec = JobSpecReader.Read(JobSpecs.Full);

        Assert.Equal(["bm25", "dense", "fusion"], spec.FirstStage.RunNames);
        Assert.Equal(
            ["bm25", "dense", "fusion", "rerank", "rerank@10", "rerank@20", "rerank@50", "rerank@100"],
            JobSpecReader.RunNames(spec.FirstStage, spec.Rerank, spec.Evaluation.DepthSweep));
    }

    [Fact]
    public void A_minimal_spec_gets_every_documented_default()
    {
        var expected = new JobSpec
        {
            Version = 1,
            JobId = "minimal",
            Corpus = new CorpusSpec("corpus.jsonl", "auto", null, "title", "text"),
            Queries = new InputSpec("queries.tsv", "auto"),
            Qrels = null,
            Sharding = new ShardingSpec(Shards: null, ShardDocs: 100_000),
            FirstStage = new FirstStageSpec(new Bm25Spec(1000, 0.9, 0.4, "english", ["title", "text"]), null, null),
            Rerank = null,
            Evaluation = new EvaluationSpec(["ndcg_cut.10", "recip_rank@10", "recall.100", "map"], 1, [], null,
                new SignificanceSpec("t-test", 0.05, 10_000, 42)),
            Execution = new ExecutionSpec(100),
        };

        var spec = JobSpecReader.Read(JobSpecs.Minimal);

        Assert.Equal(expected, spec);
        Assert.Equal(["bm25"], JobSpecReader.RunNames(spec.FirstStage, spec.Rerank, spec.Evaluation.DepthSweep));
    }

    [Fact]
    public void Empty_sections_get_every_documented_default()
    {
        var json = JobSpecs.Edit(JobSpecs.Minimal,
            "qrels={\"location\":\"qrels.txt\"}",
            "sharding={}",
            "firstStage.dense={\"model\":{\"location\":\"models/m\"}}",
            "firstStage.fusion={}",
            "rerank={\"model\":{\"location\":\"models/m\"},\"passages\":{\"length\":255}}",
            "evaluation={\"significance\":{}}",
            "execution={}");

        var spec = JobSpecReader.Read(json);

        Assert.Equal(new InputSpec("qrels.txt", "trec"), spec.Qrels);
        Assert.Equal(new ShardingSpec(null, 100_000), spec.Sharding);
        Assert.Equal(new DenseSpec(DefaultModel, 1000, "mean", true), spec.FirstStage.Dense);
        Assert.Equal(new FusionSpec("rrf", 60, "minmax", 0.5, 0.5, 1000), spec.FirstStage.Fusion);
        Assert.Equal(new RerankSpec(DefaultModel, "fusion", 100, 64, new PassageSpec(255, 127, "max", 16), false), spec.Rerank);
        Assert.Equal(new EvaluationSpec(["ndcg_cut.10", "recip_rank@10", "recall.100", "map"], 1, [], null,
            new SignificanceSpec("t-test", 0.05, 10_000, 42)), spec.Evaluation);
        Assert.Equal(new ExecutionSpec(100), spec.Execution);
    }

    [Fact]
    public void Documents_per_shard_are_kept_when_given_instead_of_a_shard_count()
    {
        var spec = JobSpecReader.Read(JobSpecs.Edit(JobSpecs.Minimal, "sharding={\"shardDocs\":5000}"));

        Assert.Equal(new ShardingSpec(null, 5000), spec.Sharding);
    }

    [Fact]
    public void Weighted_fusion_keeps_its_normalization_and_weights()
    {
        var spec = JobSpecReader.Read(JobSpecs.Edit(JobSpecs.Full,
            "firstStage.fusion={\"method\":\"weighted\",\"normalization\":\"zscore\",\"bm25Weight\":0.3,\"denseWeight\":1.7,\"k\":100}"));

        Assert.Equal(new FusionSpec("weighted", 60, "zscore", 0.3, 1.7, 100), spec.FirstStage.Fusion);
    }

    [Theory]
    [InlineData("fusion", "firstStage.dense={\"model\":{\"location\":\"m\"}}", "firstStage.fusion={}")]
    [InlineData("dense", "firstStage.bm25=", "firstStage.dense={\"model\":{\"location\":\"m\"}}")]
    [InlineData("bm25", "firstStage.dense={\"model\":{\"location\":\"m\"}}")]
    [InlineData("bm25")]
    public void The_reranked_run_defaults_to_fusion_else_the_only_first_stage_else_bm25(string expected, params string[] edits)
    {
        var json = JobSpecs.Edit(JobSpecs.Minimal, [.. edits, "rerank={\"model\":{\"location\":\"m\"}}"]);

        Assert.Equal(expected, JobSpecReader.Read(json).Rerank!.Input);
    }

    [Fact]
    public void The_rerank_depth_defaults_to_the_deepest_depth_of_the_sweep()
    {
        var json = JobSpecs.Edit(JobSpecs.Full, "rerank.depth=", "evaluation.depthSweep=[20,200,50]");

        Assert.Equal(200, JobSpecReader.Read(json).Rerank!.Depth);
    }

    [Fact]
    public void A_null_field_or_section_reads_as_absent()
    {
        var json = JobSpecs.Edit(JobSpecs.Minimal, "qrels=null", "rerank=null", "sharding=null", "corpus.format=null", "firstStage.dense=null");

        Assert.Equal(JobSpecReader.Read(JobSpecs.Minimal), JobSpecReader.Read(json));
    }

    [Fact]
    public void Comments_and_trailing_commas_are_accepted()
    {
        const string json =
            """
            // a job with notes
            {
              "version": 1,
              "jobId": "minimal", /* the id */
              "corpus": { "location": "corpus.jsonl", },
              "queries": { "location": "queries.tsv" },
              "firstStage": { "bm25": {} },
            }
            """;

        Assert.Equal(JobSpecReader.Read(JobSpecs.Minimal), JobSpecReader.Read(json));
    }
}
