namespace Pipeline.Reporting.Formatting;

/// <summary>
/// Writes lines that end with <c>\n</c> on every platform, whatever <see cref="TextWriter.NewLine"/> says. Blank
/// lines are held back until more text follows, so a document never ends with one and never holds two in a row.
/// </summary>
internal sealed class LineWriter(TextWriter writer)
{
    private bool _blankPending;

    public void Line(string text = "")
    {
        if (text.Length == 0)
        {
            _blankPending = true;
            return;
        }
        if (_blankPending)
        {
            writer.Write('\n');
            _blankPending = false;
        }
        writer.Write(text);
        writer.Write('\n');
    }
}
