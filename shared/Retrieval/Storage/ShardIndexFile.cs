namespace Pipeline.Retrieval.Storage;

/// <summary>
/// One shard's index as one file (format version 1, see ARCHITECTURE.md): magic <c>PLBM25SH</c>, version, analyzer
/// name, indexed fields, documents (id, exact length), terms in ordinal order each with its postings (document-number
/// gaps and term frequencies as varints), SHA-256 trailer. Written to a temporary name and renamed.
/// </summary>
public static class ShardIndexFile
{
    private static ReadOnlySpan<byte> Magic => "PLBM25SH"u8;

    /// <summary>The conventional file name of shard <paramref name="shard"/>: <c>shard-00003.bm25</c>.</summary>
    public static string FileName(int shard) => $"shard-{shard:D5}.bm25";

    /// <summary>Writes <paramref name="index"/> to <paramref name="path"/>, replacing any file there.</summary>
    public static void Write(ShardIndex index, string path)
    {
        ArgumentNullException.ThrowIfNull(index);
        BinaryFile.Write(path, Magic, buffer =>
        {
            BinaryFile.WriteString(buffer, index.AnalyzerName);
            BinaryFile.WriteVarint(buffer, (ulong)index.Fields);
            BinaryFile.WriteVarint(buffer, (ulong)index.DocumentCount);
            for (var d = 0; d < index.DocumentCount; d++)
            {
                BinaryFile.WriteString(buffer, index.DocIds[d]);
                BinaryFile.WriteVarint(buffer, (ulong)index.DocLengths[d]);
            }
            BinaryFile.WriteVarint(buffer, (ulong)index.Terms.Count);
            for (var t = 0; t < index.Terms.Count; t++)
            {
                BinaryFile.WriteString(buffer, index.Terms[t]);
                var start = index.PostingStarts[t];
                var end = index.PostingStarts[t + 1];
                BinaryFile.WriteVarint(buffer, (ulong)(end - start));
                var previous = -1;
                for (var p = start; p < end; p++)
                {
                    BinaryFile.WriteVarint(buffer, (ulong)(index.PostingDocs[p] - previous - 1));
                    BinaryFile.WriteVarint(buffer, (ulong)index.PostingFreqs[p]);
                    previous = index.PostingDocs[p];
                }
            }
        });
    }

    /// <summary>Reads and verifies a shard file.</summary>
    /// <exception cref="IndexFormatException">Missing, wrong magic or version, checksum mismatch, inconsistent content.</exception>
    public static ShardIndex Read(string path)
    {
        var bytes = BinaryFile.ReadBody(path, Magic, "shard index file", out var start, out var end);
        var reader = new BinaryFile.Reader(path, bytes, start, end);
        var analyzer = reader.String();
        var fields = (IndexFields)reader.Int32("fields");
        var docCount = reader.Int32("document count");
        var docIds = new string[docCount];
        var lengths = new int[docCount];
        for (var d = 0; d < docCount; d++)
        {
            docIds[d] = reader.String();
            lengths[d] = reader.Int32("document length");
        }
        var termCount = reader.Int32("term count");
        var terms = new string[termCount];
        var starts = new int[termCount + 1];
        // A first, skipping pass counts the postings, so that they go straight into arrays of their exact size
        // (growing lists and copying them would allocate about three times what the index keeps).
        var postingsAt = reader.Position;
        long total = 0;
        for (var t = 0; t < termCount; t++)
        {
            reader.SkipString();
            var count = reader.Int32("document frequency");
            reader.SkipVarints(2L * count);
            total += count;
        }
        if (total > Array.MaxLength)
        {
            throw new IndexFormatException(path, $"{total} postings are more than one shard can hold");
        }
        var docs = new int[total];
        var freqs = new int[total];
        reader = new BinaryFile.Reader(path, bytes, postingsAt, end);
        var next = 0;
        for (var t = 0; t < termCount; t++)
        {
            terms[t] = reader.String();
            if (t > 0 && string.CompareOrdinal(terms[t - 1], terms[t]) >= 0)
            {
                throw new IndexFormatException(path, $"terms out of order at term {t}");
            }
            starts[t] = next;
            var df = reader.Int32("document frequency");
            var doc = -1;
            for (var p = 0; p < df; p++)
            {
                doc += reader.Int32("document gap") + 1;
                if (doc >= docCount)
                {
                    throw new IndexFormatException(path, $"posting of term '{terms[t]}' points past the last document");
                }
                docs[next] = doc;
                freqs[next++] = reader.Int32("term frequency");
            }
        }
        starts[termCount] = next;
        if (!reader.AtEnd)
        {
            throw new IndexFormatException(path, "trailing data after the postings");
        }
        return new ShardIndex(analyzer, fields, docIds, lengths, terms, starts, docs, freqs);
    }
}
