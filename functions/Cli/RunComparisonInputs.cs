using System.CommandLine;
using System.Globalization;
using Pipeline.Evaluation;
using Pipeline.Evaluation.Comparison;
using Pipeline.Formats.Trec;

namespace Pipeline.Functions.Cli;

/// <summary>
/// What <c>compare</c> and <c>report</c> share: their common arguments and options, run names, the measures that can
/// be compared, and evaluating every run with trec_eval <c>-c</c> semantics into per-query values.
/// </summary>
internal sealed class RunComparisonInputs
{
    /// <summary>The measures compared when no <c>-m</c> is given.</summary>
    public static readonly string[] DefaultMeasures = ["ndcg_cut.10", "recip_rank", "map", "recall.100"];

    /// <summary>Values trec_eval reports only in the summary (or as text): they have nothing to compare per query.</summary>
    private const string NotComparable = "num_q, gm_map, gm_bpref, runid, relstring";

    public required Argument<string> Qrels { get; init; }

    public required Argument<string[]> Runs { get; init; }

    public required Option<string[]> Measures { get; init; }

    public required Option<int> Level { get; init; }

    public required Option<long?> MaxDocs { get; init; }

    public required Option<int?> Permutations { get; init; }

    public required Option<ulong?> Seed { get; init; }

    public required Option<string?> Connection { get; init; }

    /// <summary>The qrels and runs arguments and the evaluation and statistics options, with their help texts.</summary>
    public static RunComparisonInputs Create() => new()
    {
        Qrels = new Argument<string>("qrels")
        {
            Description = "Relevance judgments, 'query-id iteration doc-id grade' per line (plain or gzip). A local path, "
                + "az://container/blob, or a blob URL.",
        },
        Runs = new Argument<string[]>("runs")
        {
            Description = "Two or more TREC runs (plain or gzip); the first is the baseline. Each is named by its file "
                + "name (with parent folders when two share one). Local paths, az://container/blob, or blob URLs.",
            Arity = ArgumentArity.ZeroOrMore,
            HelpName = "run_a run_b [run_c...]",
        },
        Measures = new Option<string[]>("--measure", "-m")
        {
            Description = "A measure to compare, as 'pipeline eval -m' takes it; repeatable, shown in the order given "
                + "('ndcg_cut.10', 'P.5,10', 'official'...). Default: ndcg_cut.10 recip_rank map recall.100. Every run "
                + "is evaluated over all qrels queries (trec_eval -c: a query a run lacks scores 0). Values without "
                + "per-query scores (" + NotComparable + ") cannot be compared: asked for by name they are an error, "
                + "from a nickname they are left out.",
            HelpName = "measure[.params]",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        },
        Level = new Option<int>("--level-for-rel", "-l")
        {
            Description = "Minimum grade for a document to count as relevant (default 1), as trec_eval -l.",
            HelpName = "num",
            DefaultValueFactory = _ => 1,
        },
        MaxDocs = new Option<long?>("--max-per-query", "-M")
        {
            Description = "Evaluate only the top num documents of each run's queries (-M 10 -m recip_rank is MRR@10).",
            HelpName = "num",
        },
        Permutations = new Option<int?>("--permutations")
        {
            Description = "Sampled sign patterns of the randomization test when it is not exact (more than 20 queries). "
                + "Default 10000; at least 1.",
            HelpName = "num",
        },
        Seed = new Option<ulong?>("--seed")
        {
            Description = "Seed of the randomization test and the bootstrap (default 42); every comparison starts from it, "
                + "so results do not depend on which other runs and measures are shown.",
            HelpName = "num",
        },
        Connection = CliLocations.CreateConnectionOption(),
    };

    /// <summary>Adds the arguments and options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Arguments.Add(Qrels);
        command.Arguments.Add(Runs);
        command.Options.Add(Measures);
        command.Options.Add(Level);
        command.Options.Add(MaxDocs);
        command.Options.Add(Permutations);
        command.Options.Add(Seed);
        command.Options.Add(Connection);
    }

    /// <summary>
    /// Distinct run names: the file name, or when several files share one, as many trailing path segments as tell them
    /// apart (<c>a/run.txt</c>, <c>b/run.txt</c>); a file given twice gets a counter the second time (<c>run.txt (2)</c>).
    /// </summary>
    public static string[] RunNames(IReadOnlyList<string> paths)
    {
        var fullPaths = paths.Select(Path.GetFullPath).ToArray();
        var distinct = fullPaths.Distinct(StringComparer.Ordinal).ToArray();
        var segments = distinct
            .Select(p => p.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries))
            .ToArray();
        var names = segments.Select(s => s[^1]).ToArray();
        for (var take = 2; HasDuplicates(names) && take <= segments.Max(s => s.Length); take++)
        {
            var duplicated = DuplicatedNames(names);
            for (var i = 0; i < names.Length; i++)
            {
                if (duplicated.Contains(names[i]))
                {
                    names[i] = string.Join('/', segments[i].TakeLast(take));
                }
            }
        }
        var byPath = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < distinct.Length; i++)
        {
            byPath[distinct[i]] = names[i];
        }
        var result = new string[paths.Count];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < result.Length; i++)
        {
            var name = byPath[fullPaths[i]];
            var count = seen[name] = seen.GetValueOrDefault(name) + 1;
            result[i] = count == 1 ? name : string.Create(CultureInfo.InvariantCulture, $"{name} ({count})");
        }
        return result;
    }

    private static bool HasDuplicates(string[] names) => names.Distinct(StringComparer.Ordinal).Count() < names.Length;

    private static HashSet<string> DuplicatedNames(string[] names) =>
        names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The comparable values of <paramref name="specifications"/>, in argument order.
    /// </summary>
    /// <exception cref="EvaluationException">
    /// An unknown measure, a value without per-query scores asked for by its own name, or nothing left to compare.
    /// </exception>
    public static IReadOnlyList<string> ComparableMeasures(IReadOnlyList<string> specifications, EvaluationOptions options)
    {
        var comparable = new List<string>();
        foreach (var value in MeasureValueNames.Resolve(specifications, options))
        {
            if (value.IsComparable)
            {
                comparable.Add(value.Name);
                continue;
            }
            var dot = value.Specification.IndexOf('.', StringComparison.Ordinal);
            var asked = dot < 0 ? value.Specification : value.Specification[..dot];
            if (asked == value.Measure)
            {
                throw new EvaluationException(
                    $"measure '{value.Name}' has no per-query values, so runs cannot be compared on it ({NotComparable} "
                    + "exist only in the summary or as text; 'pipeline eval' prints them)");
            }
        }
        if (comparable.Count == 0)
        {
            throw new EvaluationException(
                $"none of the measures {string.Join(' ', specifications)} has per-query values to compare");
        }
        return comparable;
    }

    /// <summary>Parses the options shared by both verbs; null with a message on <paramref name="error"/> when one is out of range.</summary>
    public (string QrelsPath, string[] RunPaths, EvaluationOptions Evaluation, ComparisonOptions Comparison, string? Connection)? Parse(
        ParseResult parseResult, string verb, TextWriter error)
    {
        var runPaths = parseResult.GetValue(Runs) ?? [];
        if (runPaths.Length < 2)
        {
            error.WriteLine($"error: {verb} needs a qrels file and at least two runs (got {runPaths.Length} run{(runPaths.Length == 1 ? "" : "s")})");
            return null;
        }
        var maxDocs = parseResult.GetValue(MaxDocs);
        if (maxDocs < 0)
        {
            error.WriteLine("error: -M must not be negative");
            return null;
        }
        var permutations = parseResult.GetValue(Permutations);
        if (permutations < 1)
        {
            error.WriteLine("error: --permutations must be at least 1");
            return null;
        }
        var requested = parseResult.GetValue(Measures);
        var evaluation = new EvaluationOptions
        {
            Measures = requested is { Length: > 0 } ? requested : DefaultMeasures,
            CompleteQueries = true,
            RelevanceLevel = parseResult.GetValue(Level),
            MaxDocsPerQuery = maxDocs,
        };
        var defaults = ComparisonOptions.Default;
        var comparison = new ComparisonOptions
        {
            Permutations = permutations ?? defaults.Permutations,
            Seed = parseResult.GetValue(Seed) ?? defaults.Seed,
        };
        return (parseResult.GetValue(Qrels)!, runPaths, evaluation, comparison, parseResult.GetValue(Connection));
    }

    /// <summary>
    /// The qrels and runs as local files (<see cref="CliLocations.Materialize"/>: blobs are downloaded); null after
    /// "error: ... file not found" for the first missing local input.
    /// </summary>
    public static (string Qrels, string[] Runs)? Materialize(CliLocations locations, string qrels, IReadOnlyList<string> runs,
        TextWriter error)
    {
        if (locations.Materialize(qrels, "qrels", error) is not { } qrelsPath)
        {
            return null;
        }
        var runPaths = new string[runs.Count];
        for (var i = 0; i < runPaths.Length; i++)
        {
            if (locations.Materialize(runs[i], "run", error) is not { } runPath)
            {
                return null;
            }
            runPaths[i] = runPath;
        }
        return (qrelsPath, runPaths);
    }

    /// <summary>
    /// Evaluates one run on <paramref name="measures"/>: measure id → (query id → value), every qrels query present.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> PerQueryValues(
        Qrels qrels, TrecRun run, EvaluationOptions options, IReadOnlyList<string> measures)
    {
        var result = TrecEvaluator.Evaluate(qrels, run, options);
        var values = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        foreach (var measure in measures)
        {
            values[measure] = result.PerQueryValues(measure);
        }
        return values;
    }
}
