using System.Collections.Frozen;

namespace Pipeline.Retrieval;

/// <summary>
/// The inverted index of one shard, in memory and immutable: documents (ids and exact lengths, in the order they were
/// added), terms in ordinal order, and for each term its postings (document numbers ascending, with term
/// frequencies). Build one with <see cref="ShardIndexBuilder"/> or read one from its file (`ShardIndexFile`).
/// Thread-safe for reading.
/// </summary>
public sealed class ShardIndex
{
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _termLookup;
    private readonly int[] _tieRank;

    internal ShardIndex(string analyzerName, IndexFields fields, string[] docIds, int[] lengths, string[] terms,
        int[] postingStarts, int[] postingDocs, int[] postingFreqs)
    {
        AnalyzerName = analyzerName;
        Fields = fields;
        DocIds = docIds;
        DocLengths = lengths;
        Terms = terms;
        PostingStarts = postingStarts;
        PostingDocs = postingDocs;
        PostingFreqs = postingFreqs;
        var termIds = new Dictionary<string, int>(terms.Length, StringComparer.Ordinal);
        for (var i = 0; i < terms.Length; i++)
        {
            termIds.Add(terms[i], i);
        }
        _termLookup = termIds.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        var order = new int[docIds.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        Array.Sort(order, (x, y) => string.CompareOrdinal(docIds[x], docIds[y]));
        _tieRank = new int[docIds.Length];
        for (var r = 0; r < order.Length; r++)
        {
            _tieRank[order[r]] = r;
        }
        long total = 0;
        var nonEmpty = 0;
        foreach (var length in lengths)
        {
            total += length;
            nonEmpty += length > 0 ? 1 : 0;
        }
        var df = new Dictionary<string, int>(terms.Length, StringComparer.Ordinal);
        for (var t = 0; t < terms.Length; t++)
        {
            df.Add(terms[t], postingStarts[t + 1] - postingStarts[t]);
        }
        Statistics = new ShardStatistics(nonEmpty, total, df);
    }

    /// <summary>The name of the <see cref="Text.Analyzer"/> the documents were analyzed with.</summary>
    public string AnalyzerName { get; }

    /// <summary>The fields that were indexed.</summary>
    public IndexFields Fields { get; }

    /// <summary>Document ids by document number.</summary>
    public IReadOnlyList<string> DocIds { get; }

    /// <summary>Exact document lengths (number of terms after analysis) by document number.</summary>
    public IReadOnlyList<int> DocLengths { get; }

    /// <summary>The number of documents, including empty ones.</summary>
    public int DocumentCount => DocLengths.Count;

    /// <summary>The distinct terms, in ordinal order; a term's position is its term number.</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>This shard's statistics, for merging into <see cref="CollectionStatistics"/>.</summary>
    public ShardStatistics Statistics { get; }

    internal int[] PostingStarts { get; }

    internal int[] PostingDocs { get; }

    internal int[] PostingFreqs { get; }

    /// <summary>Position of each document's id in ordinal order: a higher rank wins a score tie (trec_eval order).</summary>
    internal int[] TieRank => _tieRank;

    /// <summary>The term number of <paramref name="term"/>, or -1.</summary>
    public int TermNumber(ReadOnlySpan<char> term) => _termLookup.TryGetValue(term, out var id) ? id : -1;

    /// <summary>The postings of a term: document numbers ascending and their term frequencies.</summary>
    public (ReadOnlyMemory<int> Docs, ReadOnlyMemory<int> Freqs) Postings(int termNumber)
    {
        var start = PostingStarts[termNumber];
        var length = PostingStarts[termNumber + 1] - start;
        return (PostingDocs.AsMemory(start, length), PostingFreqs.AsMemory(start, length));
    }
}
