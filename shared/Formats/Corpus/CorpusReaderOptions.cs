namespace Pipeline.Formats.Corpus;

/// <summary>
/// How <see cref="CorpusReader"/> reads a corpus. The defaults read BEIR corpora (<c>_id</c>, <c>title</c>,
/// <c>text</c>) in the format the file name implies.
/// </summary>
public sealed record CorpusReaderOptions
{
    /// <summary>The BEIR defaults.</summary>
    public static CorpusReaderOptions Default { get; } = new();

    /// <summary>
    /// The layout of the file; <c>null</c> (the default) infers it from the file name: <c>.jsonl</c>,
    /// <c>.json</c>, <c>.ndjson</c> → <see cref="CorpusFormat.Jsonl"/>, <c>.tsv</c> → <see cref="CorpusFormat.Tsv"/>,
    /// each optionally followed by <c>.gz</c>.
    /// </summary>
    public CorpusFormat? Format { get; init; }

    /// <summary>JSON field holding the document id (a string or an integer). Default <c>_id</c>.</summary>
    public string IdField { get; init; } = "_id";

    /// <summary>JSON field holding the body text (a string, required). Default <c>text</c>.</summary>
    public string TextField { get; init; } = "text";

    /// <summary>
    /// JSON field holding the title (a string; null or absent read as empty). Default <c>title</c>; <c>null</c>
    /// ignores titles altogether.
    /// </summary>
    public string? TitleField { get; init; } = "title";

    /// <summary>
    /// When set, a malformed line (invalid JSON or UTF-8, a missing or invalid id, a missing text field, a wrong field
    /// count) is passed here and skipped instead of ending the enumeration with an <see cref="InputFormatException"/>.
    /// Errors about the whole file (damaged gzip data, no document at all) are thrown either way. Default <c>null</c>:
    /// every malformed line is an error.
    /// </summary>
    public Action<InputFormatException>? OnBadRecord { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> when the field names are empty or not distinct.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(IdField);
        ArgumentException.ThrowIfNullOrEmpty(TextField);
        if (TitleField is { Length: 0 })
        {
            throw new ArgumentException("the title field name is empty; use null to ignore titles", nameof(TitleField));
        }
        if (IdField == TextField || IdField == TitleField || TextField == TitleField)
        {
            throw new ArgumentException($"the id, text and title fields must differ ('{IdField}', '{TextField}', '{TitleField}')");
        }
        if (Format is { } format && !Enum.IsDefined(format))
        {
            throw new ArgumentOutOfRangeException(nameof(Format), format, "unknown corpus format");
        }
    }
}
