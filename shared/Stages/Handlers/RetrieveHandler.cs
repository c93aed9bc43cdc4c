using Pipeline.Core.Jobs;
using Pipeline.Core.Tasks;
using Pipeline.Formats.Trec;
using Pipeline.Reranking.Dense;
using Pipeline.Retrieval.Bm25;
using Pipeline.Retrieval.Storage;
using Pipeline.Text;

namespace Pipeline.Stages.Handlers;

/// <summary>
/// Retrieve one query block from one shard: BM25 top-k scored with the global statistics, and/or exact dense top-k;
/// one run file per first stage, queries in block order.
/// </summary>
internal sealed class RetrieveHandler : IStageHandler
{
    public async Task ExecuteAsync(JobContext job, StageTask task, CancellationToken cancellationToken)
    {
        var shard = task.Shard!.Value;
        var block = task.Block!.Value;
        var queries = await StageData.BlockAsync(job, block, cancellationToken).ConfigureAwait(false);
        if (job.Spec.FirstStage.Bm25 is { } bm25)
        {
            var indexPath = await job.Environment.Files.LocalPathAsync(job.Layout.Bm25Shard(shard), cancellationToken).ConfigureAwait(false);
            var statistics = await StageData.StatisticsAsync(job, cancellationToken).ConfigureAwait(false);
            // One shard's index at a time per task; the process keeps the few most recently used (ResourceCache.ShardCapacity).
            var searcher = job.Environment.Resources.GetOrCreateShard("bm25-searcher", job.CacheKey($"bm25-searcher/{shard}"),
                () => new ShardSearcher(ShardIndexFile.Read(indexPath), statistics, StageData.Bm25Parameters(bm25)));
            var analyzer = Analyzer.FromName(bm25.Analyzer);
            var results = new IReadOnlyList<ScoredDoc>[queries.Count];
            Parallel.For(0, queries.Count, new ParallelOptions { CancellationToken = cancellationToken },
                i => results[i] = searcher.Search(QueryTerms.Analyze(analyzer, queries[i].Text), bm25.K));
            await StageData.WriteRunAsync(job, job.Layout.ShardCandidates(RunName.Bm25, block, shard), RunName.Bm25,
                queries.Select((q, i) => (q.QueryId, (IEnumerable<ScoredDoc>)results[i])), cancellationToken).ConfigureAwait(false);
        }
        if (job.Spec.FirstStage.Dense is { } dense)
        {
            var encoder = await StageData.BiEncoderAsync(job, cancellationToken).ConfigureAwait(false);
            var embeddingsPath = await job.Environment.Files.LocalPathAsync(job.Layout.Embeddings(shard), cancellationToken).ConfigureAwait(false);
            var embeddings = job.Environment.Resources.GetOrCreateShard("embeddings", job.CacheKey($"embeddings/{shard}"),
                () => new Embeddings(EmbeddingParquet.Read(embeddingsPath)));
            var vectors = job.Environment.Resources.GetOrCreate(job.CacheKey($"query-embeddings/{block}"),
                () => new QueryVectors(encoder.Embed([.. queries.Select(q => q.Text)], cancellationToken)));
            var results = new IEnumerable<ScoredDoc>[queries.Count];
            for (var i = 0; i < queries.Count; i++)
            {
                results[i] = embeddings.DocIds.Count == 0
                    ? []
                    : ExactSearch.TopK(vectors.Vectors[i], embeddings.Matrix, embeddings.DocIds, embeddings.Dimension, dense.K)
                        .Select(h => new ScoredDoc(h.DocId, h.Score)).ToList();
            }
            await StageData.WriteRunAsync(job, job.Layout.ShardCandidates(RunName.Dense, block, shard), RunName.Dense,
                queries.Select((q, i) => (q.QueryId, results[i])), cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed class Embeddings((List<string> DocIds, float[] Matrix, int Dimension) read)
    {
        public List<string> DocIds { get; } = read.DocIds;

        public float[] Matrix { get; } = read.Matrix;

        public int Dimension { get; } = read.Dimension;
    }

    private sealed class QueryVectors(float[][] vectors)
    {
        public float[][] Vectors { get; } = vectors;
    }
}
