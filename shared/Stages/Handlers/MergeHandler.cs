using System.Text;
using System.Text.Json;
using Pipeline.Core.Jobs;
using Pipeline.Core.Tasks;
using Pipeline.DuckDb;
using Pipeline.Formats.Trec;
using Pipeline.Reranking.Runs;
using Pipeline.Retrieval.Bm25;
using Pipeline.Retrieval.Fusion;
using Pipeline.Sharding;

namespace Pipeline.Stages.Handlers;

/// <summary>
/// Merge one query block: each first stage's per-shard lists into its global top-k (score, then doc id — the same
/// as one unsharded index), the fusion, and — with a reranker — the texts of the candidates it will rescore, read
/// from the shards that hold them.
/// </summary>
internal sealed class MergeHandler : IStageHandler
{
    public async Task ExecuteAsync(JobContext job, StageTask task, CancellationToken cancellationToken)
    {
        var block = task.Block!.Value;
        var queries = await StageData.BlockAsync(job, block, cancellationToken).ConfigureAwait(false);
        var firstStage = job.Spec.FirstStage;
        var merged = new Dictionary<string, Dictionary<string, IReadOnlyList<ScoredDoc>>>(StringComparer.Ordinal);
        var shardOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (run, k) in new[] { (RunName.Bm25, firstStage.Bm25?.K), (RunName.Dense, firstStage.Dense?.K) })
        {
            if (k is null)
            {
                continue;
            }
            var hits = queries.ToDictionary(q => q.QueryId, _ => new List<ScoredDoc>(), StringComparer.Ordinal);
            for (var s = 0; s < job.Shards; s++)
            {
                var shardRun = await StageData.RunAsync(job, job.Layout.ShardCandidates(run, block, s), cancellationToken).ConfigureAwait(false);
                foreach (var query in queries)
                {
                    if (shardRun.ForQuery(query.QueryId) is { } docs)
                    {
                        hits[query.QueryId].AddRange(docs);
                        if (job.Spec.Rerank is null)
                        {
                            continue;
                        }
                        foreach (var doc in docs)
                        {
                            shardOf[doc.DocId] = s;
                        }
                    }
                }
            }
            merged[run] = queries.ToDictionary(q => q.QueryId, q => Bm25Searcher.Merge(hits[q.QueryId], k.Value), StringComparer.Ordinal);
        }
        if (firstStage.Fusion is { } fusion)
        {
            var method = fusion.Method == "rrf" ? FusionMethod.ReciprocalRank
                : fusion.Normalization == "zscore" ? FusionMethod.WeightedZScore : FusionMethod.WeightedMinMax;
            merged[RunName.Fusion] = queries.ToDictionary(q => q.QueryId,
                q => RunFusion.Fuse([merged[RunName.Bm25][q.QueryId], merged[RunName.Dense][q.QueryId]], method, fusion.K, fusion.RrfK,
                    method == FusionMethod.ReciprocalRank ? null : [fusion.Bm25Weight, fusion.DenseWeight]),
                StringComparer.Ordinal);
        }
        foreach (var (run, lists) in merged)
        {
            await StageData.WriteRunAsync(job, job.Layout.BlockRun(run, block), run,
                queries.Select(q => (q.QueryId, (IEnumerable<ScoredDoc>)lists[q.QueryId])), cancellationToken).ConfigureAwait(false);
        }
        if (job.Spec.Rerank is { } rerank)
        {
            var needed = queries.SelectMany(q => merged[rerank.Input][q.QueryId].Take(rerank.Depth)).Select(d => d.DocId)
                .ToHashSet(StringComparer.Ordinal);
            await WriteTextsAsync(job, block, needed, shardOf, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteTextsAsync(JobContext job, int block, HashSet<string> needed, Dictionary<string, int> shardOf,
        CancellationToken cancellationToken)
    {
        var texts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var byShard = needed.GroupBy(id => shardOf[id]).OrderBy(g => g.Key);
        var paths = new Dictionary<int, string>();
        foreach (var group in byShard)
        {
            paths[group.Key] = await job.Environment.Files.LocalPathAsync(job.Layout.CorpusShard(group.Key), cancellationToken).ConfigureAwait(false);
        }
        await Task.Run(() =>
        {
            using var database = DuckDbDatabase.OpenInMemory(new DuckDbSettings { Threads = 1 });
            using var connection = database.Connect();
            foreach (var group in byShard)
            {
                foreach (var document in ShardReader.ReadDocuments(connection, paths[group.Key], group.ToList()))
                {
                    texts[document.DocId] = RunReranker.DocumentText(document);
                }
            }
        }, cancellationToken).ConfigureAwait(false);
        var missing = needed.Where(id => !texts.ContainsKey(id)).Take(5).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"candidate documents not found in their shards: {string.Join(", ", missing)}");
        }
        var local = job.Environment.Files.NewLocalPath("texts.jsonl");
        await using (var writer = new StreamWriter(local, false, new UTF8Encoding(false)))
        {
            foreach (var (id, text) in texts)
            {
                await writer.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["id"] = id, ["text"] = text })).ConfigureAwait(false);
                await writer.WriteAsync('\n').ConfigureAwait(false);
            }
        }
        await job.Environment.Files.UploadFileAsync(job.Layout.BlockTexts(block), local, cancellationToken).ConfigureAwait(false);
    }
}
