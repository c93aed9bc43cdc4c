namespace Pipeline.Formats.Text;

/// <summary>A gzip file whose content does not match its trailer: cut short, or with bytes appended after the data.</summary>
internal sealed class TruncatedGzipException : IOException
{
    public TruncatedGzipException()
        : base("The gzip data is truncated or damaged: the decompressed content does not match the gzip trailer.")
    {
    }
}
