namespace Pipeline.Formats.Queries;

/// <summary>
/// How <see cref="QueryReader"/> reads a queries file. The defaults read BEIR queries (<c>_id</c>, <c>text</c>)
/// in the format the file name implies.
/// </summary>
public sealed record QueryReaderOptions
{
    /// <summary>The BEIR defaults.</summary>
    public static QueryReaderOptions Default { get; } = new();

    /// <summary>
    /// The layout of the file; <c>null</c> (the default) infers it from the file name: <c>.jsonl</c>,
    /// <c>.json</c>, <c>.ndjson</c> → <see cref="QueryFormat.Jsonl"/>, <c>.tsv</c> → <see cref="QueryFormat.Tsv"/>,
    /// each optionally followed by <c>.gz</c>.
    /// </summary>
    public QueryFormat? Format { get; init; }

    /// <summary>JSON field holding the query id (a string or an integer). Default <c>_id</c>.</summary>
    public string IdField { get; init; } = "_id";

    /// <summary>JSON field holding the query text (a string, required). Default <c>text</c>.</summary>
    public string TextField { get; init; } = "text";

    /// <summary>Throws <see cref="ArgumentException"/> when the field names are empty or equal.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(IdField);
        ArgumentException.ThrowIfNullOrEmpty(TextField);
        if (IdField == TextField)
        {
            throw new ArgumentException($"the id and text fields must differ ('{IdField}')");
        }
        if (Format is { } format && !Enum.IsDefined(format))
        {
            throw new ArgumentOutOfRangeException(nameof(Format), format, "unknown query format");
        }
    }
}
