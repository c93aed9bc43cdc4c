using Pipeline.Evaluation.Measures;

namespace Pipeline.Evaluation;

/// <summary>
/// The values trec_eval would print for one run: per query and summary (<c>all</c>), by trec_eval's value names
/// (<c>map</c>, <c>P_5</c>, <c>ndcg_cut_10</c>, <c>iprec_at_recall_0.10</c>, ...). Write it as trec_eval's text with
/// <see cref="TrecEvalTextWriter"/>.
/// </summary>
public sealed class EvaluationResult
{
    private readonly ValueSlot[] _slots;
    private readonly double[] _values;
    private readonly double[] _summary;
    private readonly string[]? _relStrings;
    private readonly Dictionary<string, int> _slotByName;
    private readonly string[] _queryIds;
    private readonly string[] _measureNames;
    private Dictionary<string, string>? _relStringsById;

    internal EvaluationResult(
        string runId,
        EvaluationOptions options,
        string[] queryIds,
        ValueSlot[] slots,
        double[] values,
        double[] summary,
        string[]? relStrings)
    {
        RunId = runId;
        Options = options;
        _queryIds = queryIds;
        _slots = slots;
        _values = values;
        _summary = summary;
        _relStrings = relStrings;
        _slotByName = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        for (var s = 0; s < slots.Length; s++)
        {
            if (slots[s].Kind != ValueKind.Text)
            {
                _slotByName.TryAdd(slots[s].Name, s);
                names.Add(slots[s].Name);
            }
        }
        _measureNames = [.. names];
    }

    /// <summary>The run tag as trec_eval reports it (<c>runid</c>).</summary>
    public string RunId { get; }

    /// <summary>The options the run was evaluated with.</summary>
    public EvaluationOptions Options { get; }

    /// <summary>
    /// The evaluated queries in trec_eval's print order (query ids sorted by their UTF-8 bytes): the qrels queries
    /// the run has, or all qrels queries under <see cref="EvaluationOptions.CompleteQueries"/>.
    /// </summary>
    public IReadOnlyList<string> QueryIds => _queryIds;

    /// <summary>
    /// The numeric values in print order, e.g. <c>num_q</c>, <c>num_ret</c>, <c>map</c>, <c>gm_map</c>, <c>P_5</c>.
    /// The text values (<c>runid</c>, <c>relstring</c>) are not listed: see <see cref="RunId"/> and <see cref="RelStrings"/>.
    /// </summary>
    public IReadOnlyList<string> MeasureNames => _measureNames;

    /// <summary>
    /// The relevance strings by query id when <c>relstring</c> was requested (empty otherwise): one character per
    /// top document, the grade, '-' unjudged, '.' negative grade, '&gt;' above 9.
    /// </summary>
    public IReadOnlyDictionary<string, string> RelStrings => _relStringsById ??= IndexRelStrings();

    /// <summary>
    /// The value of <paramref name="measureName"/> for each evaluated query (a new dictionary on each call). Values trec_eval reports only in the
    /// summary (<c>num_q</c>, <c>gm_map</c>, <c>gm_bpref</c>) have none: the dictionary is empty.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The measure was not evaluated.</exception>
    public IReadOnlyDictionary<string, double> PerQueryValues(string measureName)
    {
        var slot = SlotIndex(measureName);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        if (_slots[slot].PerQuery)
        {
            for (var q = 0; q < _queryIds.Length; q++)
            {
                values[_queryIds[q]] = Value(q, slot);
            }
        }
        return values;
    }

    /// <summary>
    /// The summary value of <paramref name="measureName"/> as trec_eval prints it for <c>all</c>: the mean over the
    /// evaluated queries (geometric for <c>gm_*</c>), the sum for counts, the number of queries for <c>num_q</c>.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The measure was not evaluated.</exception>
    public double Summary(string measureName) => _summary[SlotIndex(measureName)];

    internal IReadOnlyList<ValueSlot> Slots => _slots;

    internal double Value(int query, int slot) => _values[(query * _slots.Length) + slot];

    internal double SummaryValue(int slot) => _summary[slot];

    internal string RelString(int query) => _relStrings?[query] ?? string.Empty;

    private Dictionary<string, string> IndexRelStrings()
    {
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_relStrings is not null)
        {
            for (var q = 0; q < _queryIds.Length; q++)
            {
                strings[_queryIds[q]] = _relStrings[q];
            }
        }
        return strings;
    }

    private int SlotIndex(string measureName)
    {
        ArgumentNullException.ThrowIfNull(measureName);
        return _slotByName.TryGetValue(measureName, out var slot)
            ? slot
            : throw new KeyNotFoundException($"measure '{measureName}' was not evaluated (evaluated: {string.Join(", ", _measureNames)})");
    }
}
