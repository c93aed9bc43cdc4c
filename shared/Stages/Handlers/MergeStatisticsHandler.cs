using Pipeline.Core.Tasks;
using Pipeline.Retrieval;
using Pipeline.Retrieval.Storage;

namespace Pipeline.Stages.Handlers;

/// <summary>
/// Merge the shards' BM25 statistics (document count, total length, document frequencies; from each shard's small
/// statistics file, not its index) into the global statistics every shard is scored with. Nothing to do without BM25.
/// </summary>
internal sealed class MergeStatisticsHandler : IStageHandler
{
    public async Task ExecuteAsync(JobContext job, StageTask task, CancellationToken cancellationToken)
    {
        if (job.Spec.FirstStage.Bm25 is not { } bm25)
        {
            return;
        }
        // Each shard's statistics file (written by IndexShard), never its index: this stage's memory does not grow
        // with the corpus beyond the vocabulary.
        var shards = new List<ShardStatistics>(job.Shards);
        for (var s = 0; s < job.Shards; s++)
        {
            var path = await job.Environment.Files.LocalPathAsync(job.Layout.Bm25ShardStatistics(s), cancellationToken).ConfigureAwait(false);
            var (shard, _, _) = StatisticsFile.Read(path);
            shards.Add(new ShardStatistics(shard.DocCount, shard.TotalLength,
                shard.DocFrequencies.ToDictionary(p => p.Key, p => checked((int)p.Value), StringComparer.Ordinal)));
        }
        var statistics = CollectionStatistics.Merge(shards);
        var local = job.Environment.Files.NewLocalPath(StatisticsFile.FileName);
        StatisticsFile.Write(statistics, bm25.Analyzer, job.Shards, local);
        await job.Environment.Files.UploadFileAsync(job.Layout.Bm25Statistics, local, cancellationToken).ConfigureAwait(false);
    }
}
