namespace Pipeline.Tokenization;

/// <summary>The BERT normalizer's switches (tokenizer.json <c>BertNormalizer</c>; tokenizer_config.json names in brackets).</summary>
public sealed record BertNormalizerOptions
{
    /// <summary>Remove control characters, U+0000 and U+FFFD; turn whitespace into spaces. Default true.</summary>
    public bool CleanText { get; init; } = true;

    /// <summary>Surround CJK ideographs with spaces [tokenize_chinese_chars]. Default true.</summary>
    public bool HandleChineseChars { get; init; } = true;

    /// <summary>Lowercase with full Unicode case mapping [do_lower_case]. Default true.</summary>
    public bool Lowercase { get; init; } = true;

    /// <summary>Strip accents (NFD, then drop category Mn) [strip_accents]; null (the default) follows <see cref="Lowercase"/>.</summary>
    public bool? StripAccents { get; init; }
}
