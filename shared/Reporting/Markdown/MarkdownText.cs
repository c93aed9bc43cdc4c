using System.Text;

namespace Pipeline.Reporting.Markdown;

/// <summary>Escapes text from input files (run names, query ids, file names) for Markdown tables and prose.</summary>
internal static class MarkdownText
{
    // ASCII punctuation that can start or end Markdown syntax (emphasis, links, code, HTML, table cells, headings).
    private const string Special = "\\`*_[]<>|#!~&";

    /// <summary>
    /// Backslash-escapes Markdown punctuation (CommonMark renders <c>\x</c> as a literal <c>x</c>, so
    /// <c>&lt;script&gt;</c> stays text), and turns line breaks and other control characters into spaces so that
    /// a value never breaks a table row.
    /// </summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                builder.Append(' ');
            }
            else
            {
                if (Special.Contains(c, StringComparison.Ordinal))
                {
                    builder.Append('\\');
                }
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
