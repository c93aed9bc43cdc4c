namespace Pipeline.Formats.Text;

/// <summary>Tells a line-oriented format from a file name, looking through a trailing <c>.gz</c>.</summary>
internal static class FileNameFormat
{
    /// <summary>True for JSON lines, false for TSV, null when the name says neither.</summary>
    public static bool? IsJsonLines(string path)
    {
        var name = System.IO.Path.GetFileName(path.AsSpan());
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^3];
        }
        var extension = System.IO.Path.GetExtension(name);
        if (extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase)
            || extension.Equals(".json", StringComparison.OrdinalIgnoreCase)
            || extension.Equals(".ndjson", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (extension.Equals(".tsv", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        return null;
    }

    /// <summary>The reason given when the name says neither.</summary>
    public const string Unknown =
        "cannot tell the format from the file name (expected .jsonl, .json, .ndjson or .tsv, optionally followed by .gz); name the format explicitly";
}
