using System.Collections.Frozen;

namespace Pipeline.Retrieval;

/// <summary>
/// Global BM25 statistics over all shards: N, the total length (so avgdl = total / N) and each term's document
/// frequency. Scoring every shard with the same instance makes shard scores comparable, so merged per-shard top-k
/// lists equal the top-k of one unsharded index.
/// </summary>
public sealed class CollectionStatistics
{
    private readonly FrozenDictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Statistics with the given values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative count, or documents without length.</exception>
    public CollectionStatistics(long docCount, long totalLength, IReadOnlyDictionary<string, long> docFrequencies)
    {
        ArgumentNullException.ThrowIfNull(docFrequencies);
        ArgumentOutOfRangeException.ThrowIfNegative(docCount);
        ArgumentOutOfRangeException.ThrowIfNegative(totalLength);
        DocCount = docCount;
        TotalLength = totalLength;
        var frozen = docFrequencies.ToFrozenDictionary(StringComparer.Ordinal);
        DocFrequencies = frozen;
        _lookup = frozen.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>N: documents with at least one term, over all shards.</summary>
    public long DocCount { get; }

    /// <summary>The sum of all document lengths.</summary>
    public long TotalLength { get; }

    /// <summary>avgdl = <see cref="TotalLength"/> / <see cref="DocCount"/> (1 when there are no documents).</summary>
    public double AverageLength => DocCount == 0 ? 1 : (double)TotalLength / DocCount;

    /// <summary>Term → number of documents containing it, over all shards.</summary>
    public IReadOnlyDictionary<string, long> DocFrequencies { get; }

    /// <summary>The document frequency of <paramref name="term"/> (0 when absent).</summary>
    public long DocFrequency(ReadOnlySpan<char> term) => _lookup.TryGetValue(term, out var df) ? df : 0;

    /// <summary>Merges shard statistics: counts and lengths add up, document frequencies add up per term.</summary>
    public static CollectionStatistics Merge(IEnumerable<ShardStatistics> shards)
    {
        ArgumentNullException.ThrowIfNull(shards);
        long docs = 0, length = 0;
        var df = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var shard in shards)
        {
            docs += shard.DocCount;
            length += shard.TotalLength;
            foreach (var (term, count) in shard.DocFrequencies)
            {
                df[term] = df.GetValueOrDefault(term) + count;
            }
        }
        return new CollectionStatistics(docs, length, df);
    }
}
