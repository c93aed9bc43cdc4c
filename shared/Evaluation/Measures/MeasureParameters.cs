using Pipeline.Evaluation.Text;

namespace Pipeline.Evaluation.Measures;

/// <summary>
/// Parses the parameter text after the first '.' of <c>-m name.params</c> exactly as trec_eval's meas_init.c does:
/// comma-separated values read with <c>atol</c>/<c>atof</c>; cutoffs sorted ascending and checked; name=value pairs
/// for gain measures. A value-list measure given parameters prints as <c>name_params</c> (the text verbatim).
/// </summary>
internal static class MeasureParameters
{
    /// <summary>Integer cutoffs (P, recall, ndcg_cut, ...): sorted ascending, all positive, no duplicates.</summary>
    public static long[] LongCutoffs(string measure, string? text, long[] defaults)
    {
        if (text is null)
        {
            return defaults;
        }
        var parts = text.Split(',');
        var cutoffs = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            cutoffs[i] = CFormat.ParseLongPrefix(parts[i]);
        }
        // trec_eval's comp_long returns (int)(a - b).
        CSort.MergeSort<long>(cutoffs, static (a, b) => unchecked((int)(a - b)));
        if (cutoffs[0] <= 0)
        {
            throw new EvaluationException($"measure '{measure}.{text}': cutoffs must be positive");
        }
        for (var i = 1; i < cutoffs.Length; i++)
        {
            if (cutoffs[i - 1] == cutoffs[i])
            {
                throw new EvaluationException($"measure '{measure}.{text}': duplicate cutoffs");
            }
        }
        return cutoffs;
    }

    /// <summary>Fractional cutoffs (iprec_at_recall, Rprec_mult): sorted ascending, no duplicates.</summary>
    public static double[] DoubleCutoffs(string measure, string? text, double[] defaults)
    {
        if (text is null)
        {
            return defaults;
        }
        var cutoffs = Doubles(text);
        CSort.MergeSort<double>(cutoffs, static (a, b) => a < b ? -1 : a > b ? 1 : 0);
        for (var i = 1; i < cutoffs.Length; i++)
        {
            if (cutoffs[i - 1] == cutoffs[i])
            {
                throw new EvaluationException($"measure '{measure}.{text}': duplicate cutoffs");
            }
        }
        return cutoffs;
    }

    /// <summary>A list of numbers in the order given (utility, 11pt_avg, relstring, set_F).</summary>
    public static double[] Doubles(string text)
    {
        var parts = text.Split(',');
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            values[i] = CFormat.ParseDoublePrefix(parts[i]);
        }
        return values;
    }

    /// <summary>
    /// <c>name=value</c> pairs separated by commas (ndcg gains <c>1=3.5,2=9</c>, rbp <c>p=0.8</c>). The text must
    /// alternate '=' and ',' starting with '=' and end after an '=', as trec_eval's get_param_pairs checks.
    /// </summary>
    public static (string Name, double Value)[] Pairs(string measure, string? text)
    {
        if (text is null)
        {
            return [];
        }
        var lastSeen = ',';
        var valid = true;
        foreach (var c in text)
        {
            if (c == ',')
            {
                if (lastSeen == ',')
                {
                    valid = false;
                    break;
                }
                lastSeen = ',';
            }
            else if (c == '=')
            {
                if (lastSeen == '=')
                {
                    valid = false;
                    break;
                }
                lastSeen = '=';
            }
        }
        if (!valid || lastSeen != '=')
        {
            throw new EvaluationException($"measure '{measure}.{text}': malformed pair parameters (expected name=value[,name=value...])");
        }
        var parts = text.Split(',');
        var pairs = new (string, double)[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var eq = parts[i].IndexOf('=', StringComparison.Ordinal);
            pairs[i] = (parts[i][..eq], CFormat.ParseDoublePrefix(parts[i][(eq + 1)..]));
        }
        return pairs;
    }

    /// <summary>The printed name of a single-value measure: <c>name</c>, or <c>name_params</c> when parameters were given.</summary>
    public static string PrintedName(string measure, string? text) => text is null ? measure : measure + "_" + text;
}
