namespace Pipeline.Evaluation.Measures;

/// <summary>
/// trec_eval 10.0's measures in its order (measures.c), which is the order they are computed and printed in, and
/// its nicknames. Measures that need the preference or jg rel_info formats are listed but not supported: this
/// evaluator reads standard qrels only.
/// </summary>
internal static class MeasureCatalog
{
    /// <summary>Creates a configured measure from the parameter text after '.' (null when none was given).</summary>
    public delegate Measure Factory(string? parameters, EvaluationOptions options);

    private static readonly (string Name, Factory? Create)[] Definitions =
    [
        ("runid", static (_, _) => new RunIdMeasure()),
        ("num_q", static (_, _) => new NumQMeasure()),
        ("num_ret", static (_, _) => CountMeasure.NumRet()),
        ("num_rel", static (_, _) => CountMeasure.NumRel()),
        ("num_rel_ret", static (_, _) => CountMeasure.NumRelRet()),
        ("map", static (_, _) => AveragePrecisionMeasure.Map()),
        ("gm_map", static (_, _) => AveragePrecisionMeasure.GeometricMap()),
        ("Rprec", static (_, _) => new RPrecisionMeasure()),
        ("bpref", static (_, _) => BprefMeasure.Bpref()),
        ("recip_rank", static (_, _) => new RecipRankMeasure()),
        ("iprec_at_recall", static (p, _) => InterpolatedPrecisionMeasure.AtRecall(p)),
        ("P", static (p, _) => new PrecisionMeasure(p)),
        ("relstring", static (p, _) => new RelStringMeasure(p)),
        ("recall", static (p, _) => new RecallMeasure(p)),
        ("infAP", static (_, _) => new InfApMeasure()),
        ("gm_bpref", static (_, _) => BprefMeasure.GeometricBpref()),
        ("Rprec_mult", static (p, _) => RPrecisionMultipleMeasure.Create(p)),
        ("utility", static (p, o) => new UtilityMeasure(p, o.NumDocsInCollection)),
        ("11pt_avg", static (p, _) => InterpolatedPrecisionMeasure.ElevenPointAverage(p)),
        ("binG", static (_, _) => new BinaryGainMeasure()),
        ("G", static (p, _) => new GainMeasure(p)),
        ("dcg", static (p, _) => NdcgMeasure.Dcg(p)),
        ("ideal_dcg", static (p, _) => NdcgMeasure.IdealDcg(p)),
        ("ndcg", static (p, _) => NdcgMeasure.Ndcg(p)),
        ("ndcg_rel", static (p, _) => new NdcgRelMeasure(p)),
        ("Rndcg", static (p, _) => new RndcgMeasure(p)),
        ("ndcg_cut", static (p, _) => new NdcgCutMeasure(p)),
        ("map_cut", static (p, _) => new MapCutMeasure(p)),
        ("relative_P", static (p, _) => new RelativePrecisionMeasure(p)),
        ("success", static (p, _) => new SuccessMeasure(p)),
        ("set_P", static (_, _) => SetMeasure.Precision()),
        ("set_relative_P", static (_, _) => SetMeasure.RelativePrecision()),
        ("set_recall", static (_, _) => SetMeasure.Recall()),
        ("set_map", static (_, _) => SetMeasure.Map()),
        ("set_F", static (p, _) => new SetFMeasure(p)),
        ("num_nonrel_judged_ret", static (_, _) => CountMeasure.NumNonrelJudgedRet()),
        ("prefs_num_prefs_poss", null),
        ("prefs_num_prefs_ful", null),
        ("prefs_num_prefs_ful_ret", null),
        ("prefs_simp", null),
        ("prefs_pair", null),
        ("prefs_avgjg", null),
        ("prefs_avgjg_Rnonrel", null),
        ("prefs_simp_ret", null),
        ("prefs_pair_ret", null),
        ("prefs_avgjg_ret", null),
        ("prefs_avgjg_Rnonrel_ret", null),
        ("prefs_simp_imp", null),
        ("prefs_pair_imp", null),
        ("prefs_avgjg_imp", null),
        ("map_avgjg", null),
        ("P_avgjg", null),
        ("Rprec_mult_avgjg", null),
        ("yaap", static (_, _) => new YaapMeasure()),
        ("rbp", static (p, _) => new RbpMeasure(p)),
        ("rbp_resid", static (p, _) => new RbpResidualMeasure(p)),
        ("unj", static (p, _) => new UnjudgedMeasure(p)),
    ];

    private static readonly Dictionary<string, string[]> Nicknames = new(StringComparer.Ordinal)
    {
        ["official"] = ["runid", "num_q", "num_ret", "num_rel", "num_rel_ret", "map", "gm_map", "Rprec", "bpref", "recip_rank", "iprec_at_recall", "P"],
        ["set"] = ["runid", "num_q", "num_ret", "num_rel", "num_rel_ret", "utility", "set_P", "set_recall", "set_relative_P", "set_map", "set_F"],
        ["all_trec"] =
        [
            "runid", "num_q", "num_ret", "num_rel", "num_rel_ret", "map", "gm_map", "Rprec", "bpref", "recip_rank",
            "iprec_at_recall", "P", "relstring", "recall", "unj", "rbp", "rbp_resid", "infAP", "gm_bpref", "utility",
            "11pt_avg", "ndcg", "relative_P", "Rprec_mult", "success", "map_cut", "ndcg_cut", "ndcg_rel", "Rndcg",
            "binG", "G", "set_P", "set_recall", "set_relative_P", "set_map", "set_F", "num_nonrel_judged_ret",
        ],
        ["all_prefs"] =
        [
            "runid", "num_q", "prefs_num_prefs_poss", "prefs_num_prefs_ful", "prefs_num_prefs_ful_ret", "prefs_simp",
            "prefs_pair", "prefs_avgjg", "prefs_avgjg_Rnonrel", "prefs_simp_ret", "prefs_pair_ret", "prefs_avgjg_ret",
            "prefs_avgjg_Rnonrel_ret", "prefs_simp_imp", "prefs_pair_imp", "prefs_avgjg_imp",
        ],
        ["prefs"] = ["runid", "num_q", "prefs_num_prefs_poss", "prefs_num_prefs_ful", "prefs_num_prefs_ful_ret", "prefs_simp", "prefs_pair", "prefs_avgjg"],
        ["qrels_jg"] = ["runid", "num_q", "map_avgjg", "P_avgjg", "Rprec_mult_avgjg"],
    };

    /// <summary>The measure and nickname names, for help and error messages.</summary>
    public static IEnumerable<string> Names
    {
        get
        {
            foreach (var nickname in Nicknames.Keys)
            {
                yield return nickname;
            }
            foreach (var (name, create) in Definitions)
            {
                if (create is not null)
                {
                    yield return name;
                }
            }
        }
    }

    /// <summary>
    /// Resolves <c>-m</c> arguments (<c>name</c>, <c>name.params</c>, or a nickname) to configured measures in
    /// trec_eval's order. As in trec_eval, a measure requested twice is computed once, and when several arguments
    /// give parameters for one measure the first wins.
    /// </summary>
    /// <exception cref="EvaluationException">An unknown or unsupported measure, or malformed parameters.</exception>
    public static IReadOnlyList<Measure> Select(IReadOnlyList<string> specifications, EvaluationOptions options)
    {
        var marked = new HashSet<string>(StringComparer.Ordinal);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var specification in specifications)
        {
            if (string.IsNullOrEmpty(specification))
            {
                throw new EvaluationException("empty measure name");
            }
            var dot = specification.IndexOf('.', StringComparison.Ordinal);
            var name = dot < 0 ? specification : specification[..dot];
            if (dot >= 0)
            {
                var text = specification[(dot + 1)..];
                if (text.Length == 0)
                {
                    throw new EvaluationException($"measure '{specification}': empty parameter list after '.'");
                }
                parameters.TryAdd(name, text);
            }
            if (Nicknames.TryGetValue(name, out var members))
            {
                marked.UnionWith(members);
            }
            else if (Array.Exists(Definitions, d => d.Name == name))
            {
                marked.Add(name);
            }
            else
            {
                throw new EvaluationException(
                    $"unknown measure '{name}' (known: {string.Join(", ", Names)})");
            }
        }

        var measures = new List<Measure>();
        foreach (var (name, create) in Definitions)
        {
            if (!marked.Contains(name))
            {
                continue;
            }
            if (create is null)
            {
                throw new EvaluationException(
                    $"measure '{name}' needs preference or jg judgments (trec_eval -R prefs/qrels_jg); only standard qrels are supported");
            }
            measures.Add(create(parameters.GetValueOrDefault(name), options));
        }
        return measures;
    }
}
