using Pipeline.Tokenization.Unicode;

namespace Pipeline.Tokenization;

/// <summary>
/// A BERT WordPiece tokenizer that encodes exactly as Hugging Face tokenizers do: added (special) tokens matched in the
/// raw text, <see cref="BertNormalizer"/>, the BERT pre-tokenizer (split on whitespace, every punctuation character a
/// word), greedy longest-match WordPiece with a continuation prefix, and the BERT template
/// (<c>[CLS] A [SEP]</c>, <c>[CLS] A [SEP] B [SEP]</c>) with truncation. Load with <see cref="Load"/>. Immutable and
/// thread-safe.
/// </summary>
public sealed class WordPieceTokenizer
{
    private readonly Dictionary<string, int> _vocab;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly AddedToken[] _rawAdded;
    private readonly AddedToken[] _normalizedAdded;
    private readonly string _prefix;

    /// <summary>Creates a tokenizer from a vocabulary (token to id) and its settings.</summary>
    /// <exception cref="TokenizerException">A special token is not in the vocabulary.</exception>
    public WordPieceTokenizer(IReadOnlyDictionary<string, int> vocabulary, WordPieceTokenizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxInputCharsPerWord, 1);
        Options = options;
        _vocab = new Dictionary<string, int>(vocabulary, StringComparer.Ordinal);
        _lookup = _vocab.GetAlternateLookup<ReadOnlySpan<char>>();
        _prefix = options.ContinuingSubwordPrefix;
        Normalizer = new BertNormalizer(options.Normalizer);
        UnknownId = IdOf(options.UnknownToken);
        ClsId = IdOf(options.ClsToken);
        SepId = IdOf(options.SepToken);
        PadId = _vocab.TryGetValue(options.PadToken, out var pad) ? pad : 0;
        _rawAdded = options.AddedTokens.Where(t => !t.Normalized).OrderByDescending(t => t.Content.Length).ToArray();
        _normalizedAdded = options.AddedTokens.Where(t => t.Normalized)
            .Select(t => t with { Content = Normalizer.Normalize(t.Content) })
            .Where(t => t.Content.Length > 0).OrderByDescending(t => t.Content.Length).ToArray();
    }

    /// <summary>The settings.</summary>
    public WordPieceTokenizerOptions Options { get; }

    /// <summary>The normalizer.</summary>
    public BertNormalizer Normalizer { get; }

    /// <summary>The number of entries in the vocabulary.</summary>
    public int VocabularySize => _vocab.Count;

    /// <summary>The id of the unknown token ([UNK]).</summary>
    public int UnknownId { get; }

    /// <summary>The id of the classification token that starts every encoding ([CLS]).</summary>
    public int ClsId { get; }

    /// <summary>The id of the separator token that ends every segment ([SEP]).</summary>
    public int SepId { get; }

    /// <summary>The id of the padding token ([PAD]; 0 when the vocabulary has none).</summary>
    public int PadId { get; }

    /// <summary>
    /// Loads a tokenizer from a model folder: <c>tokenizer.json</c> when present, else <c>vocab.txt</c>; with
    /// <c>tokenizer_config.json</c> when present (lowercasing, accents, CJK handling and the model's maximum length).
    /// </summary>
    /// <exception cref="TokenizerException">No tokenizer file, or one that is malformed or of an unsupported kind (the message names it).</exception>
    public static WordPieceTokenizer Load(string directory) => TokenizerFiles.Load(directory);

    /// <summary>The id of a token, or null.</summary>
    public int? TokenToId(string token) => _vocab.TryGetValue(token, out var id) ? id : null;

    /// <summary>Tokenizes one text into ids, without special tokens and without truncation.</summary>
    public List<int> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length / 4 + 4);
        EncodeText(text, ids);
        return ids;
    }

    /// <summary>Encodes one text as <c>[CLS] text [SEP]</c>, cut to <paramref name="maxLength"/> tokens (specials included) when given.</summary>
    /// <exception cref="ArgumentOutOfRangeException">maxLength is below 2 (the special tokens alone).</exception>
    public TokenEncoding Encode(string text, int? maxLength = null) =>
        Encode(text, null, maxLength, TruncationStrategy.LongestFirst);

    /// <summary>
    /// Encodes a text, or a pair as <c>[CLS] text [SEP] pair [SEP]</c>, cut to <paramref name="maxLength"/> tokens
    /// (specials included) with the given strategy when a maximum is given.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">maxLength is below the number of special tokens (2, or 3 for a pair).</exception>
    /// <exception cref="TokenizerException">The strategy cannot cut enough (the sequence it may cut is too short, or absent).</exception>
    public TokenEncoding Encode(string text, string? pair, int? maxLength, TruncationStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = Tokenize(text);
        var second = pair is null ? null : Tokenize(pair);
        return Assemble(first, second, maxLength, strategy);
    }

    /// <summary>Builds an encoding from already tokenized sequences (ids without specials), truncating as <see cref="Encode(string, string?, int?, TruncationStrategy)"/> does.</summary>
    public TokenEncoding Assemble(List<int> first, List<int>? second, int? maxLength, TruncationStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(first);
        var specials = second is null ? 2 : 3;
        if (maxLength is { } max)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(max, specials, nameof(maxLength));
            var (n1, n2) = TruncatedLengths(first.Count, second?.Count, max - specials, strategy);
            if (n1 < first.Count)
            {
                first = first.GetRange(0, n1);
            }
            if (second is not null && n2 < second.Count)
            {
                second = second.GetRange(0, n2);
            }
        }
        var length = first.Count + (second?.Count ?? 0) + specials;
        var ids = new int[length];
        var types = new int[length];
        ids[0] = ClsId;
        first.CopyTo(ids, 1);
        ids[first.Count + 1] = SepId;
        if (second is not null)
        {
            var start = first.Count + 2;
            second.CopyTo(ids, start);
            ids[^1] = SepId;
            types.AsSpan(start).Fill(1);
        }
        return new TokenEncoding(ids, types);
    }

    /// <summary>
    /// The lengths the two sequences are cut to (Hugging Face tokenizers' <c>truncate_encodings</c>, right side, no
    /// stride) for a budget of <paramref name="max"/> tokens without specials.
    /// </summary>
    internal static (int First, int Second) TruncatedLengths(int first, int? second, int max, TruncationStrategy strategy)
    {
        var total = first + (second ?? 0);
        if (max == 0)
        {
            return (0, 0);
        }
        if (total <= max)
        {
            return (first, second ?? 0);
        }
        var toRemove = total - max;
        switch (strategy)
        {
            case TruncationStrategy.LongestFirst when second is { } n2Original:
            {
                int n1 = first, n2 = n2Original;
                var swap = n1 > n2;
                if (swap)
                {
                    (n1, n2) = (n2, n1);
                }
                n2 = n1 > max ? n1 : Math.Max(n1, max - n1);
                if (n1 + n2 > max)
                {
                    n1 = max / 2;
                    n2 = n1 + (max % 2);
                }
                return swap ? (n2, n1) : (n1, n2);
            }
            case TruncationStrategy.LongestFirst:
                return (total - toRemove, 0);
            case TruncationStrategy.OnlyFirst:
                return first > toRemove
                    ? (first - toRemove, second ?? 0)
                    : throw new TokenizerException(TooShort("first", first, toRemove));
            default:
                if (second is not { } secondLength)
                {
                    throw new TokenizerException("truncation 'only_second' needs a pair of texts, and got a single text longer than the maximum length");
                }
                return secondLength > toRemove
                    ? (first, secondLength - toRemove)
                    : throw new TokenizerException(TooShort("second", secondLength, toRemove));
        }
    }

    private static string TooShort(string which, int length, int toRemove) =>
        $"truncation cannot remove {toRemove} tokens from the {which} sequence, which has only {length}; use 'longest_first' or a larger maximum length";

    private int IdOf(string token) =>
        _vocab.TryGetValue(token, out var id) ? id : throw new TokenizerException($"the special token '{token}' is not in the vocabulary");

    private void EncodeText(string text, List<int> ids)
    {
        foreach (var (start, length, added) in Split(text, _rawAdded))
        {
            if (added is not null)
            {
                ids.Add(added.Id);
                continue;
            }
            var normalized = Normalizer.Normalize(text.Substring(start, length));
            foreach (var (s, l, addedNormalized) in Split(normalized, _normalizedAdded))
            {
                if (addedNormalized is not null)
                {
                    ids.Add(addedNormalized.Id);
                }
                else
                {
                    PreTokenizeAndEncode(normalized.AsSpan(s, l), ids);
                }
            }
        }
    }

    // Sections of the text: (start, length, null) for plain text, (start, length, token) for a matched added token.
    // Leftmost match wins, then the longest; lstrip/rstrip trim whitespace next to a match.
    private static List<(int Start, int Length, AddedToken? Token)> Split(string text, AddedToken[] tokens)
    {
        var sections = new List<(int, int, AddedToken?)>();
        if (tokens.Length == 0 || text.Length == 0)
        {
            if (text.Length > 0)
            {
                sections.Add((0, text.Length, null));
            }
            return sections;
        }
        var plainStart = 0;
        var i = 0;
        while (i < text.Length)
        {
            AddedToken? match = null;
            foreach (var token in tokens)
            {
                if (text.AsSpan(i).StartsWith(token.Content, StringComparison.Ordinal))
                {
                    match = token;
                    break; // sorted longest first
                }
            }
            if (match is null)
            {
                i++;
                continue;
            }
            var plainEnd = i;
            if (match.LeftStrip)
            {
                while (plainEnd > plainStart && BertCharacters.IsWhitespace(text[plainEnd - 1]))
                {
                    plainEnd--;
                }
            }
            if (plainEnd > plainStart)
            {
                sections.Add((plainStart, plainEnd - plainStart, null));
            }
            sections.Add((i, match.Content.Length, match));
            i += match.Content.Length;
            if (match.RightStrip)
            {
                while (i < text.Length && BertCharacters.IsWhitespace(text[i]))
                {
                    i++;
                }
            }
            plainStart = i;
        }
        if (plainStart < text.Length)
        {
            sections.Add((plainStart, text.Length - plainStart, null));
        }
        return sections;
    }

    // The BERT pre-tokenizer: whitespace separates words and is dropped; each punctuation character is a word.
    private void PreTokenizeAndEncode(ReadOnlySpan<char> text, List<int> ids)
    {
        var wordStart = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var start = i;
            int c = text[i];
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                c = char.ConvertToUtf32(text[i], text[i + 1]);
                i++;
            }
            var space = BertCharacters.IsWhitespace(c);
            var punctuation = !space && BertCharacters.IsPunctuation(c);
            if (space || punctuation)
            {
                if (wordStart >= 0)
                {
                    EncodeWord(text[wordStart..start], ids);
                    wordStart = -1;
                }
                if (punctuation)
                {
                    EncodeWord(text[start..(i + 1)], ids);
                }
            }
            else if (wordStart < 0)
            {
                wordStart = start;
            }
        }
        if (wordStart >= 0)
        {
            EncodeWord(text[wordStart..], ids);
        }
    }

    // Greedy longest-match-first WordPiece; the whole word becomes [UNK] when any part cannot be matched.
    private void EncodeWord(ReadOnlySpan<char> word, List<int> ids)
    {
        var codePoints = word.Length;
        for (var i = 0; i < word.Length; i++)
        {
            if (char.IsHighSurrogate(word[i]) && i + 1 < word.Length && char.IsLowSurrogate(word[i + 1]))
            {
                codePoints--;
                i++;
            }
        }
        if (codePoints > Options.MaxInputCharsPerWord)
        {
            ids.Add(UnknownId);
            return;
        }
        if (_lookup.TryGetValue(word, out var whole))
        {
            ids.Add(whole);
            return;
        }
        var mark = ids.Count;
        Span<char> buffer = word.Length + _prefix.Length <= 256 ? stackalloc char[256] : new char[word.Length + _prefix.Length];
        _prefix.AsSpan().CopyTo(buffer);
        var startIndex = 0;
        while (startIndex < word.Length)
        {
            var end = word.Length;
            var found = -1;
            while (end > startIndex)
            {
                var piece = word[startIndex..end];
                int id;
                bool hit;
                if (startIndex == 0)
                {
                    hit = _lookup.TryGetValue(piece, out id);
                }
                else
                {
                    piece.CopyTo(buffer[_prefix.Length..]);
                    hit = _lookup.TryGetValue(buffer[..(_prefix.Length + piece.Length)], out id);
                }
                if (hit)
                {
                    found = id;
                    break;
                }
                end--;
                if (end > startIndex && char.IsLowSurrogate(word[end]) && char.IsHighSurrogate(word[end - 1]))
                {
                    end--; // never split a surrogate pair
                }
            }
            if (found < 0)
            {
                ids.RemoveRange(mark, ids.Count - mark);
                ids.Add(UnknownId);
                return;
            }
            ids.Add(found);
            startIndex = end;
        }
    }
}
