using System.Globalization;
using Pipeline.Formats.Text;

namespace Pipeline.Formats.Trec;

/// <summary>
/// Reads TREC qrels: <c>query-id iteration doc-id grade</c>, whitespace separated, grade an integer (negative
/// allowed). Blank lines are skipped; anything else malformed is an <see cref="InputFormatException"/>.
/// </summary>
public static class QrelsReader
{
    /// <summary>Reads a qrels file (plain or gzip).</summary>
    /// <exception cref="InputFormatException">A line is malformed, a pair is judged twice, or the file is empty.</exception>
    public static Qrels Read(string path)
    {
        var builder = new QrelsBuilder();
        var judged = 0L;
        foreach (var (lineNumber, line) in InputFile.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 4)
            {
                throw new InputFormatException(path, lineNumber,
                    $"expected 4 fields 'query-id iteration doc-id grade', found {fields.Length}");
            }
            if (!int.TryParse(fields[3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var grade))
            {
                throw new InputFormatException(path, lineNumber, $"grade '{fields[3]}' is not an integer");
            }
            if (!builder.Add(fields[0], fields[2], grade))
            {
                throw new InputFormatException(path, lineNumber,
                    $"document '{fields[2]}' is judged twice for query '{fields[0]}'");
            }
            judged++;
        }
        if (judged == 0)
        {
            throw new InputFormatException(path, 0, "no judgments (the qrels file is empty)");
        }
        return builder.Build();
    }
}
