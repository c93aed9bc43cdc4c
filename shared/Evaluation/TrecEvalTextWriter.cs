using System.Globalization;
using System.Text;
using Pipeline.Evaluation.Measures;
using Pipeline.Evaluation.Text;

namespace Pipeline.Evaluation;

/// <summary>
/// Writes an <see cref="EvaluationResult"/> as trec_eval's text, byte for byte: one line per value,
/// <c>name</c> padded to 22 characters, a tab, the query id (or <c>all</c>), a tab and the value (<c>%6.4f</c>,
/// integers for counts, <c>'...'</c> for relstring); per-query lines first (when requested) in query order, then
/// the summary starting with <c>runid</c> and <c>num_q</c>. Lines end in LF.
/// </summary>
public static class TrecEvalTextWriter
{
    private const int FlushThreshold = 1 << 16;

    /// <summary>Writes <paramref name="result"/> to <paramref name="writer"/>.</summary>
    public static void Write(EvaluationResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        var slots = result.Slots;
        var prefixes = new string[slots.Count];
        for (var s = 0; s < slots.Count; s++)
        {
            prefixes[s] = slots[s].Name.PadRight(22) + "\t";
        }

        var text = new StringBuilder(FlushThreshold + 1024);
        if (result.Options.PerQuery)
        {
            for (var q = 0; q < result.QueryIds.Count; q++)
            {
                var queryId = result.QueryIds[q];
                for (var s = 0; s < slots.Count; s++)
                {
                    var slot = slots[s];
                    if (!slot.PerQuery)
                    {
                        continue;
                    }
                    text.Append(prefixes[s]).Append(queryId).Append('\t');
                    if (slot.Kind == ValueKind.Text)
                    {
                        text.Append('\'').Append(result.RelString(q)).Append('\'');
                    }
                    else
                    {
                        AppendValue(text, slot.Kind, result.Value(q, s));
                    }
                    text.Append('\n');
                }
                if (text.Length >= FlushThreshold)
                {
                    writer.Write(text);
                    text.Clear();
                }
            }
        }

        if (result.Options.PrintSummary)
        {
            for (var s = 0; s < slots.Count; s++)
            {
                var slot = slots[s];
                if (!slot.InSummary)
                {
                    continue;
                }
                text.Append(prefixes[s]).Append("all\t");
                if (slot.Kind == ValueKind.Text)
                {
                    text.Append(result.RunId);
                }
                else
                {
                    AppendValue(text, slot.Kind, result.SummaryValue(s));
                }
                text.Append('\n');
            }
        }
        writer.Write(text);
    }

    /// <summary>The text <see cref="Write"/> produces, as a string.</summary>
    public static string ToText(EvaluationResult result)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(result, writer);
        return writer.ToString();
    }

    private static void AppendValue(StringBuilder text, ValueKind kind, double value)
    {
        if (kind == ValueKind.Long)
        {
            text.Append(((long)value).ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            CFormat.AppendFixed(text, value, 6, 4);
        }
    }
}
