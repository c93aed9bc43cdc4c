using Pipeline.Core.Tasks;
using Pipeline.Retrieval;
using Pipeline.Retrieval.Storage;

namespace Pipeline.Stages.Handlers;

/// <summary>
/// Merge the shards' BM25 statistics (document count, total length, document frequencies) into the global statistics
/// every shard is scored with. Nothing to do without BM25.
/// </summary>
internal sealed class MergeStatisticsHandler : IStageHandler
{
    public async Task ExecuteAsync(JobContext job, StageTask task, CancellationToken cancellationToken)
    {
        if (job.Spec.FirstStage.Bm25 is not { } bm25)
        {
            return;
        }
        var shards = new List<ShardStatistics>(job.Shards);
        for (var s = 0; s < job.Shards; s++)
        {
            shards.Add((await StageData.Bm25ShardAsync(job, s, cancellationToken).ConfigureAwait(false)).Statistics);
        }
        var statistics = CollectionStatistics.Merge(shards);
        var local = job.Environment.Files.NewLocalPath(StatisticsFile.FileName);
        StatisticsFile.Write(statistics, bm25.Analyzer, job.Shards, local);
        await job.Environment.Files.UploadFileAsync(job.Layout.Bm25Statistics, local, cancellationToken).ConfigureAwait(false);
    }
}
