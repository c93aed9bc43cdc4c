namespace Pipeline.Evaluation.Text;

/// <summary>
/// Orders strings as C's <c>strcmp</c> orders their UTF-8 bytes, which is Unicode code point order. It equals
/// ordinal UTF-16 order except where a surrogate pair meets a code unit in U+E000..U+FFFF, which is handled here.
/// trec_eval sorts query ids and breaks score ties with this order.
/// </summary>
internal sealed class ByteOrder : IComparer<string>
{
    /// <summary>The shared instance.</summary>
    public static readonly ByteOrder Instance = new();

    private ByteOrder()
    {
    }

    /// <inheritdoc />
    public int Compare(string? x, string? y) => CompareStrings(x, y);

    /// <summary>Negative, zero or positive as <paramref name="x"/> sorts before, with or after <paramref name="y"/>.</summary>
    public static int CompareStrings(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (x is null)
        {
            return -1;
        }
        if (y is null)
        {
            return 1;
        }
        var common = x.AsSpan().CommonPrefixLength(y);
        if (common == x.Length || common == y.Length)
        {
            return x.Length.CompareTo(y.Length);
        }
        return CodePointRank(x[common]).CompareTo(CodePointRank(y[common]));
    }

    /// <summary>Maps a UTF-16 code unit so that comparing ranks compares the code points they start.</summary>
    private static int CodePointRank(char c) => c switch
    {
        >= '\uD800' and <= '\uDFFF' => c + 0x2000,
        >= '\uE000' => c - 0x800,
        _ => c,
    };
}
