using Pipeline.Core.Jobs;
using Pipeline.Core.Tasks;
using Pipeline.Formats.Trec;
using Pipeline.Reranking.Runs;

namespace Pipeline.Stages.Handlers;

/// <summary>
/// Rerank one query block: the top-depth candidates of the configured first-stage run, rescored by the cross-encoder
/// (texts from Merge). Batches are formed within the block only, so a block's scores do not depend on the shard or
/// worker count.
/// </summary>
internal sealed class RerankHandler : IStageHandler
{
    public async Task ExecuteAsync(JobContext job, StageTask task, CancellationToken cancellationToken)
    {
        var rerank = job.Spec.Rerank!;
        var block = task.Block!.Value;
        var queries = await StageData.BlockAsync(job, block, cancellationToken).ConfigureAwait(false);
        var firstStage = await StageData.RunAsync(job, job.Layout.BlockRun(rerank.Input, block), cancellationToken).ConfigureAwait(false);
        var texts = await StageData.TextsAsync(job, block, cancellationToken).ConfigureAwait(false);
        var encoder = await StageData.CrossEncoderAsync(job, cancellationToken).ConfigureAwait(false);
        var candidates = RunReranker.Candidates(firstStage, rerank.Depth);
        var queryTexts = queries.ToDictionary(q => q.QueryId, q => q.Text, StringComparer.Ordinal);
        var reranked = await Task.Run(() => RunReranker.Rerank(encoder, candidates, queryTexts, texts, RunName.Rerank,
            cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        await StageData.WriteRunAsync(job, job.Layout.RerankedBlock(block), RunName.Rerank,
            queries.Where(q => reranked.ForQuery(q.QueryId) is not null)
                .Select(q => (q.QueryId, (IEnumerable<ScoredDoc>)reranked.ForQuery(q.QueryId)!)), cancellationToken).ConfigureAwait(false);
    }
}
