using System.Text;

namespace Pipeline.Text.Tokenization;

/// <summary>
/// Word segmentation by the Unicode word-break rules (UAX #29), emitting the segments that Lucene 8's
/// <c>StandardTokenizer</c> emits: words of letters, digits and connectors (<c>don't</c>, <c>u.s.a</c>, <c>3.14</c>,
/// <c>1,000</c>, <c>foo_bar</c>, <c>a:b</c>), each ideograph and hiragana character on its own, runs of
/// South-East Asian script, and emoji. Whitespace, punctuation and symbols between words are dropped; a segment of
/// connectors only (<c>___</c>) is not a token. A word longer than <see cref="MaxTokenLength"/> UTF-16 code units is
/// cut into pieces of at most that length, as Lucene's scanner does. The text is not changed (no case folding).
/// </summary>
public static class StandardTokenizer
{
    /// <summary>The longest token, in UTF-16 code units (Lucene's default, 255).</summary>
    public const int MaxTokenLength = 255;

    /// <summary>Hands each token of <paramref name="text"/>, in order, to <paramref name="sink"/>.</summary>
    /// <typeparam name="TSink">The receiver; a struct (or ref struct) avoids any allocation.</typeparam>
    /// <param name="text">The text; lone surrogates are treated as symbols (never part of a token).</param>
    /// <param name="sink">Receives the tokens as slices of <paramref name="text"/>.</param>
    public static void Tokenize<TSink>(ReadOnlySpan<char> text, ref TSink sink)
        where TSink : ITokenSink, allows ref struct
    {
        var pos = 0;
        while (pos < text.Length)
        {
            var cls = Read(text, pos, out var width);
            switch (cls)
            {
                case WordBreakClass.ALetter or WordBreakClass.HebrewLetter or WordBreakClass.Numeric
                    or WordBreakClass.Katakana or WordBreakClass.ExtendNumLet:
                    pos = ScanWord(text, pos, cls, width, ref sink);
                    break;
                case WordBreakClass.Ideographic or WordBreakClass.Hiragana or WordBreakClass.Emoji:
                    {
                        var end = SkipIgnorable(text, pos + width);
                        // WB3c: an emoji zero-width-joiner sequence stays one token.
                        while (cls == WordBreakClass.Emoji && end < text.Length && text[end - 1] == '\u200D'
                               && Read(text, end, out var w) == WordBreakClass.Emoji)
                        {
                            end = SkipIgnorable(text, end + w);
                        }
                        EmitChunks(text[pos..end], ref sink);
                        pos = end;
                        break;
                    }
                case WordBreakClass.SoutheastAsian:
                    {
                        var end = SkipIgnorable(text, pos + width);
                        while (end < text.Length && Read(text, end, out var w) == WordBreakClass.SoutheastAsian)
                        {
                            end = SkipIgnorable(text, end + w);
                        }
                        EmitChunks(text[pos..end], ref sink);
                        pos = end;
                        break;
                    }
                default:
                    pos += width;
                    break;
            }
        }
    }

    /// <summary>The tokens of <paramref name="text"/> as strings (convenience; allocates).</summary>
    public static IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var collector = new TokenCollector(new List<string>());
        Tokenize(text.AsSpan(), ref collector);
        return collector.Tokens;
    }

    private static int ScanWord<TSink>(ReadOnlySpan<char> text, int start, WordBreakClass first, int width, ref TSink sink)
        where TSink : ITokenSink, allows ref struct
    {
        var last = first;
        var core = first != WordBreakClass.ExtendNumLet;
        var end = SkipIgnorable(text, start + width);
        if (end - start > MaxTokenLength)
        {
            end = start + width; // a character with absurdly many combining marks: cut before the marks
        }
        while (end < text.Length)
        {
            var c = Read(text, end, out var w);
            int next;
            WordBreakClass nextLast;
            if (CanJoin(last, c))
            {
                next = end + w;
                nextLast = c;
            }
            else if (c is WordBreakClass.MidLetter or WordBreakClass.MidNumLet or WordBreakClass.SingleQuote
                     or WordBreakClass.MidNum or WordBreakClass.DoubleQuote)
            {
                var after = SkipIgnorable(text, end + w);
                var dw = 0;
                var d = after < text.Length ? Read(text, after, out dw) : WordBreakClass.Other;
                if (after < text.Length && JoinsAcross(last, c, d))
                {
                    next = after + dw;
                    nextLast = d;
                }
                else if (last == WordBreakClass.HebrewLetter && c == WordBreakClass.SingleQuote)
                {
                    next = end + w; // WB7a: a Hebrew letter keeps a following apostrophe (geresh substitute)
                    nextLast = WordBreakClass.SingleQuote;
                }
                else
                {
                    break;
                }
            }
            else
            {
                break;
            }
            next = SkipIgnorable(text, next);
            if (next - start > MaxTokenLength)
            {
                break;
            }
            end = next;
            last = nextLast;
            core |= nextLast is WordBreakClass.ALetter or WordBreakClass.HebrewLetter or WordBreakClass.Numeric
                or WordBreakClass.Katakana;
        }
        if (core)
        {
            sink.Accept(text[start..end]);
        }
        return end;
    }

    /// <summary>WB5, WB8–WB10, WB13, WB13a, WB13b: no break between two directly adjacent characters.</summary>
    private static bool CanJoin(WordBreakClass last, WordBreakClass c) => c switch
    {
        WordBreakClass.ALetter or WordBreakClass.HebrewLetter or WordBreakClass.Numeric => last is WordBreakClass.ALetter
            or WordBreakClass.HebrewLetter or WordBreakClass.Numeric or WordBreakClass.ExtendNumLet,
        WordBreakClass.Katakana => last is WordBreakClass.Katakana or WordBreakClass.ExtendNumLet,
        WordBreakClass.ExtendNumLet => last is WordBreakClass.ALetter or WordBreakClass.HebrewLetter
            or WordBreakClass.Numeric or WordBreakClass.Katakana or WordBreakClass.ExtendNumLet,
        _ => false,
    };

    /// <summary>WB6/WB7, WB7b/WB7c, WB11/WB12: a connector joins when the same kind of character follows it.</summary>
    private static bool JoinsAcross(WordBreakClass last, WordBreakClass mid, WordBreakClass next)
    {
        var lastLetter = last is WordBreakClass.ALetter or WordBreakClass.HebrewLetter;
        var nextLetter = next is WordBreakClass.ALetter or WordBreakClass.HebrewLetter;
        if (lastLetter && nextLetter
            && mid is WordBreakClass.MidLetter or WordBreakClass.MidNumLet or WordBreakClass.SingleQuote)
        {
            return true;
        }
        if (last == WordBreakClass.HebrewLetter && next == WordBreakClass.HebrewLetter && mid == WordBreakClass.DoubleQuote)
        {
            return true;
        }
        return last == WordBreakClass.Numeric && next == WordBreakClass.Numeric
            && mid is WordBreakClass.MidNum or WordBreakClass.MidNumLet or WordBreakClass.SingleQuote;
    }

    /// <summary>WB4: extending and format characters belong to the character before them.</summary>
    private static int SkipIgnorable(ReadOnlySpan<char> text, int pos)
    {
        while (pos < text.Length)
        {
            var c = Read(text, pos, out var w);
            if (c is not (WordBreakClass.Extend or WordBreakClass.Format))
            {
                break;
            }
            pos += w;
        }
        return pos;
    }

    private static void EmitChunks<TSink>(ReadOnlySpan<char> token, ref TSink sink)
        where TSink : ITokenSink, allows ref struct
    {
        while (token.Length > MaxTokenLength)
        {
            var cut = char.IsHighSurrogate(token[MaxTokenLength - 1]) ? MaxTokenLength - 1 : MaxTokenLength;
            sink.Accept(token[..cut]);
            token = token[cut..];
        }
        sink.Accept(token);
    }

    private static WordBreakClass Read(ReadOnlySpan<char> text, int pos, out int width)
    {
        var c = text[pos];
        if (c < 0x80 || !char.IsSurrogate(c))
        {
            width = 1;
            return WordBreak.Classify(c);
        }
        if (Rune.DecodeFromUtf16(text[pos..], out var rune, out width) == System.Buffers.OperationStatus.Done)
        {
            return WordBreak.Classify(rune.Value);
        }
        width = 1;
        return WordBreakClass.Other;
    }

    private struct TokenCollector(List<string> tokens) : ITokenSink
    {
        public readonly List<string> Tokens => tokens;

        public readonly void Accept(ReadOnlySpan<char> token) => tokens.Add(token.ToString());
    }
}
