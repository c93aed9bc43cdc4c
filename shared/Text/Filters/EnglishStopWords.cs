using System.Collections.Frozen;

namespace Pipeline.Text.Filters;

/// <summary>
/// The 33 English stop words of Lucene 8's <c>EnglishAnalyzer.ENGLISH_STOP_WORDS_SET</c>, matched exactly (after
/// lower-casing).
/// </summary>
public static class EnglishStopWords
{
    /// <summary>The words, in alphabetical order.</summary>
    public static IReadOnlyList<string> Words { get; } =
    [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not",
        "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was",
        "will", "with",
    ];

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Words.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Whether <paramref name="token"/> is one of the stop words (ordinal comparison).</summary>
    public static bool Contains(ReadOnlySpan<char> token) => token.Length <= 5 && Lookup.Contains(token);
}
