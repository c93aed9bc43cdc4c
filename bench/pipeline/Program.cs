// Usage: IndexMemory <store>/<jobId>/work/index
// Prints one line of key=value pairs: shard files and their bytes, documents, postings, and the managed heap held by
// the loaded shard indexes + searchers + global statistics (GC.GetTotalMemory after full collections): the whole
// index in memory, and the largest shard's share of it (a RetrieveBlock process keeps ResourceCache.ShardCapacity
// shards, default 2, at a time).
using System.Globalization;
using Pipeline.Retrieval.Bm25;
using Pipeline.Retrieval.Storage;

var folder = args.Length == 1 ? args[0] : throw new ArgumentException("usage: IndexMemory <index folder>");
var files = Directory.GetFiles(folder, "shard-*.bm25").Where(f => !f.EndsWith(".stats.bm25", StringComparison.Ordinal))
    .Order(StringComparer.Ordinal).ToArray();
static long Heap() => GC.GetTotalMemory(forceFullCollection: true);

var baseline = Heap();
var statistics = StatisticsFile.Read(Path.Combine(folder, StatisticsFile.FileName)).Statistics;
var afterStatistics = Heap();
var held = new List<ShardSearcher>();
long documents = 0, postings = 0, terms = 0, fileBytes = 0, largestShard = 0;
foreach (var file in files)
{
    var before = Heap();
    var index = ShardIndexFile.Read(file);
    held.Add(new ShardSearcher(index, statistics, Bm25Parameters.Default));
    largestShard = Math.Max(largestShard, Heap() - before);
    documents += index.DocumentCount;
    terms += index.Terms.Count;
    for (var t = 0; t < index.Terms.Count; t++)
    {
        postings += index.Postings(t).Docs.Length;
    }
    fileBytes += new FileInfo(file).Length;
}
var all = Heap();
GC.KeepAlive(held);
GC.KeepAlive(statistics);
static string MiB(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"shards={files.Length} fileMiB={MiB(fileBytes)} documents={documents} postings={postings} shardTerms={terms} " +
    $"statisticsMiB={MiB(afterStatistics - baseline)} indexesMiB={MiB(all - afterStatistics)} largestShardMiB={MiB(largestShard)} " +
    $"heapMiB={MiB(all)} bytesPerPosting={(double)(all - afterStatistics) / Math.Max(1, postings):F2}"));
