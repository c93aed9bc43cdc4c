using Pipeline.Text.Filters;
using Pipeline.Text.Tokenization;

namespace Pipeline.Text;

/// <summary>
/// Turns text into index terms: <see cref="StandardTokenizer"/> segmentation, then a fixed chain of filters. Two
/// analyzers exist: <see cref="English"/> (equivalent to Lucene 8's <c>EnglishAnalyzer</c>) and <see cref="Plain"/>
/// (tokenize and lower-case only). Immutable and thread-safe; analysis allocates nothing per token.
/// </summary>
public sealed class Analyzer
{
    private readonly bool _possessive;
    private readonly bool _stopWords;
    private readonly bool _stem;

    private Analyzer(string name, bool possessive, bool stopWords, bool stem)
    {
        Name = name;
        _possessive = possessive;
        _stopWords = stopWords;
        _stem = stem;
    }

    /// <summary>
    /// Lucene 8's <c>EnglishAnalyzer</c> with its defaults: standard tokenizer, English possessive removal (a trailing
    /// <c>'s</c>, <c>’s</c> or <c>＇s</c>), lower-casing, the 33 <see cref="EnglishStopWords"/>, Porter stemming.
    /// Name <c>english</c>.
    /// </summary>
    public static Analyzer English { get; } = new("english", possessive: true, stopWords: true, stem: true);

    /// <summary>Standard tokenizer and lower-casing only: no stop words, no stemming. Name <c>plain</c>.</summary>
    public static Analyzer Plain { get; } = new("plain", possessive: false, stopWords: false, stem: false);

    /// <summary>The names <see cref="FromName"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["english", "plain"];

    /// <summary>The analyzer's name, recorded in indexes so that queries are analyzed the same way.</summary>
    public string Name { get; }

    /// <summary>The analyzer with the given name (<c>english</c> or <c>plain</c>, ordinal).</summary>
    /// <exception cref="ArgumentException">No analyzer has that name.</exception>
    public static Analyzer FromName(string name) => name switch
    {
        "english" => English,
        "plain" => Plain,
        _ => throw new ArgumentException(
            $"unknown analyzer '{name}' (known: {string.Join(", ", Names)})", nameof(name)),
    };

    /// <summary>Hands each term of <paramref name="text"/>, in order, to <paramref name="sink"/>.</summary>
    /// <typeparam name="TSink">The receiver; a struct avoids any allocation.</typeparam>
    public void Analyze<TSink>(ReadOnlySpan<char> text, ref TSink sink)
        where TSink : ITokenSink
    {
        var filter = new FilterSink<TSink>(this, ref sink);
        StandardTokenizer.Tokenize(text, ref filter);
    }

    /// <summary>The terms of <paramref name="text"/> as strings (convenience; allocates).</summary>
    public IReadOnlyList<string> Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var collector = new Collector(new List<string>());
        Analyze(text.AsSpan(), ref collector);
        return collector.Terms;
    }

    /// <summary>Applies the filter chain to one token, writing into <paramref name="buffer"/>; returns the term length (0: dropped).</summary>
    internal int Filter(ReadOnlySpan<char> token, Span<char> buffer)
    {
        var length = token.Length;
        if (_possessive && length >= 2 && token[length - 1] is 's' or 'S' && token[length - 2] is '\'' or '\u2019' or '\uFF07')
        {
            length -= 2;
        }
        length = LowerCase(token[..length], buffer);
        if (length == 0 || (_stopWords && EnglishStopWords.Contains(buffer[..length])))
        {
            return 0;
        }
        return _stem ? PorterStemmer.Stem(buffer[..length]) : length;
    }

    /// <summary>Lower-cases code point by code point, as Java's <c>Character.toLowerCase(int)</c> does.</summary>
    private static int LowerCase(ReadOnlySpan<char> source, Span<char> destination)
    {
        var n = 0;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c < 0x80)
            {
                destination[n++] = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < source.Length && char.IsLowSurrogate(source[i + 1]))
            {
                var rune = System.Text.Rune.ToLowerInvariant(new System.Text.Rune(c, source[i + 1]));
                n += rune.EncodeToUtf16(destination[n..]);
                i++;
            }
            else
            {
                // Java maps İ (U+0130) to i; .NET's invariant casing keeps it.
                destination[n++] = c == '\u0130' ? 'i' : char.ToLowerInvariant(c);
            }
        }
        return n;
    }

    private ref struct FilterSink<TSink>(Analyzer analyzer, ref TSink inner) : ITokenSink
        where TSink : ITokenSink
    {
        private readonly ref TSink _inner = ref inner;

        public void Accept(ReadOnlySpan<char> token)
        {
            Span<char> buffer = stackalloc char[StandardTokenizer.MaxTokenLength + 1];
            var length = analyzer.Filter(token, buffer);
            if (length > 0)
            {
                _inner.Accept(buffer[..length]);
            }
        }
    }

    private readonly struct Collector(List<string> terms) : ITokenSink
    {
        public List<string> Terms => terms;

        public void Accept(ReadOnlySpan<char> token) => terms.Add(token.ToString());
    }
}
