using System.Globalization;

namespace Pipeline.Text.Tokenization;

/// <summary>
/// Maps a code point to its <see cref="WordBreakClass"/>. The property is derived from the general category that .NET
/// knows, with the explicit code points and script ranges in which UAX #29's word-break property departs from it. Exact
/// for ASCII and Latin-1, for the punctuation that the word-break rules name, and for the scripts of the test corpora;
/// elsewhere an approximation (see ARCHITECTURE.md).
/// </summary>
internal static class WordBreak
{
    /// <summary>
    /// Code points with the Unicode Emoji property (emoji-data.txt), beyond ASCII; the keycap bases 0-9, # and * and
    /// the skin-tone modifiers are left out. Pairs of first and last code point, sorted.
    /// </summary>
    private static readonly int[] EmojiRanges =
    [
        0xA9, 0xA9, 0xAE, 0xAE, 0x203C, 0x203C, 0x2049, 0x2049, 0x2122, 0x2122, 0x2139, 0x2139,
        0x2194, 0x2199, 0x21A9, 0x21AA, 0x231A, 0x231B, 0x2328, 0x2328, 0x23CF, 0x23CF, 0x23E9, 0x23F3,
        0x23F8, 0x23FA, 0x24C2, 0x24C2, 0x25AA, 0x25AB, 0x25B6, 0x25B6, 0x25C0, 0x25C0, 0x25FB, 0x25FE,
        0x2600, 0x2604, 0x260E, 0x260E, 0x2611, 0x2611, 0x2614, 0x2615, 0x2618, 0x2618, 0x261D, 0x261D,
        0x2620, 0x2620, 0x2622, 0x2623, 0x2626, 0x2626, 0x262A, 0x262A, 0x262E, 0x262F, 0x2638, 0x263A,
        0x2640, 0x2640, 0x2642, 0x2642, 0x2648, 0x2653, 0x265F, 0x2660, 0x2663, 0x2663, 0x2665, 0x2666,
        0x2668, 0x2668, 0x267B, 0x267B, 0x267E, 0x267F, 0x2692, 0x2697, 0x2699, 0x2699, 0x269B, 0x269C,
        0x26A0, 0x26A1, 0x26A7, 0x26A7, 0x26AA, 0x26AB, 0x26B0, 0x26B1, 0x26BD, 0x26BE, 0x26C4, 0x26C5,
        0x26C8, 0x26C8, 0x26CE, 0x26CF, 0x26D1, 0x26D1, 0x26D3, 0x26D4, 0x26E9, 0x26EA, 0x26F0, 0x26F5,
        0x26F7, 0x26FA, 0x26FD, 0x26FD, 0x2702, 0x2702, 0x2705, 0x2705, 0x2708, 0x270D, 0x270F, 0x270F,
        0x2712, 0x2712, 0x2714, 0x2714, 0x2716, 0x2716, 0x271D, 0x271D, 0x2721, 0x2721, 0x2728, 0x2728,
        0x2733, 0x2734, 0x2744, 0x2744, 0x2747, 0x2747, 0x274C, 0x274C, 0x274E, 0x274E, 0x2753, 0x2755,
        0x2757, 0x2757, 0x2763, 0x2764, 0x2795, 0x2797, 0x27A1, 0x27A1, 0x27B0, 0x27B0, 0x27BF, 0x27BF,
        0x2934, 0x2935, 0x2B05, 0x2B07, 0x2B1B, 0x2B1C, 0x2B50, 0x2B50, 0x2B55, 0x2B55, 0x3030, 0x3030,
        0x303D, 0x303D, 0x3297, 0x3297, 0x3299, 0x3299, 0x1F004, 0x1F004, 0x1F0CF, 0x1F0CF, 0x1F170, 0x1F171,
        0x1F17E, 0x1F17F, 0x1F18E, 0x1F18E, 0x1F191, 0x1F19A, 0x1F1E6, 0x1F1FF, 0x1F201, 0x1F202, 0x1F21A, 0x1F21A,
        0x1F22F, 0x1F22F, 0x1F232, 0x1F23A, 0x1F250, 0x1F251, 0x1F300, 0x1F321, 0x1F324, 0x1F393, 0x1F396, 0x1F397,
        0x1F399, 0x1F39B, 0x1F39E, 0x1F3F0, 0x1F3F3, 0x1F3F5, 0x1F3F7, 0x1F3FA, 0x1F400, 0x1F4FD, 0x1F4FF, 0x1F53D,
        0x1F549, 0x1F54E, 0x1F550, 0x1F567, 0x1F56F, 0x1F570, 0x1F573, 0x1F57A, 0x1F587, 0x1F587, 0x1F58A, 0x1F58D,
        0x1F590, 0x1F590, 0x1F595, 0x1F596, 0x1F5A4, 0x1F5A5, 0x1F5A8, 0x1F5A8, 0x1F5B1, 0x1F5B2, 0x1F5BC, 0x1F5BC,
        0x1F5C2, 0x1F5C4, 0x1F5D1, 0x1F5D3, 0x1F5DC, 0x1F5DE, 0x1F5E1, 0x1F5E1, 0x1F5E3, 0x1F5E3, 0x1F5E8, 0x1F5E8,
        0x1F5EF, 0x1F5EF, 0x1F5F3, 0x1F5F3, 0x1F5FA, 0x1F64F, 0x1F680, 0x1F6C5, 0x1F6CB, 0x1F6D2, 0x1F6D5, 0x1F6D7,
        0x1F6DD, 0x1F6E5, 0x1F6E9, 0x1F6E9, 0x1F6EB, 0x1F6EC, 0x1F6F0, 0x1F6F0, 0x1F6F3, 0x1F6FC, 0x1F7E0, 0x1F7EB,
        0x1F7F0, 0x1F7F0, 0x1F90C, 0x1F93A, 0x1F93C, 0x1F945, 0x1F947, 0x1F9FF, 0x1FA70, 0x1FA74, 0x1FA78, 0x1FA7C,
        0x1FA80, 0x1FA86, 0x1FA90, 0x1FAAC, 0x1FAB0, 0x1FABA, 0x1FAC0, 0x1FAC5, 0x1FAD0, 0x1FAD9, 0x1FAE0, 0x1FAE7,
        0x1FAF0, 0x1FAF6,    ];

    // Built from ClassifySlow, so it must come after the tables that ClassifySlow reads.
    private static readonly WordBreakClass[] Latin1 = BuildLatin1();

    public static WordBreakClass Classify(int codePoint)
    {
        if (codePoint < 0x100)
        {
            return Latin1[codePoint];
        }
        return ClassifySlow(codePoint);
    }

    private static WordBreakClass[] BuildLatin1()
    {
        var table = new WordBreakClass[0x100];
        for (var c = 0; c < table.Length; c++)
        {
            table[c] = ClassifySlow(c);
        }
        return table;
    }

    private static WordBreakClass ClassifySlow(int cp)
    {
        switch (cp)
        {
            case 0x0A or 0x0B or 0x0C or 0x0D or 0x85 or 0x2028 or 0x2029:
                return WordBreakClass.Newline;
            case 0x27:
                return WordBreakClass.SingleQuote;
            case 0x22:
                return WordBreakClass.DoubleQuote;
            case 0x2E or 0x2018 or 0x2019 or 0x2024 or 0xFE52 or 0xFF07 or 0xFF0E:
                return WordBreakClass.MidNumLet;
            case 0x3A or 0xB7 or 0x387 or 0x5F4 or 0x2027 or 0xFE13 or 0xFE55 or 0xFF1A:
                return WordBreakClass.MidLetter;
            case 0x2C or 0x3B or 0x37E or 0x589 or 0x60C or 0x60D or 0x66C or 0x7F8 or 0x2044 or 0xFE10 or 0xFE14
                or 0xFE50 or 0xFE54 or 0xFF0C or 0xFF1B:
                return WordBreakClass.MidNum;
            case 0x5F or 0x202F or 0x203F or 0x2040 or 0x2054 or 0xFE33 or 0xFE34 or 0xFE4D or 0xFE4E or 0xFE4F or 0xFF3F:
                return WordBreakClass.ExtendNumLet;
            case 0x66B:
                return WordBreakClass.Numeric;
            case 0x5F3:
                return WordBreakClass.ALetter;
            case 0x200B:
                return WordBreakClass.Other;
            case 0x200C or 0x200D or 0xFF9E or 0xFF9F:
                return WordBreakClass.Extend;
            default:
                break;
        }
        if (IsKatakana(cp))
        {
            return WordBreakClass.Katakana;
        }
        if (cp is >= 0x3040 and <= 0x309F)
        {
            return WordBreakClass.Hiragana;
        }
        if (IsIdeographic(cp))
        {
            return WordBreakClass.Ideographic;
        }
        if (IsSoutheastAsian(cp))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(cp);
            return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                ? WordBreakClass.Extend
                : category is UnicodeCategory.DecimalDigitNumber ? WordBreakClass.Numeric : WordBreakClass.SoutheastAsian;
        }
        if (cp is (>= 0x5D0 and <= 0x5EA) or (>= 0x5EF and <= 0x5F2) or (>= 0xFB1D and <= 0xFB4F)
            && CharUnicodeInfo.GetUnicodeCategory(cp) == UnicodeCategory.OtherLetter)
        {
            return WordBreakClass.HebrewLetter;
        }
        if (cp is >= 0x1F3FB and <= 0x1F3FF)
        {
            return WordBreakClass.Extend; // emoji skin-tone modifiers stay with their base
        }
        if (IsEmoji(cp))
        {
            return WordBreakClass.Emoji;
        }
        if (cp is >= 0x24B6 and <= 0x24E9)
        {
            return WordBreakClass.ALetter; // circled Latin letters: So, but Alphabetic
        }
        return CharUnicodeInfo.GetUnicodeCategory(cp) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber
                => WordBreakClass.ALetter,
            UnicodeCategory.DecimalDigitNumber => cp is >= 0xFF10 and <= 0xFF19 ? WordBreakClass.Other : WordBreakClass.Numeric,
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                => WordBreakClass.Extend,
            UnicodeCategory.Format => WordBreakClass.Format,
            _ => WordBreakClass.Other,
        };
    }

    private static bool IsEmoji(int cp)
    {
        if (cp < 0xA9)
        {
            return false;
        }
        int lo = 0, hi = (EmojiRanges.Length / 2) - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (cp < EmojiRanges[2 * mid])
            {
                hi = mid - 1;
            }
            else if (cp > EmojiRanges[(2 * mid) + 1])
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsKatakana(int cp) =>
        cp is (>= 0x3031 and <= 0x3035) or 0x309B or 0x309C or (>= 0x30A0 and <= 0x30FA) or (>= 0x30FC and <= 0x30FF)
            or (>= 0x31F0 and <= 0x31FF) or (>= 0x32D0 and <= 0x32FE) or (>= 0x3300 and <= 0x3357)
            or (>= 0xFF66 and <= 0xFF9D);

    private static bool IsIdeographic(int cp) =>
        cp is (>= 0x2E80 and <= 0x2FDF) or 0x3005 or 0x3006 or 0x3007 or (>= 0x3021 and <= 0x3029)
            or (>= 0x3038 and <= 0x303B) or (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF)
            or (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x3FFFF);

    private static bool IsSoutheastAsian(int cp) =>
        cp is (>= 0x0E00 and <= 0x0EFF) or (>= 0x1000 and <= 0x109F) or (>= 0x1780 and <= 0x17FF)
            or (>= 0x1950 and <= 0x19DF) or (>= 0x1A20 and <= 0x1AAF) or (>= 0xAA60 and <= 0xAADF);
}
