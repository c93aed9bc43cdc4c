using Pipeline.Formats.Corpus;
using Pipeline.Formats.Trec;

namespace Pipeline.Reranking.Runs;

/// <summary>
/// Reranks a first-stage run with a cross-encoder: for each query, the top <c>depth</c> documents of the run (in
/// trec_eval's order: score descending, ties by doc id descending) are scored and written back with the model's
/// scores. Documents below the depth are dropped, not appended: the output holds exactly the reranked candidates
/// (use <c>pipeline report --depths</c> for depth sweeps). Host-agnostic: no console, no process state.
/// </summary>
public static class RunReranker
{
    /// <summary>How many offending ids an error message names at most.</summary>
    public const int NamedInErrors = 5;

    /// <summary>
    /// The top <paramref name="depth"/> documents of each query of <paramref name="run"/> in trec_eval's order, queries
    /// in run order.
    /// </summary>
    public static IReadOnlyList<(string QueryId, IReadOnlyList<ScoredDoc> Documents)> Candidates(TrecRun run, int depth)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        var candidates = new List<(string, IReadOnlyList<ScoredDoc>)>(run.QueryCount);
        foreach (var queryId in run.QueryIds)
        {
            var documents = run.ForQuery(queryId)!.ToArray();
            Array.Sort(documents, static (a, b) =>
            {
                var byScore = b.Score.CompareTo(a.Score);
                return byScore != 0 ? byScore : string.CompareOrdinal(b.DocId, a.DocId);
            });
            candidates.Add((queryId, documents.Length > depth ? documents[..depth] : documents));
        }
        return candidates;
    }

    /// <summary>
    /// Reads the texts of <paramref name="needed"/> documents from a corpus file in one streaming pass, keeping only
    /// those (title and text joined by a space; the title is left out when empty).
    /// </summary>
    /// <exception cref="RerankInputException">A needed id is not in the corpus, or a needed document has no text.</exception>
    /// <exception cref="Pipeline.Formats.InputFormatException">The corpus file is malformed.</exception>
    public static Dictionary<string, string> LoadDocuments(string corpusPath, IReadOnlySet<string> needed, CorpusReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(needed);
        var texts = new Dictionary<string, string>(needed.Count, StringComparer.Ordinal);
        var empty = new List<string>();
        foreach (var document in CorpusReader.Read(corpusPath, options))
        {
            if (!needed.Contains(document.DocId) || texts.ContainsKey(document.DocId))
            {
                continue;
            }
            var text = DocumentText(document);
            if (string.IsNullOrWhiteSpace(text))
            {
                empty.Add(document.DocId);
            }
            texts[document.DocId] = text;
        }
        if (empty.Count > 0)
        {
            throw new RerankInputException(
                $"{empty.Count} document(s) to rerank have no text in {corpusPath} (title and text empty): {Named(empty)}");
        }
        if (texts.Count < needed.Count)
        {
            var missing = needed.Where(id => !texts.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();
            throw new RerankInputException(
                $"{missing.Count} document id(s) of the run are not in the corpus {corpusPath}: {Named(missing)}");
        }
        return texts;
    }

    /// <summary>The text a cross-encoder sees for a corpus document: "title text", or the text alone when there is no title.</summary>
    public static string DocumentText(CorpusDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.Title.Length == 0 ? document.Text : $"{document.Title} {document.Text}";
    }

    /// <summary>
    /// Scores the candidates and returns the reranked run (model scores; each query keeps its top-depth documents).
    /// Queries are scored in chunks of about <paramref name="pairsPerChunk"/> pairs so that the encoder's length
    /// bucketing sees many lengths at once; a pair's score does not depend on its chunk.
    /// </summary>
    /// <param name="encoder">The cross-encoder.</param>
    /// <param name="candidates">Queries and their documents, from <see cref="Candidates"/>.</param>
    /// <param name="queries">Query texts by id.</param>
    /// <param name="documents">Document texts by id.</param>
    /// <param name="runTag">The tag of the reranked run.</param>
    /// <param name="progress">Called after each chunk; may be null.</param>
    /// <param name="pairsPerChunk">Pairs per <see cref="CrossEncoder.Score(IReadOnlyList{ValueTuple{string, string}}, CancellationToken)"/> call. Default 1,024; at least 1.</param>
    /// <param name="timeProvider">The clock for progress; default the system clock.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <exception cref="RerankInputException">A query of the run has no text in <paramref name="queries"/>, or a document none in <paramref name="documents"/>.</exception>
    public static TrecRun Rerank(
        CrossEncoder encoder,
        IReadOnlyList<(string QueryId, IReadOnlyList<ScoredDoc> Documents)> candidates,
        IReadOnlyDictionary<string, string> queries,
        IReadOnlyDictionary<string, string> documents,
        string runTag,
        Action<RerankProgress>? progress = null,
        int pairsPerChunk = 1024,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentException.ThrowIfNullOrEmpty(runTag);
        ArgumentOutOfRangeException.ThrowIfLessThan(pairsPerChunk, 1);
        timeProvider ??= TimeProvider.System;
        CheckCovered(candidates, queries, documents);

        var started = timeProvider.GetTimestamp();
        var results = new List<(string, string, double)>(candidates.Sum(c => c.Documents.Count));
        var pairs = new List<(string Query, string Document)>(pairsPerChunk);
        var owners = new List<(string QueryId, string DocId)>(pairsPerChunk);
        var done = 0;
        long pairsDone = 0;
        for (var q = 0; q < candidates.Count; q++)
        {
            var (queryId, docs) = candidates[q];
            foreach (var doc in docs)
            {
                pairs.Add((queries[queryId], documents[doc.DocId]));
                owners.Add((queryId, doc.DocId));
            }
            if (pairs.Count < pairsPerChunk && q < candidates.Count - 1)
            {
                continue;
            }
            var scores = encoder.Score(pairs, cancellationToken);
            for (var i = 0; i < scores.Length; i++)
            {
                results.Add((owners[i].QueryId, owners[i].DocId, scores[i]));
            }
            pairsDone += pairs.Count;
            done = q + 1;
            pairs.Clear();
            owners.Clear();
            progress?.Invoke(new RerankProgress(done, candidates.Count, pairsDone, timeProvider.GetElapsedTime(started)));
        }
        return TrecRun.FromResults(runTag, results);
    }

    private static void CheckCovered(
        IReadOnlyList<(string QueryId, IReadOnlyList<ScoredDoc> Documents)> candidates,
        IReadOnlyDictionary<string, string> queries,
        IReadOnlyDictionary<string, string> documents)
    {
        var missingQueries = candidates.Select(c => c.QueryId).Where(id => !queries.ContainsKey(id)).ToList();
        if (missingQueries.Count > 0)
        {
            throw new RerankInputException($"{missingQueries.Count} query id(s) of the run are not in the queries file: {Named(missingQueries)}");
        }
        var missingDocs = candidates.SelectMany(c => c.Documents).Select(d => d.DocId).Where(id => !documents.ContainsKey(id))
            .Distinct(StringComparer.Ordinal).ToList();
        if (missingDocs.Count > 0)
        {
            throw new RerankInputException($"{missingDocs.Count} document id(s) of the run have no text: {Named(missingDocs)}");
        }
    }

    private static string Named(List<string> ids) =>
        string.Join(", ", ids.Take(NamedInErrors).Select(id => $"'{id}'")) + (ids.Count > NamedInErrors ? ", …" : "");
}
