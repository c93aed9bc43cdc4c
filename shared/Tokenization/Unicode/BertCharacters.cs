using System.Text;

namespace Pipeline.Tokenization.Unicode;

/// <summary>
/// The character classes and maps of the BERT normalizer and pre-tokenizer, from <see cref="UnicodeTables"/> (one Unicode
/// version for all of them, independent of the runtime's globalization mode).
/// </summary>
internal static class BertCharacters
{
    private const int HangulBase = 0xAC00, HangulCount = 11172, JamoL = 0x1100, JamoV = 0x1161, JamoT = 0x11A7, VCount = 21, TCount = 28;

    /// <summary>Whitespace as JavaScript's <c>\s</c> and Rust's <c>char::is_whitespace</c> agree on (after control removal).</summary>
    public static bool IsWhitespace(int c) => c switch
    {
        ' ' or '\t' or '\n' or '\r' or '\v' or '\f' or 0x85 or 0xA0 or 0x1680 or 0x2028 or 0x2029 or 0x202F or 0x205F or 0x3000 or 0xFEFF => true,
        >= 0x2000 and <= 0x200A => true,
        _ => false,
    };

    /// <summary>Control for cleaning: general categories Cc, Cf, Co (and lone surrogates), except tab, newline, carriage return.</summary>
    public static bool IsControl(int c) =>
        c is not ('\t' or '\n' or '\r') && (c is >= 0xD800 and <= 0xDFFF || InRanges(UnicodeTables.ControlRanges, c));

    /// <summary>BERT punctuation: ASCII 0x21-0x2F, 0x3A-0x40, 0x5B-0x60, 0x7B-0x7E, and Unicode category P.</summary>
    public static bool IsPunctuation(int c) =>
        c is >= 0x21 and <= 0x2F or >= 0x3A and <= 0x40 or >= 0x5B and <= 0x60 or >= 0x7B and <= 0x7E
        || (c > 0x7F && InRanges(UnicodeTables.PunctuationRanges, c));

    /// <summary>The CJK Unified Ideograph blocks that BERT surrounds with spaces.</summary>
    public static bool IsChinese(int c) =>
        c is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0x20000 and <= 0x2A6DF or >= 0x2A700 and <= 0x2B73F
            or >= 0x2B740 and <= 0x2B81F or >= 0x2B820 and <= 0x2CEAF or >= 0xF900 and <= 0xFAFF or >= 0x2F800 and <= 0x2FA1F;

    /// <summary>Appends the full lowercase mapping of a code point (U+0130 becomes "i" + U+0307).</summary>
    public static void AppendLower(StringBuilder into, int c)
    {
        if (c < 0x80)
        {
            into.Append((char)(c is >= 'A' and <= 'Z' ? c + 32 : c));
            return;
        }
        if (!TryMap(UnicodeTables.LowercaseKeys, UnicodeTables.LowercaseOffsets, UnicodeTables.LowercaseChars, c, into))
        {
            AppendCodePoint(into, c);
        }
    }

    /// <summary>Appends NFD(c) without its nonspacing marks (category Mn); Hangul syllables become their jamo.</summary>
    public static void AppendStripped(StringBuilder into, int c)
    {
        if (c < 0xC0)
        {
            AppendCodePoint(into, c);
            return;
        }
        var s = c - HangulBase;
        if (s is >= 0 and < HangulCount)
        {
            into.Append((char)(JamoL + (s / (VCount * TCount))));
            into.Append((char)(JamoV + (s % (VCount * TCount) / TCount)));
            if (s % TCount != 0)
            {
                into.Append((char)(JamoT + (s % TCount)));
            }
            return;
        }
        if (!TryMap(UnicodeTables.StripAccentsKeys, UnicodeTables.StripAccentsOffsets, UnicodeTables.StripAccentsChars, c, into))
        {
            AppendCodePoint(into, c);
        }
    }

    /// <summary>Whether a code point is cased (a letter with case), for the final-sigma rule.</summary>
    public static bool IsCased(int c)
    {
        if (!Rune.IsValid(c))
        {
            return false;
        }
        var category = Rune.GetUnicodeCategory(new Rune(c));
        return category is System.Globalization.UnicodeCategory.UppercaseLetter or System.Globalization.UnicodeCategory.LowercaseLetter
            or System.Globalization.UnicodeCategory.TitlecaseLetter;
    }

    /// <summary>Whether a code point is case-ignorable (marks, formats, modifiers, word-internal punctuation), for final sigma.</summary>
    public static bool IsCaseIgnorable(int c)
    {
        if (c is '\'' or '.' or ':' or '^' or '`' or 0xB7 or 0x2018 or 0x2019 or 0x2024 or 0xFE52 or 0xFF07 or 0xFF0E)
        {
            return true;
        }
        if (!Rune.IsValid(c))
        {
            return false;
        }
        var category = Rune.GetUnicodeCategory(new Rune(c));
        return category is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.EnclosingMark
            or System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.ModifierLetter
            or System.Globalization.UnicodeCategory.ModifierSymbol;
    }

    public static void AppendCodePoint(StringBuilder into, int c)
    {
        if (c < 0x10000)
        {
            into.Append((char)c);
        }
        else
        {
            c -= 0x10000;
            into.Append((char)(0xD800 + (c >> 10)));
            into.Append((char)(0xDC00 + (c & 0x3FF)));
        }
    }

    private static bool TryMap(ReadOnlySpan<int> keys, ReadOnlySpan<int> offsets, ReadOnlySpan<char> chars, int c, StringBuilder into)
    {
        var index = keys.BinarySearch(c);
        if (index < 0)
        {
            return false;
        }
        into.Append(chars[offsets[index]..offsets[index + 1]]);
        return true;
    }

    private static bool InRanges(ReadOnlySpan<int> ranges, int c)
    {
        // ranges holds start/end pairs; find the last start <= c.
        int lo = 0, hi = (ranges.Length / 2) - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (ranges[2 * mid] <= c)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return hi >= 0 && c <= ranges[(2 * hi) + 1];
    }
}
