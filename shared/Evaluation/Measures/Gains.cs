using Pipeline.Evaluation.Ranking;
using Pipeline.Evaluation.Text;

namespace Pipeline.Evaluation.Measures;

/// <summary>
/// Gain values for the gain-based measures (trec_eval's gain_init.c): by default a grade's gain is the grade; pairs
/// <c>level=gain</c> whose level is an integer override it. Entries are sorted by increasing gain with trec_eval's
/// comparator <c>(int)(a.gain - b.gain)</c> under glibc's merge sort, so even fractional gains order as trec_eval
/// orders them.
/// </summary>
internal sealed class Gains
{
    private readonly (long Level, double Gain)[] _overrides;

    public Gains((string Name, double Value)[] pairs)
    {
        var overrides = new List<(long, double)>();
        foreach (var (name, value) in pairs)
        {
            if (IsInteger(name))
            {
                overrides.Add((CFormat.ParseLongPrefix(name), value));
            }
        }
        _overrides = [.. overrides];
    }

    /// <summary>One gain level of a query.</summary>
    public struct Level
    {
        public long RelLevel;
        public long NumAtLevel;
        public double Gain;
    }

    /// <summary>The gain levels of <paramref name="query"/>, sorted by increasing gain.</summary>
    public Level[] Setup(RankedQuery query)
    {
        var relLevels = query.RelLevels;
        var levels = new Level[relLevels.Length + _overrides.Length];
        var count = 0;
        foreach (var (level, gain) in _overrides)
        {
            levels[count++] = new Level { RelLevel = level, Gain = gain };
        }
        for (var i = 0; i < relLevels.Length; i++)
        {
            var j = 0;
            while (j < count && levels[j].RelLevel != i)
            {
                j++;
            }
            if (j < count)
            {
                levels[j].NumAtLevel = relLevels[i];
            }
            else
            {
                levels[count++] = new Level { RelLevel = i, Gain = i, NumAtLevel = relLevels[i] };
            }
        }
        var result = levels.AsSpan(0, count);
        CSort.MergeSort(result, static (a, b) => unchecked((int)(a.Gain - b.Gain)));
        return count == levels.Length ? levels : result.ToArray();
    }

    /// <summary>The gain of a relevance value: the first level entry that matches, else 0 (trec_eval's get_gain).</summary>
    public static double Get(long relLevel, Level[] levels)
    {
        foreach (ref readonly var level in levels.AsSpan())
        {
            if (level.RelLevel == relLevel)
            {
                return level.Gain;
            }
        }
        return 0.0;
    }

    private static bool IsInteger(string text)
    {
        var s = text.AsSpan();
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            s = s[1..];
        }
        if (s.IsEmpty)
        {
            return false;
        }
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }
}
