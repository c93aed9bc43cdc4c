using Pipeline.Core.Jobs;

namespace Pipeline.Core.Tests.Jobs;

/// <summary>Each rule of the reader, broken once in an otherwise valid full spec, gives one problem at its JSON path.</summary>
public sealed class JobSpecValidationTests
{
    [Theory]
    // the document
    [InlineData("$.version", "version=2")]
    [InlineData("$.version", "version=")]
    [InlineData("$.version", "version=\"1\"")]
    [InlineData("$.version", "version=1.5")]
    [InlineData("$.version", "version=-1")]
    [InlineData("$.jobId", "jobId=")]
    [InlineData("$.jobId", "jobId=42")]
    [InlineData("$.jobId", "jobId=\"a/b\"")]
    [InlineData("$.corpus", "corpus=")]
    [InlineData("$.corpus", "corpus=\"data/corpus.jsonl\"")]
    [InlineData("$.queries", "queries=")]
    [InlineData("$.queries", "queries=[]")]
    [InlineData("$.firstStage", "firstStage=")]
    [InlineData("$.extra", "extra=true")]
    // inputs
    [InlineData("$.corpus.location", "corpus.location=")]
    [InlineData("$.corpus.location", "corpus.location=\"../corpus.jsonl\"")]
    [InlineData("$.corpus.format", "corpus.format=\"csv\"")]
    [InlineData("$.corpus.format", "corpus.format=1")]
    [InlineData("$.corpus.idField", "corpus.idField=7")]
    [InlineData("$.corpus.idField", "corpus.idField=\"\"")]
    [InlineData("$.corpus.idField", "corpus.idField=\"body\"")]
    [InlineData("$.corpus.titleField", "corpus.titleField=\"\"")]
    [InlineData("$.corpus.textField", "corpus.textField=\"\"")]
    [InlineData("$.corpus.textField", "corpus.textField=\"headline\"")]
    [InlineData("$.corpus.locaton", "corpus.locaton=\"data/corpus.jsonl\"")]
    [InlineData("$.queries.location", "queries.location=\"/etc/passwd\"")]
    [InlineData("$.queries.format", "queries.format=\"parquet\"")]
    [InlineData("$.queries.idField", "queries.idField=\"qid\"")]
    [InlineData("$.qrels.location", "qrels.location=\"https://evil.example/qrels.txt\"")]
    [InlineData("$.qrels.format", "qrels.format=\"tsv\"")]
    // sharding
    [InlineData("$.sharding.shards", "sharding.shards=0")]
    [InlineData("$.sharding.shards", "sharding.shards=4097")]
    [InlineData("$.sharding.shards", "sharding.shardDocs=1000")]
    [InlineData("$.sharding.shardDocs", "sharding.shards=", "sharding.shardDocs=0")]
    [InlineData("$.sharding.count", "sharding.count=3")]
    // BM25
    [InlineData("$.firstStage.bm25.k", "firstStage.bm25.k=0")]
    [InlineData("$.firstStage.bm25.k", "firstStage.bm25.k=10001")]
    [InlineData("$.firstStage.bm25.k", "firstStage.bm25.k=\"1000\"")]
    [InlineData("$.firstStage.bm25.k1", "firstStage.bm25.k1=-0.1")]
    [InlineData("$.firstStage.bm25.k1", "firstStage.bm25.k1=100.5")]
    [InlineData("$.firstStage.bm25.b", "firstStage.bm25.b=1.5")]
    [InlineData("$.firstStage.bm25.analyzer", "firstStage.bm25.analyzer=\"porter\"")]
    [InlineData("$.firstStage.bm25.fields", "firstStage.bm25.fields=[]")]
    [InlineData("$.firstStage.bm25.fields", "firstStage.bm25.fields=[\"title\",\"abstract\"]")]
    [InlineData("$.firstStage.bm25.fields", "firstStage.bm25.fields=[\"text\",\"text\"]")]
    [InlineData("$.firstStage.bm25.fields", "firstStage.bm25.fields=\"text\"")]
    [InlineData("$.firstStage.bm25.fields[1]", "firstStage.bm25.fields=[\"text\",3]")]
    [InlineData("$.firstStage.bm25.k3", "firstStage.bm25.k3=1.2")]
    // dense and its model
    [InlineData("$.firstStage.dense.model", "firstStage.dense.model=")]
    [InlineData("$.firstStage.dense.k", "firstStage.dense.k=0")]
    [InlineData("$.firstStage.dense.pooling", "firstStage.dense.pooling=\"max\"")]
    [InlineData("$.firstStage.dense.normalize", "firstStage.dense.normalize=\"yes\"")]
    [InlineData("$.firstStage.dense.model.location", "firstStage.dense.model.location=")]
    [InlineData("$.firstStage.dense.model.location", "firstStage.dense.model.location=\"models\\\\bge\"")]
    [InlineData("$.firstStage.dense.model.device", "firstStage.dense.model.device=\"gpu\"")]
    [InlineData("$.firstStage.dense.model.device", "firstStage.dense.model.device=\"cuda:123\"")]
    [InlineData("$.firstStage.dense.model.requireDevice", "firstStage.dense.model.requireDevice=1")]
    [InlineData("$.firstStage.dense.model.threads", "firstStage.dense.model.threads=-1")]
    [InlineData("$.firstStage.dense.model.threads", "firstStage.dense.model.threads=1025")]
    [InlineData("$.firstStage.dense.model.maxLength", "firstStage.dense.model.maxLength=8")]
    [InlineData("$.firstStage.dense.model.maxLength", "firstStage.dense.model.maxLength=8193")]
    [InlineData("$.firstStage.dense.model.tokenBudget", "firstStage.dense.model.tokenBudget=128")]
    [InlineData("$.firstStage.dense.model.maxBatchSize", "firstStage.dense.model.maxBatchSize=0")]
    [InlineData("$.firstStage.dense.model.gpu", "firstStage.dense.model.gpu=true")]
    [InlineData("$.firstStage.dense.model.cudaOptions", "firstStage.dense.model.cudaOptions=[\"use_tf32=0\"]")]
    [InlineData("$.firstStage.dense.model.cudaOptions.use_tf32", "firstStage.dense.model.cudaOptions={\"use_tf32\":0}")]
    [InlineData("$.firstStage.dense.model.cudaOptions.use_tf32", "firstStage.dense.model.cudaOptions={\"use_tf32\":\"\"}")]
    [InlineData("$.firstStage.dense.model.cudaOptions.device_id", "firstStage.dense.model.cudaOptions={\"device_id\":\"1\"}")]
    [InlineData("$.firstStage.dense.model.cudaOptions.Use-TF32", "firstStage.dense.model.cudaOptions={\"Use-TF32\":\"0\"}")]
    [InlineData("$.firstStage.dense.model.location", "firstStage.dense.model.location=", "firstStage.fusion=", "rerank.input=\"dense\"", "evaluation.baseline=\"dense\"")]
    // fusion
    [InlineData("$.firstStage.fusion", "firstStage.dense=")]
    [InlineData("$.firstStage.fusion.method", "firstStage.fusion.method=\"sum\"")]
    [InlineData("$.firstStage.fusion.method", "firstStage.fusion.bm25Weight=0.3")]
    [InlineData("$.firstStage.fusion.method", "firstStage.fusion.normalization=\"zscore\"")]
    [InlineData("$.firstStage.fusion.rrfK", "firstStage.fusion.method=\"weighted\"")]
    [InlineData("$.firstStage.fusion.rrfK", "firstStage.fusion.rrfK=-1")]
    [InlineData("$.firstStage.fusion.k", "firstStage.fusion.k=10001")]
    [InlineData("$.firstStage.fusion.normalization", "firstStage.fusion={\"method\":\"weighted\",\"normalization\":\"l2\"}")]
    [InlineData("$.firstStage.fusion.bm25Weight", "firstStage.fusion={\"method\":\"weighted\",\"bm25Weight\":-1}")]
    [InlineData("$.firstStage.fusion.denseWeight", "firstStage.fusion={\"method\":\"weighted\",\"denseWeight\":1001}")]
    [InlineData("$.firstStage.fusion.weights", "firstStage.fusion.weights=[1,1]")]
    // rerank
    [InlineData("$.rerank.model", "rerank.model=")]
    [InlineData("$.rerank.model", "rerank.model=", "evaluation.baseline=\"rerank@50\"")]
    [InlineData("$.rerank.model.location", "rerank.model.location=")]
    [InlineData("$.rerank.model.location", "rerank.model.location=\"C:\\\\models\\\\minilm\"")]
    [InlineData("$.rerank.input", "rerank.input=\"splade\"")]
    [InlineData("$.rerank.input", "firstStage.fusion=")]
    [InlineData("$.rerank.depth", "rerank.depth=0")]
    [InlineData("$.rerank.depth", "rerank.depth=10001")]
    [InlineData("$.rerank.depth", "rerank.depth=50")]
    [InlineData("$.rerank.maxQueryTokens", "rerank.maxQueryTokens=0")]
    [InlineData("$.rerank.passages.length", "rerank.passages.length=")]
    [InlineData("$.rerank.passages.length", "rerank.passages.length=8")]
    [InlineData("$.rerank.passages.stride", "rerank.passages.stride=300")]
    [InlineData("$.rerank.passages.stride", "rerank.passages.stride=0")]
    [InlineData("$.rerank.passages.aggregation", "rerank.passages.aggregation=\"mean\"")]
    [InlineData("$.rerank.passages.maxPerDocument", "rerank.passages.maxPerDocument=0")]
    [InlineData("$.rerank.passages.overlap", "rerank.passages.overlap=10")]
    [InlineData("$.rerank.scoresAreMeaningless", "rerank.scoresAreMeaningless=\"no\"")]
    // evaluation
    [InlineData("$.evaluation.measures", "qrels=")]
    [InlineData("$.evaluation.measures", "evaluation.measures=[]")]
    [InlineData("$.evaluation.measures", "evaluation.measures=\"map\"")]
    [InlineData("$.evaluation.measures", "evaluation.measures=[\"map\",\"P.10\",\"map\"]")]
    [InlineData("$.evaluation.measures[2]", "evaluation.measures.2=\"ndcg@@10\"")]
    [InlineData("$.evaluation.measures[2]", "evaluation.measures.2=\"P.5 10\"")]
    [InlineData("$.evaluation.measures[2]", "evaluation.measures.2=\"recip_rank@0\"")]
    [InlineData("$.evaluation.measures[2]", "evaluation.measures.2=\"\"")]
    [InlineData("$.evaluation.depthSweep", "rerank=")]
    [InlineData("$.evaluation.depthSweep", "evaluation.depthSweep=20")]
    [InlineData("$.evaluation.depthSweep[1]", "evaluation.depthSweep.1=0")]
    [InlineData("$.evaluation.depthSweep[1]", "evaluation.depthSweep.1=10001")]
    [InlineData("$.evaluation.depthSweep[1]", "evaluation.depthSweep.1=\"20\"")]
    [InlineData("$.evaluation.relevanceLevel", "evaluation.relevanceLevel=-1")]
    [InlineData("$.evaluation.baseline", "evaluation.baseline=\"bm42\"")]
    [InlineData("$.evaluation.baseline", "evaluation.baseline=\"rerank@30\"")]
    [InlineData("$.evaluation.significance.test", "evaluation.significance.test=\"wilcoxon\"")]
    [InlineData("$.evaluation.significance.level", "evaluation.significance.level=0")]
    [InlineData("$.evaluation.significance.level", "evaluation.significance.level=0.6")]
    [InlineData("$.evaluation.significance.permutations", "evaluation.significance.permutations=0")]
    [InlineData("$.evaluation.significance.seed", "evaluation.significance.seed=-1")]
    [InlineData("$.evaluation.significance.alpha", "evaluation.significance.alpha=0.05")]
    // execution
    [InlineData("$.execution.queryBlockSize", "execution.queryBlockSize=0")]
    [InlineData("$.execution.queryBlockSize", "execution.queryBlockSize=100001")]
    [InlineData("$.execution.workers", "execution.workers=4")]
    public void A_broken_rule_is_reported_once_at_its_json_path(string path, params string[] edits)
    {
        Assert.Equal([path], JobSpecs.Paths(JobSpecs.Edit(JobSpecs.Full, edits)));
    }

    [Fact]
    public void A_job_without_any_first_stage_is_told_what_it_needs()
    {
        var errors = JobSpecs.Errors(JobSpecs.Edit(JobSpecs.Minimal, "firstStage.bm25="));

        Assert.Equal([new JobSpecError("$.firstStage.bm25", "at least one first stage is needed: bm25, dense or both")], errors);
    }

    [Theory]
    [InlineData("version=2", "$.version", "version 2 is not supported (this pipeline reads version 1)")]
    [InlineData("version=", "$.version", "is required (this pipeline reads version 1)")]
    [InlineData("jobId=\"a/b\"", "$.jobId", "may hold only letters, digits, '.', '_' and '-', not '/'")]
    [InlineData("corpus.location=\"a/../../b\"", "$.corpus.location", "may not contain '..' segments (nothing outside the input root can be read)")]
    [InlineData("corpus.locaton=\"x\"", "$.corpus.locaton", "unknown field (check its spelling against docs/job-spec.md)")]
    [InlineData("corpus.textField=\"headline\"", "$.corpus.textField", "must differ from titleField ('headline')")]
    [InlineData("rerank.depth=0", "$.rerank.depth", "must be between 1 and 10,000, got 0")]
    [InlineData("rerank.depth=50", "$.rerank.depth", "must be at least the deepest depth of $.evaluation.depthSweep (100): the sweep cuts one rescoring, got 50")]
    [InlineData("rerank.passages.length=", "$.rerank.passages.length", "is required")]
    [InlineData("firstStage.bm25.b=1.5", "$.firstStage.bm25.b", "must be between 0 and 1, got 1.5")]
    [InlineData("firstStage.bm25.k=\"1000\"", "$.firstStage.bm25.k", "must be a whole number, got a string \"1000\"")]
    [InlineData("firstStage.dense=", "$.firstStage.fusion", "fuses the bm25 and dense runs, so both must be configured")]
    [InlineData("firstStage.fusion=", "$.rerank.input", "names the first-stage run 'fusion', which this job does not produce (it has: bm25, dense)")]
    [InlineData("evaluation.measures.2=\"ndcg@@10\"", "$.evaluation.measures[2]", "'ndcg@@10' is not a trec_eval measure such as 'ndcg_cut.10', 'P.5,10' or 'recip_rank@10'")]
    [InlineData("evaluation.baseline=\"bm42\"", "$.evaluation.baseline", "names no run of this job (it has: bm25, dense, fusion, rerank, rerank@10, rerank@20, rerank@50, rerank@100), got 'bm42'")]
    [InlineData("rerank=", "$.evaluation.depthSweep", "needs $.rerank: the sweep cuts the reranker's rescoring at each depth")]
    [InlineData("qrels=", "$.evaluation.measures", "evaluation needs relevance judgments: add $.qrels or remove $.evaluation")]
    [InlineData("firstStage.fusion.method=\"weighted\"", "$.firstStage.fusion.rrfK", "applies to method 'rrf' only")]
    [InlineData("firstStage.dense.model.tokenBudget=128", "$.firstStage.dense.model.tokenBudget", "must be at least maxLength (256), got 128")]
    public void A_problem_says_what_is_wrong_and_what_is_expected(string edit, string path, string message)
    {
        Assert.Equal([new JobSpecError(path, message)], JobSpecs.Errors(JobSpecs.Edit(JobSpecs.Full, edit)));
    }

    [Fact]
    public void Every_problem_of_a_spec_is_reported_in_one_exception()
    {
        var json = JobSpecs.Edit(JobSpecs.Full,
            "version=2",
            "jobId=\"../x\"",
            "corpus.location=",
            "corpus.locaton=\"data/corpus.jsonl\"",
            "queries.location=\"a%2F..%2Fb\"",
            "firstStage.fusion.method=\"weighted\"",
            "rerank.depth=0",
            "evaluation.measures.2=\"ndcg@@10\"",
            "evaluation.depthSweep.0=0",
            "execution.queryBlockSize=0",
            "extra=true");

        var paths = JobSpecs.Paths(json);

        Assert.Equal(
            [
                "$.version",
                "$.jobId",
                "$.corpus.location",
                "$.corpus.locaton",
                "$.queries.location",
                "$.firstStage.fusion.rrfK",
                "$.evaluation.depthSweep[0]",
                "$.rerank.depth",
                "$.evaluation.measures[2]",
                "$.execution.queryBlockSize",
                "$.extra",
            ],
            paths);
    }

    [Fact]
    public void The_exception_message_names_the_source_and_lists_every_problem()
    {
        var json = JobSpecs.Edit(JobSpecs.Minimal, "version=3", "execution={\"queryBlockSize\":0}");

        var exception = Assert.Throws<JobSpecException>(() => JobSpecReader.Read(json, "jobs/nightly.json"));

        Assert.Equal("jobs/nightly.json", exception.Source);
        Assert.Equal(
            string.Join(Environment.NewLine,
                "jobs/nightly.json: 2 problems",
                "  $.version: version 3 is not supported (this pipeline reads version 1)",
                "  $.execution.queryBlockSize: must be between 1 and 100,000, got 0"),
            exception.Message);
    }
}
