using System.Globalization;
using Pipeline.Formats.Text;

namespace Pipeline.Formats.Trec;

/// <summary>
/// Reads TREC runs: <c>query-id Q0 doc-id rank score run-tag</c>, whitespace separated. The rank column must be
/// an integer but is otherwise ignored; the score is a decimal number. Blank lines are skipped; a document
/// repeated within a query, or any other malformed line, is an <see cref="InputFormatException"/>.
/// </summary>
public static class TrecRunReader
{
    /// <summary>Reads a run file (plain or gzip).</summary>
    /// <exception cref="InputFormatException">A line is malformed, a document repeats, or the file is empty.</exception>
    public static TrecRun Read(string path)
    {
        var byQuery = new Dictionary<string, List<ScoredDoc>>(StringComparer.Ordinal);
        var seen = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var queryIds = new List<string>();
        string? runId = null;
        foreach (var (lineNumber, line) in InputFile.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 6)
            {
                throw new InputFormatException(path, lineNumber,
                    $"expected 6 fields 'query-id Q0 doc-id rank score run-tag', found {fields.Length}");
            }
            if (!long.TryParse(fields[3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                throw new InputFormatException(path, lineNumber, $"rank '{fields[3]}' is not an integer");
            }
            if (!double.TryParse(fields[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var score) || !double.IsFinite(score))
            {
                throw new InputFormatException(path, lineNumber, $"score '{fields[4]}' is not a finite number");
            }
            var queryId = fields[0];
            if (!byQuery.TryGetValue(queryId, out var docs))
            {
                docs = [];
                byQuery.Add(queryId, docs);
                seen.Add(queryId, new HashSet<string>(StringComparer.Ordinal));
                queryIds.Add(queryId);
            }
            if (!seen[queryId].Add(fields[2]))
            {
                throw new InputFormatException(path, lineNumber,
                    $"document '{fields[2]}' appears twice for query '{queryId}'");
            }
            docs.Add(new ScoredDoc(fields[2], score));
            runId ??= fields[5];
        }
        if (runId is null)
        {
            throw new InputFormatException(path, 0, "no results (the run file is empty)");
        }
        return new TrecRun(runId, byQuery, queryIds);
    }
}
