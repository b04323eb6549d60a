namespace CvTailor.Api.Generation.Text;

/// <summary>
/// The classic Porter (1980) suffix-stripping stemmer for lower-case English words.
/// Deterministic and allocation-light; used so "scheduling" and "schedule", "commander" and "command" meet.
/// </summary>
public static class PorterStemmer
{
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= 2)
        {
            return word;
        }

        var b = new Word(word);
        Step1A(b);
        Step1B(b);
        Step1C(b);
        Step2(b);
        Step3(b);
        Step4(b);
        Step5A(b);
        Step5B(b);
        return b.ToString();
    }

    sealed class Word(string text)
    {
        readonly char[] _chars = text.ToCharArray();

        public int Length { get; set; } = text.Length;

        public char this[int i] => _chars[i];

        public override string ToString() => new(_chars, 0, Length);

        public bool EndsWith(string suffix)
        {
            if (suffix.Length > Length)
            {
                return false;
            }

            var offset = Length - suffix.Length;
            for (var i = 0; i < suffix.Length; i++)
            {
                if (_chars[offset + i] != suffix[i])
                {
                    return false;
                }
            }

            return true;
        }

        public void Replace(string suffix, string replacement)
        {
            var start = Length - suffix.Length;
            for (var i = 0; i < replacement.Length; i++)
            {
                _chars[start + i] = replacement[i];
            }

            Length = start + replacement.Length;
        }

        public bool IsConsonant(int i)
        {
            var c = _chars[i];
            return c switch
            {
                'a' or 'e' or 'i' or 'o' or 'u' => false,
                'y' => i == 0 || !IsConsonant(i - 1),
                _ => true,
            };
        }

        /// <summary>Porter's m: the number of VC sequences in the first <paramref name="length"/> letters.</summary>
        public int Measure(int length)
        {
            var n = 0;
            var i = 0;
            while (i < length && IsConsonant(i))
            {
                i++;
            }

            while (i < length)
            {
                while (i < length && !IsConsonant(i))
                {
                    i++;
                }

                if (i >= length)
                {
                    break;
                }

                n++;
                while (i < length && IsConsonant(i))
                {
                    i++;
                }
            }

            return n;
        }

        public bool HasVowel(int length)
        {
            for (var i = 0; i < length; i++)
            {
                if (!IsConsonant(i))
                {
                    return true;
                }
            }

            return false;
        }

        public bool EndsWithDoubleConsonant(int length) =>
            length >= 2 && _chars[length - 1] == _chars[length - 2] && IsConsonant(length - 1);

        /// <summary>cvc where the last c is not w, x or y (e.g. -hop, -fil).</summary>
        public bool EndsCvc(int length)
        {
            if (length < 3 || !IsConsonant(length - 1) || IsConsonant(length - 2) || !IsConsonant(length - 3))
            {
                return false;
            }

            var c = _chars[length - 1];
            return c is not ('w' or 'x' or 'y');
        }
    }

    static void Step1A(Word b)
    {
        if (b.EndsWith("sses"))
        {
            b.Replace("sses", "ss");
        }
        else if (b.EndsWith("ies"))
        {
            b.Replace("ies", "i");
        }
        else if (b.EndsWith("ss"))
        {
            // unchanged
        }
        else if (b.EndsWith("s"))
        {
            b.Replace("s", "");
        }
    }

    static void Step1B(Word b)
    {
        if (b.EndsWith("eed"))
        {
            if (b.Measure(b.Length - 3) > 0)
            {
                b.Replace("eed", "ee");
            }

            return;
        }

        string? removed = null;
        if (b.EndsWith("ed") && b.HasVowel(b.Length - 2))
        {
            removed = "ed";
        }
        else if (b.EndsWith("ing") && b.HasVowel(b.Length - 3))
        {
            removed = "ing";
        }

        if (removed is null)
        {
            return;
        }

        b.Replace(removed, "");
        if (b.EndsWith("at"))
        {
            b.Replace("at", "ate");
        }
        else if (b.EndsWith("bl"))
        {
            b.Replace("bl", "ble");
        }
        else if (b.EndsWith("iz"))
        {
            b.Replace("iz", "ize");
        }
        else if (b.EndsWithDoubleConsonant(b.Length))
        {
            var last = b[b.Length - 1];
            if (last is not ('l' or 's' or 'z'))
            {
                b.Length--;
            }
        }
        else if (b.Measure(b.Length) == 1 && b.EndsCvc(b.Length))
        {
            b.Replace("", "e");
        }
    }

    static void Step1C(Word b)
    {
        if (b.EndsWith("y") && b.HasVowel(b.Length - 1))
        {
            b.Replace("y", "i");
        }
    }

    static readonly (string Suffix, string Replacement)[] Step2Rules =
    [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
        ("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
        ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
        ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"), ("logi", "log"),
    ];

    static readonly (string Suffix, string Replacement)[] Step3Rules =
    [
        ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
    ];

    static readonly string[] Step4Suffixes =
    [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate",
        "iti", "ous", "ive", "ize",
    ];

    static void ApplyFirstMatch(Word b, (string Suffix, string Replacement)[] rules)
    {
        foreach (var (suffix, replacement) in rules)
        {
            if (b.EndsWith(suffix))
            {
                if (b.Measure(b.Length - suffix.Length) > 0)
                {
                    b.Replace(suffix, replacement);
                }

                return;
            }
        }
    }

    static void Step2(Word b) => ApplyFirstMatch(b, Step2Rules);

    static void Step3(Word b) => ApplyFirstMatch(b, Step3Rules);

    static void Step4(Word b)
    {
        // Longest matching suffix wins, as in the original algorithm.
        string? match = null;
        foreach (var suffix in Step4Suffixes)
        {
            if (b.EndsWith(suffix) && (match is null || suffix.Length > match.Length))
            {
                match = suffix;
            }
        }

        if (match is null)
        {
            return;
        }

        var stemLength = b.Length - match.Length;
        if (b.Measure(stemLength) <= 1)
        {
            return;
        }

        if (match == "ion" && (stemLength == 0 || (b[stemLength - 1] != 's' && b[stemLength - 1] != 't')))
        {
            return;
        }

        b.Length = stemLength;
    }

    static void Step5A(Word b)
    {
        if (!b.EndsWith("e"))
        {
            return;
        }

        var m = b.Measure(b.Length - 1);
        if (m > 1 || (m == 1 && !b.EndsCvc(b.Length - 1)))
        {
            b.Length--;
        }
    }

    static void Step5B(Word b)
    {
        if (b.Length > 1 && b[b.Length - 1] == 'l' && b.EndsWithDoubleConsonant(b.Length) && b.Measure(b.Length) > 1)
        {
            b.Length--;
        }
    }
}
