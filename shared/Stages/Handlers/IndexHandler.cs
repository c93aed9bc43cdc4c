using System.Globalization;
using Pipeline.Core.Tasks;
using Pipeline.DuckDb;
using Pipeline.Formats.Corpus;
using Pipeline.Reranking.Dense;
using Pipeline.Reranking.Runs;
using Pipeline.Retrieval;
using Pipeline.Retrieval.Storage;
using Pipeline.Sharding;
using Pipeline.Text;

namespace Pipeline.Stages.Handlers;

/// <summary>
/// Index one shard: its BM25 index (with the shard's statistics inside) and/or its document embeddings, from one pass
/// over the Parquet shard (checked against the manifest first).
/// </summary>
internal sealed class IndexHandler : IStageHandler
{
    private const int EmbeddingChunk = 256;

    public async Task ExecuteAsync(JobContext job, StageTask task, CancellationToken cancellationToken)
    {
        var shard = task.Shard!.Value;
        var files = job.Environment.Files;
        var path = await files.LocalPathAsync(job.Layout.CorpusShard(shard), cancellationToken).ConfigureAwait(false);
        var manifestPath = await files.LocalPathAsync(job.Layout.CorpusManifest, cancellationToken).ConfigureAwait(false);
        var entry = ShardReader.ReadManifest(Path.GetDirectoryName(manifestPath)!)[shard];
        ShardReader.Verify(Path.GetDirectoryName(path)!, entry);

        var bm25 = job.Spec.FirstStage.Bm25;
        var dense = job.Spec.FirstStage.Dense;
        var builder = bm25 is null ? null : new ShardIndexBuilder(Analyzer.FromName(bm25.Analyzer), StageData.Fields(bm25));
        var encoder = dense is null ? null : await StageData.BiEncoderAsync(job, cancellationToken).ConfigureAwait(false);
        var embeddings = new List<(string DocId, float[] Vector)>();
        var pending = new List<CorpusDocument>(EmbeddingChunk);
        void Embed()
        {
            var vectors = encoder!.Embed([.. pending.Select(RunReranker.DocumentText)], cancellationToken);
            for (var i = 0; i < pending.Count; i++)
            {
                embeddings.Add((pending[i].DocId, vectors[i]));
            }
            pending.Clear();
        }

        long documents = 0;
        await Task.Run(() =>
        {
            using var database = DuckDbDatabase.OpenInMemory(new DuckDbSettings { Threads = 1 });
            using var connection = database.Connect();
            foreach (var document in ShardReader.ReadDocuments(connection, path))
            {
                cancellationToken.ThrowIfCancellationRequested();
                builder?.Add(document);
                if (encoder is not null)
                {
                    pending.Add(document);
                    if (pending.Count == EmbeddingChunk)
                    {
                        Embed();
                    }
                }
                documents++;
            }
            if (encoder is not null && pending.Count > 0)
            {
                Embed();
            }
        }, cancellationToken).ConfigureAwait(false);
        if (documents != entry.Documents)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{path}: {documents} documents, the shard manifest says {entry.Documents}"));
        }
        if (builder is not null)
        {
            var index = builder.Build();
            var local = files.NewLocalPath("index.bm25");
            ShardIndexFile.Write(index, local);
            await files.UploadFileAsync(job.Layout.Bm25Shard(shard), local, cancellationToken).ConfigureAwait(false);
            // The shard's statistics alone, so that merging them never loads an index.
            var statistics = index.Statistics;
            var statisticsPath = files.NewLocalPath(StatisticsFile.FileName);
            StatisticsFile.Write(new CollectionStatistics(statistics.DocCount, statistics.TotalLength,
                statistics.DocFrequencies.ToDictionary(p => p.Key, p => (long)p.Value, StringComparer.Ordinal)), index.AnalyzerName, 1, statisticsPath);
            await files.UploadFileAsync(job.Layout.Bm25ShardStatistics(shard), statisticsPath, cancellationToken).ConfigureAwait(false);
        }
        if (encoder is not null)
        {
            var local = files.NewLocalPath("embeddings.parquet");
            EmbeddingParquet.Write(local, embeddings);
            await files.UploadFileAsync(job.Layout.Embeddings(shard), local, cancellationToken).ConfigureAwait(false);
        }
    }
}
