namespace Pipeline.Text.Tokenization;

/// <summary>
/// The Unicode word-break property values (UAX #29) that matter for word segmentation, plus the classes that the
/// tokenizer emits as one-character or run tokens (ideographs, hiragana, South-East Asian scripts, emoji).
/// </summary>
internal enum WordBreakClass : byte
{
    Other,
    Newline,
    Extend,
    Format,
    ALetter,
    HebrewLetter,
    Numeric,
    Katakana,
    ExtendNumLet,
    MidLetter,
    MidNum,
    MidNumLet,
    SingleQuote,
    DoubleQuote,
    Ideographic,
    Hiragana,
    SoutheastAsian,
    Emoji,
}
