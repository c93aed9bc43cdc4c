using System.Text;
using Pipeline.Tokenization.Unicode;

namespace Pipeline.Tokenization;

/// <summary>
/// The BERT normalizer as Hugging Face tokenizers apply it: clean (drop controls, whitespace to spaces), space out CJK
/// ideographs, lowercase (full case mapping, final sigma), strip accents (NFD without nonspacing marks). The character
/// data is built in (<c>Unicode/UnicodeTables.g.cs</c>), so results do not depend on the runtime's globalization mode.
/// </summary>
public sealed class BertNormalizer
{
    private const int CapitalSigma = 0x03A3;
    private readonly BertNormalizerOptions _options;

    /// <summary>Creates a normalizer.</summary>
    public BertNormalizer(BertNormalizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>The options.</summary>
    public BertNormalizerOptions Options => _options;

    /// <summary>Normalizes a text.</summary>
    public string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lowercase = _options.Lowercase;
        var strip = _options.StripAccents ?? lowercase;
        if (IsPlainAscii(text))
        {
            return NormalizeAscii(text, lowercase);
        }
        var cleaned = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = ReadCodePoint(text, ref i);
            if (_options.CleanText)
            {
                if (c is 0 or 0xFFFD || BertCharacters.IsControl(c))
                {
                    continue;
                }
                if (BertCharacters.IsWhitespace(c))
                {
                    cleaned.Append(' ');
                    continue;
                }
            }
            if (_options.HandleChineseChars && BertCharacters.IsChinese(c))
            {
                cleaned.Append(' ');
                BertCharacters.AppendCodePoint(cleaned, c);
                cleaned.Append(' ');
                continue;
            }
            BertCharacters.AppendCodePoint(cleaned, c);
        }
        var result = cleaned.ToString();
        if (lowercase)
        {
            result = Lower(result);
        }
        if (strip)
        {
            result = Strip(result);
        }
        return result;
    }

    private string NormalizeAscii(string text, bool lowercase)
    {
        return string.Create(text.Length, (text, lowercase, _options.CleanText), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = state.text[i];
                if (state.CleanText && c is '\t' or '\n' or '\r' or '\v' or '\f')
                {
                    c = ' ';
                }
                span[i] = state.lowercase && c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
            }
        });
    }

    // Printable ASCII (plus tab, newline, return): no controls to drop, no ideographs, no accents, ASCII case only.
    private static bool IsPlainAscii(string text)
    {
        foreach (var c in text)
        {
            if (c >= 0x7F || (c < 0x20 && c is not ('\t' or '\n' or '\r')))
            {
                return false;
            }
        }
        return true;
    }

    private static string Lower(string text)
    {
        var into = new StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            var start = i;
            var c = ReadCodePoint(text, ref i);
            if (c == CapitalSigma)
            {
                into.Append(IsFinalSigma(text, start, i + 1) ? 'ς' : 'σ');
                continue;
            }
            BertCharacters.AppendLower(into, c);
        }
        return into.ToString();
    }

    // Unicode's Final_Sigma condition: a cased letter before (skipping case-ignorables) and none after.
    private static bool IsFinalSigma(string text, int sigmaIndex, int afterIndex)
    {
        var before = false;
        for (var i = sigmaIndex - 1; i >= 0; i--)
        {
            var c = ReadCodePointBackward(text, ref i);
            if (BertCharacters.IsCaseIgnorable(c))
            {
                continue;
            }
            before = BertCharacters.IsCased(c);
            break;
        }
        if (!before)
        {
            return false;
        }
        for (var i = afterIndex; i < text.Length; i++)
        {
            var c = ReadCodePoint(text, ref i);
            if (BertCharacters.IsCaseIgnorable(c))
            {
                continue;
            }
            return !BertCharacters.IsCased(c);
        }
        return true;
    }

    private static string Strip(string text)
    {
        var into = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            BertCharacters.AppendStripped(into, ReadCodePoint(text, ref i));
        }
        return into.ToString();
    }

    /// <summary>The code point at <paramref name="i"/>; advances <paramref name="i"/> past a surrogate pair's first half.</summary>
    internal static int ReadCodePoint(string text, ref int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            i++;
            return char.ConvertToUtf32(c, text[i]);
        }
        return c;
    }

    private static int ReadCodePointBackward(string text, ref int i)
    {
        var c = text[i];
        if (char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1]))
        {
            i--;
            return char.ConvertToUtf32(text[i], c);
        }
        return c;
    }
}
