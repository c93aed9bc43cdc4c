using Pipeline.Formats.Corpus;
using Pipeline.Text;

namespace Pipeline.Retrieval;

/// <summary>
/// Builds a <see cref="ShardIndex"/> from documents added one at a time. Terms are interned once; per document, term
/// frequencies are counted in a reusable array, so adding a document allocates only for new terms. Not thread-safe.
/// </summary>
public sealed class ShardIndexBuilder
{
    private readonly Analyzer _analyzer;
    private readonly IndexFields _fields;
    private readonly Dictionary<string, int> _termIds = new(StringComparer.Ordinal);
    private readonly List<string> _docIds = [];
    private readonly List<int> _lengths = [];
    private readonly List<List<(int Doc, int Freq)>> _postings = [];
    private int[] _counts = new int[1024];
    private readonly List<int> _touched = [];

    /// <summary>A builder that analyzes <paramref name="fields"/> (default title and text) with <paramref name="analyzer"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="fields"/> selects nothing.</exception>
    public ShardIndexBuilder(Analyzer analyzer, IndexFields fields = IndexFields.TitleAndText)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        if ((fields & IndexFields.TitleAndText) == IndexFields.None)
        {
            throw new ArgumentException("at least one field must be indexed", nameof(fields));
        }
        _analyzer = analyzer;
        _fields = fields;
    }

    /// <summary>The number of documents added so far.</summary>
    public int DocumentCount => _docIds.Count;

    /// <summary>Analyzes and adds one document; its document number is the count before the call.</summary>
    public void Add(CorpusDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sink = new Counter(this);
        if ((_fields & IndexFields.Title) != 0)
        {
            _analyzer.Analyze(document.Title.AsSpan(), ref sink);
        }
        if ((_fields & IndexFields.Text) != 0)
        {
            _analyzer.Analyze(document.Text.AsSpan(), ref sink);
        }
        var doc = _docIds.Count;
        _docIds.Add(document.DocId);
        _lengths.Add(sink.Length);
        foreach (var term in _touched)
        {
            _postings[term].Add((doc, _counts[term]));
            _counts[term] = 0;
        }
        _touched.Clear();
    }

    /// <summary>Adds every document of <paramref name="documents"/>.</summary>
    public void AddRange(IEnumerable<CorpusDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        foreach (var document in documents)
        {
            Add(document);
        }
    }

    /// <summary>The index of the documents added so far, terms in ordinal order.</summary>
    public ShardIndex Build()
    {
        var terms = new string[_termIds.Count];
        foreach (var (term, id) in _termIds)
        {
            terms[id] = term;
        }
        var order = Enumerable.Range(0, terms.Length).ToArray();
        Array.Sort(terms, order, StringComparer.Ordinal);
        var starts = new int[terms.Length + 1];
        var total = 0;
        for (var t = 0; t < terms.Length; t++)
        {
            starts[t] = total;
            total += _postings[order[t]].Count;
        }
        starts[terms.Length] = total;
        var docs = new int[total];
        var freqs = new int[total];
        for (var t = 0; t < terms.Length; t++)
        {
            var position = starts[t];
            foreach (var (doc, freq) in _postings[order[t]])
            {
                docs[position] = doc;
                freqs[position++] = freq;
            }
        }
        return new ShardIndex(_analyzer.Name, _fields, [.. _docIds], [.. _lengths], terms, starts, docs, freqs);
    }

    private void Count(ReadOnlySpan<char> term)
    {
        var lookup = _termIds.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(term, out var id))
        {
            id = _termIds.Count;
            lookup[term] = id;
            _postings.Add([]);
            if (id >= _counts.Length)
            {
                Array.Resize(ref _counts, _counts.Length * 2);
            }
        }
        if (_counts[id]++ == 0)
        {
            _touched.Add(id);
        }
    }

    private struct Counter(ShardIndexBuilder builder) : ITokenSink
    {
        public int Length { get; private set; }

        public void Accept(ReadOnlySpan<char> token)
        {
            builder.Count(token);
            Length++;
        }
    }
}
