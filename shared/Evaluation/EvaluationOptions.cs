using System.Collections.ObjectModel;

namespace Pipeline.Evaluation;

/// <summary>
/// What to evaluate and how, mirroring trec_eval's command-line options. The defaults are trec_eval's.
/// </summary>
public sealed class EvaluationOptions
{
    /// <summary>The default measure list: trec_eval's <c>official</c> set.</summary>
    public static readonly IReadOnlyList<string> OfficialMeasures = new ReadOnlyCollection<string>(["official"]);

    /// <summary>
    /// Measures as given to <c>-m</c>: a name (<c>map</c>), a name with parameters (<c>P.5,10</c>,
    /// <c>ndcg_cut.10</c>, <c>ndcg.1=0.5,2=2</c>, <c>rbp.p=0.8</c>) or a nickname (<c>official</c>, <c>set</c>,
    /// <c>all_trec</c>). Default <c>official</c>. Output follows trec_eval's measure order, not this list's.
    /// </summary>
    public IReadOnlyList<string> Measures { get; init; } = OfficialMeasures;

    /// <summary>The minimum grade for a document to count as relevant (<c>-l</c>). Default 1.</summary>
    public int RelevanceLevel { get; init; } = 1;

    /// <summary>Evaluate only the first N documents of each query after ranking (<c>-M</c>); null for all. At least 0.</summary>
    public long? MaxDocsPerQuery { get; init; }

    /// <summary>
    /// Average over every query of the qrels (<c>-c</c>): a query the run lacks is evaluated as trec_eval 10.0 does
    /// (a one-document ranking of an unjudged document, which scores 0 on every measure). Default false: such
    /// queries are skipped (trec_eval 9's behavior; 10.0 stops with an error instead).
    /// </summary>
    public bool CompleteQueries { get; init; }

    /// <summary>Report each query as well as the summary (<c>-q</c>). Default false.</summary>
    public bool PerQuery { get; init; }

    /// <summary>Print the summary (<c>all</c>) lines; false is trec_eval's <c>-n</c>. Default true.</summary>
    public bool PrintSummary { get; init; } = true;

    /// <summary>
    /// Drop unjudged documents from each ranking before computing anything (<c>-J</c>; trec_eval warns that this is
    /// rarely what you want). Default false.
    /// </summary>
    public bool JudgedDocsOnly { get; init; }

    /// <summary>Number of documents in the collection (<c>-N</c>), used only by the fourth utility coefficient. Default 0.</summary>
    public long NumDocsInCollection { get; init; }

    /// <summary>Worker threads for the per-query work; null for one per processor. Results do not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; init; }
}
