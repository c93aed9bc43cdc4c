namespace Pipeline.Reporting.Formatting;

/// <summary>Writes lines that end with <c>\n</c> on every platform, whatever <see cref="TextWriter.NewLine"/> says.</summary>
internal sealed class LineWriter(TextWriter writer)
{
    public void Line(string text = "")
    {
        writer.Write(text);
        writer.Write('\n');
    }
}
