using System.Globalization;
using Pipeline.Core.Jobs;

namespace Pipeline.Core.Tasks;

/// <summary>
/// The blob names of one job, relative to the store: results at the top of <c>{jobId}/</c>, intermediate data under
/// <c>{jobId}/work/</c>. Every name derives only from the job id, the stage and the unit, so a repeated task
/// overwrites its own outputs and nothing else.
/// </summary>
public sealed class JobLayout
{
    /// <summary>The layout of job <paramref name="jobId"/> (validated by <see cref="SafeNames.JobIdProblem"/>).</summary>
    /// <exception cref="ArgumentException">The job id is not a safe name.</exception>
    public JobLayout(string jobId)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        if (SafeNames.JobIdProblem(jobId) is { } problem)
        {
            throw new ArgumentException($"job id '{jobId}' {problem}", nameof(jobId));
        }
        JobId = jobId;
        Root = jobId + "/";
    }

    /// <summary>The job id.</summary>
    public string JobId { get; }

    /// <summary>The prefix of every blob of the job: <c>{jobId}/</c>.</summary>
    public string Root { get; }

    /// <summary>The normalized job spec, written once.</summary>
    public string JobSpec => Root + "job.json";

    /// <summary>Progress for people: state, per-stage counts and timings, errors.</summary>
    public string Status => Root + "status.json";

    /// <summary>Versions, checksums and statistics of what produced the results.</summary>
    public string Manifest => Root + "manifest.json";

    /// <summary>Every measure of every run, summary and per query.</summary>
    public string Metrics => Root + "metrics.json";

    /// <summary>Paired tests of every run against the baseline (<c>pipeline compare</c>'s JSON); written when a job has two runs or more.</summary>
    public string Comparison => Root + "comparison.json";

    /// <summary>The report in Markdown.</summary>
    public string ReportMarkdown => Root + "report.md";

    /// <summary>The report in HTML.</summary>
    public string ReportHtml => Root + "report.html";

    /// <summary>A final run.</summary>
    public string Run(string name) => $"{Root}runs/{name}.trec";

    /// <summary>Query count, blocks and inputs' checksums, written by Prepare.</summary>
    public string Plan => Root + "work/plan.json";

    /// <summary>The queries, normalized to JSON lines (<c>_id</c>, <c>text</c>) in input order.</summary>
    public string Queries => Root + "work/queries.jsonl";

    /// <summary>A copy of the qrels.</summary>
    public string Qrels => Root + "work/qrels.txt";

    /// <summary>The folder of the Parquet shards and their manifest.</summary>
    public string CorpusShards => Root + "work/corpus/";

    /// <summary>A Parquet shard.</summary>
    public string CorpusShard(int shard) => CorpusShards + Number("shard", shard) + ".parquet";

    /// <summary>The shards' manifest (<c>pipeline shard</c>'s format).</summary>
    public string CorpusManifest => CorpusShards + "manifest.json";

    /// <summary>A shard's BM25 index.</summary>
    public string Bm25Shard(int shard) => $"{Root}work/index/{Number("shard", shard)}.bm25";

    /// <summary>A shard's BM25 statistics alone (document count, total length, document frequencies), for MergeStatistics.</summary>
    public string Bm25ShardStatistics(int shard) => $"{Root}work/index/{Number("shard", shard)}.stats.bm25";

    /// <summary>A shard's document embeddings.</summary>
    public string Embeddings(int shard) => $"{Root}work/index/{Number("shard", shard)}.emb.parquet";

    /// <summary>The merged BM25 statistics.</summary>
    public string Bm25Statistics => Root + "work/index/statistics.bm25";

    /// <summary>One shard's top-k of one query block for one first-stage run.</summary>
    public string ShardCandidates(string run, int block, int shard) => $"{Root}work/retrieve/{run}/{Number("block", block)}/{Number("shard", shard)}.trec";

    /// <summary>One block of a merged first-stage run.</summary>
    public string BlockRun(string run, int block) => $"{Root}work/merge/{run}/{Number("block", block)}.trec";

    /// <summary>The texts of one block's candidates to rerank (JSON lines: id, text).</summary>
    public string BlockTexts(int block) => $"{Root}work/merge/texts/{Number("block", block)}.jsonl";

    /// <summary>One block of the reranked run.</summary>
    public string RerankedBlock(int block) => $"{Root}work/rerank/{Number("block", block)}.trec";

    /// <summary>The prefix of a stage's completion markers.</summary>
    public string DonePrefix(Stage stage) => $"{Root}work/done/{StageNames.Queue(stage)}/";

    /// <summary>The completion marker of a task, created once after its outputs are written.</summary>
    public string Done(StageTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return DonePrefix(task.Stage) + task.Unit + ".json";
    }

    /// <summary>The claim that advances the job past <paramref name="stage"/> for <paramref name="group"/>, created by exactly one task.</summary>
    public string Advance(Stage stage, string group) => $"{Root}work/advance/{StageNames.Queue(stage)}/{group}";

    /// <summary>Written when the job fails permanently; its presence stops every further task.</summary>
    public string Failed => Root + "work/failed.json";

    private static string Number(string kind, int value) => string.Create(CultureInfo.InvariantCulture, $"{kind}-{value:D5}");
}
