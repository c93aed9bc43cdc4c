using Pipeline.Core.Tasks;
using Pipeline.DuckDb;
using Pipeline.Formats;
using Pipeline.Sharding;

namespace Pipeline.Stages.Handlers;

/// <summary>Split: the corpus into Parquet shards (<c>pipeline shard</c>'s format and manifest), uploaded shards first, manifest last.</summary>
internal sealed class SplitHandler : IStageHandler
{
    public async Task ExecuteAsync(JobContext job, StageTask task, CancellationToken cancellationToken)
    {
        var corpus = job.Spec.Corpus;
        var path = await job.Environment.Inputs.FileAsync(corpus.Location, "$.corpus.location", cancellationToken).ConfigureAwait(false);
        var options = new ShardOptions
        {
            Format = corpus.Format switch
            {
                "jsonl" => ShardInputFormat.Jsonl,
                "tsv" => ShardInputFormat.Tsv,
                "parquet" => ShardInputFormat.Parquet,
                _ => null,
            },
            IdField = corpus.IdField,
            TitleField = corpus.TitleField,
            TextField = corpus.TextField,
            Shards = job.Spec.Sharding.Shards,
            ShardDocs = job.Spec.Sharding.ShardDocs,
            Threads = Math.Clamp(System.Environment.ProcessorCount, 1, 4),
            OnBadRecord = corpus.OnBadRecord == "skip" ? BadRecordPolicy.Skip : BadRecordPolicy.Fail,
        };
        var output = Path.Combine(job.Environment.Files.NewLocalFolder(), "shards");
        ShardResult result;
        try
        {
            result = await Task.Run(() => CorpusSharder.Shard(path, output, options, progress: null, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (InputFormatException e)
        {
            throw new StageInputException($"$.corpus.location: {e.Message}", e);
        }
        catch (DuckDbException e) when (e.IsInputError)
        {
            throw new StageInputException($"$.corpus.location: {path}: {e.Message}", e);
        }
        for (var s = 0; s < result.Manifest.Shards.Count; s++)
        {
            var shard = result.Manifest.Shards[s];
            await job.Environment.Files.UploadFileAsync(job.Layout.CorpusShard(s), Path.Combine(output, shard.File), cancellationToken).ConfigureAwait(false);
        }
        await job.Environment.Files.UploadFileAsync(job.Layout.CorpusManifest, Path.Combine(output, CorpusSharder.ManifestFileName), cancellationToken)
            .ConfigureAwait(false);
    }
}
