namespace Pipeline.Tokenization;

/// <summary>A WordPiece tokenizer's settings, as read from tokenizer.json or vocab.txt + tokenizer_config.json.</summary>
public sealed record WordPieceTokenizerOptions
{
    /// <summary>The normalizer's switches. Default: BERT uncased (clean, CJK spacing, lowercase, strip accents).</summary>
    public BertNormalizerOptions Normalizer { get; init; } = new();

    /// <summary>The prefix of a word's non-initial pieces. Default <c>##</c>.</summary>
    public string ContinuingSubwordPrefix { get; init; } = "##";

    /// <summary>Words with more code points than this become the unknown token. Default 100; at least 1.</summary>
    public int MaxInputCharsPerWord { get; init; } = 100;

    /// <summary>Default <c>[UNK]</c>.</summary>
    public string UnknownToken { get; init; } = "[UNK]";

    /// <summary>Default <c>[CLS]</c>.</summary>
    public string ClsToken { get; init; } = "[CLS]";

    /// <summary>Default <c>[SEP]</c>.</summary>
    public string SepToken { get; init; } = "[SEP]";

    /// <summary>Default <c>[PAD]</c>.</summary>
    public string PadToken { get; init; } = "[PAD]";

    /// <summary>Tokens matched whole before normalization (the special tokens, by default none here; loaders fill them).</summary>
    public IReadOnlyList<AddedToken> AddedTokens { get; init; } = [];

    /// <summary>The model's maximum input length in tokens (tokenizer_config.json <c>model_max_length</c>), or null when not stated.</summary>
    public int? ModelMaxLength { get; init; }
}
