using Pipeline.Formats.Corpus;
using Pipeline.Formats.Queries;
using Pipeline.Formats.Trec;
using Pipeline.Retrieval.Bm25;
using Pipeline.Text;

namespace Pipeline.Retrieval.Tests;

/// <summary>The test collections under data/, read once per test run.</summary>
internal static class Collections
{
    private static readonly Lazy<IReadOnlyList<CorpusDocument>> SciFactCorpus = new(() => Corpus("scifact"));

    public static string PathOf(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    public static IReadOnlyList<CorpusDocument> SciFact => SciFactCorpus.Value;

    public static IReadOnlyList<Query> SciFactQueries => QueryReader.Read(PathOf("scifact", "queries.test.tsv"));

    public static Qrels SciFactQrels => QrelsReader.Read(PathOf("scifact", "qrels.test.txt"));

    public static IReadOnlyList<CorpusDocument> Corpus(string name) =>
        CorpusReader.Read(PathOf(name, "corpus.jsonl.gz")).ToList();

    public static ShardIndex[] Shards(IReadOnlyList<CorpusDocument> corpus, int shardCount)
    {
        var builders = Enumerable.Range(0, shardCount).Select(_ => new ShardIndexBuilder(Analyzer.English)).ToArray();
        foreach (var document in corpus)
        {
            builders[ShardAssignment.ShardOf(document.DocId, shardCount)].Add(document);
        }
        return [.. builders.Select(b => b.Build())];
    }

    public static Bm25Searcher Searcher(IReadOnlyList<CorpusDocument> corpus, int shardCount = 1, Bm25Parameters? parameters = null) =>
        new(Shards(corpus, shardCount), parameters);
}
