namespace Pipeline.Text.Filters;

/// <summary>
/// The Porter stemming algorithm (M. F. Porter, "An algorithm for suffix stripping", 1980) in the form of its
/// author's reference implementation, which Lucene's <c>PorterStemFilter</c> also follows (it differs from the paper in
/// step 2: <c>bli→ble</c> instead of <c>abli→able</c>, and the extra rule <c>logi→log</c>). Works in place on
/// lower-case text; words of one or two characters are left alone; every character other than a, e, i, o, u (and y
/// after a consonant) counts as a consonant. Stateless and thread-safe.
/// </summary>
public static class PorterStemmer
{
    /// <summary>Stems <paramref name="word"/> in place and returns the length of the stem (never more than the input).</summary>
    public static int Stem(Span<char> word)
    {
        if (word.Length <= 2)
        {
            return word.Length;
        }
        var state = new State(word);
        state.Step1ab();
        state.Step1c();
        state.Step2();
        state.Step3();
        state.Step4();
        state.Step5();
        return state.K + 1;
    }

    /// <summary>Stems a string (convenience; allocates).</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var buffer = word.ToCharArray();
        return new string(buffer, 0, Stem(buffer.AsSpan()));
    }

    /// <summary>b[0..k] is the current word; j marks the end of the stem before the suffix last matched.</summary>
    private ref struct State(Span<char> b)
    {
        private readonly Span<char> _b = b;
        private int _j;

        public int K = b.Length - 1;

        private readonly bool IsConsonant(int i)
        {
            switch (_b[i])
            {
                case 'a' or 'e' or 'i' or 'o' or 'u':
                    return false;
                case 'y':
                    return i == 0 || !IsConsonant(i - 1);
                default:
                    return true;
            }
        }

        /// <summary>The measure m of b[0..j]: the number of vowel-consonant sequences.</summary>
        private readonly int Measure()
        {
            var n = 0;
            var i = 0;
            while (true)
            {
                if (i > _j)
                {
                    return n;
                }
                if (!IsConsonant(i))
                {
                    break;
                }
                i++;
            }
            i++;
            while (true)
            {
                while (true)
                {
                    if (i > _j)
                    {
                        return n;
                    }
                    if (IsConsonant(i))
                    {
                        break;
                    }
                    i++;
                }
                i++;
                n++;
                while (true)
                {
                    if (i > _j)
                    {
                        return n;
                    }
                    if (!IsConsonant(i))
                    {
                        break;
                    }
                    i++;
                }
                i++;
            }
        }

        private readonly bool VowelInStem()
        {
            for (var i = 0; i <= _j; i++)
            {
                if (!IsConsonant(i))
                {
                    return true;
                }
            }
            return false;
        }

        private readonly bool DoubleConsonant(int i) => i >= 1 && _b[i] == _b[i - 1] && IsConsonant(i);

        /// <summary>consonant-vowel-consonant ending at i, the last consonant not w, x or y.</summary>
        private readonly bool Cvc(int i) =>
            i >= 2 && IsConsonant(i) && !IsConsonant(i - 1) && IsConsonant(i - 2) && _b[i] is not ('w' or 'x' or 'y');

        private bool Ends(string suffix)
        {
            var start = K - suffix.Length + 1;
            if (start < 0 || !_b.Slice(start, suffix.Length).SequenceEqual(suffix))
            {
                return false;
            }
            _j = K - suffix.Length;
            return true;
        }

        private void SetTo(string replacement)
        {
            replacement.CopyTo(_b[(_j + 1)..]);
            K = _j + replacement.Length;
        }

        private void ReplaceIfMeasured(string replacement)
        {
            if (Measure() > 0)
            {
                SetTo(replacement);
            }
        }

        public void Step1ab()
        {
            if (_b[K] == 's')
            {
                if (Ends("sses"))
                {
                    K -= 2;
                }
                else if (Ends("ies"))
                {
                    SetTo("i");
                }
                else if (_b[K - 1] != 's')
                {
                    K--;
                }
            }
            if (Ends("eed"))
            {
                if (Measure() > 0)
                {
                    K--;
                }
            }
            else if ((Ends("ed") || Ends("ing")) && VowelInStem())
            {
                K = _j;
                if (Ends("at"))
                {
                    SetTo("ate");
                }
                else if (Ends("bl"))
                {
                    SetTo("ble");
                }
                else if (Ends("iz"))
                {
                    SetTo("ize");
                }
                else if (DoubleConsonant(K))
                {
                    if (_b[K] is not ('l' or 's' or 'z'))
                    {
                        K--;
                    }
                }
                else if (Measure() == 1 && Cvc(K))
                {
                    SetTo("e");
                }
            }
        }

        public void Step1c()
        {
            if (Ends("y") && VowelInStem())
            {
                _b[K] = 'i';
            }
        }

        public void Step2()
        {
            if (K == 0)
            {
                return;
            }
            switch (_b[K - 1])
            {
                case 'a':
                    _ = Try("ational", "ate") || Try("tional", "tion");
                    break;
                case 'c':
                    _ = Try("enci", "ence") || Try("anci", "ance");
                    break;
                case 'e':
                    _ = Try("izer", "ize");
                    break;
                case 'l':
                    _ = Try("bli", "ble") || Try("alli", "al") || Try("entli", "ent") || Try("eli", "e") || Try("ousli", "ous");
                    break;
                case 'o':
                    _ = Try("ization", "ize") || Try("ation", "ate") || Try("ator", "ate");
                    break;
                case 's':
                    _ = Try("alism", "al") || Try("iveness", "ive") || Try("fulness", "ful") || Try("ousness", "ous");
                    break;
                case 't':
                    _ = Try("aliti", "al") || Try("iviti", "ive") || Try("biliti", "ble");
                    break;
                case 'g':
                    _ = Try("logi", "log");
                    break;
                default:
                    break;
            }
        }

        public void Step3()
        {
            switch (_b[K])
            {
                case 'e':
                    _ = Try("icate", "ic") || Try("ative", "") || Try("alize", "al");
                    break;
                case 'i':
                    _ = Try("iciti", "ic");
                    break;
                case 'l':
                    _ = Try("ical", "ic") || Try("ful", "");
                    break;
                case 's':
                    _ = Try("ness", "");
                    break;
                default:
                    break;
            }
        }

        /// <summary>If the word ends in <paramref name="suffix"/>, replace it when m &gt; 0; either way the step is over.</summary>
        private bool Try(string suffix, string replacement)
        {
            if (!Ends(suffix))
            {
                return false;
            }
            ReplaceIfMeasured(replacement);
            return true;
        }

        public void Step4()
        {
            if (K == 0)
            {
                return;
            }
            var matched = _b[K - 1] switch
            {
                'a' => Ends("al"),
                'c' => Ends("ance") || Ends("ence"),
                'e' => Ends("er"),
                'i' => Ends("ic"),
                'l' => Ends("able") || Ends("ible"),
                'n' => Ends("ant") || Ends("ement") || Ends("ment") || Ends("ent"),
                'o' => (Ends("ion") && _j >= 0 && _b[_j] is 's' or 't') || Ends("ou"),
                's' => Ends("ism"),
                't' => Ends("ate") || Ends("iti"),
                'u' => Ends("ous"),
                'v' => Ends("ive"),
                'z' => Ends("ize"),
                _ => false,
            };
            if (matched && Measure() > 1)
            {
                K = _j;
            }
        }

        public void Step5()
        {
            _j = K;
            if (_b[K] == 'e')
            {
                var m = Measure();
                if (m > 1 || (m == 1 && !Cvc(K - 1)))
                {
                    K--;
                }
            }
            if (_b[K] == 'l' && DoubleConsonant(K) && Measure() > 1)
            {
                K--;
            }
        }
    }
}
