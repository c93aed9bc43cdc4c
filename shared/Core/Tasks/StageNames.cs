namespace Pipeline.Core.Tasks;

/// <summary>The one place where a stage's function name and queue name are defined.</summary>
public static class StageNames
{
    private static readonly (Stage Stage, string Function, string Queue)[] Table =
    [
        (Stage.Prepare, "PrepareJob", "prepare-job"),
        (Stage.Split, "SplitCorpus", "split-corpus"),
        (Stage.Index, "IndexShard", "index-shard"),
        (Stage.MergeStatistics, "MergeStatistics", "merge-statistics"),
        (Stage.Retrieve, "RetrieveBlock", "retrieve-block"),
        (Stage.Merge, "MergeCandidates", "merge-candidates"),
        (Stage.Rerank, "RerankCandidates", "rerank-candidates"),
        (Stage.Aggregate, "AggregateResults", "aggregate-results"),
    ];

    /// <summary>Every stage, in pipeline order.</summary>
    public static IReadOnlyList<Stage> All { get; } = [.. Table.Select(static t => t.Stage)];

    /// <summary>The function name of <paramref name="stage"/> (<c>RerankCandidates</c>).</summary>
    public static string Function(Stage stage) => Table[(int)stage].Function;

    /// <summary>The queue of <paramref name="stage"/> (<c>rerank-candidates</c>); also the stage's name in messages and blobs.</summary>
    public static string Queue(Stage stage) => Table[(int)stage].Queue;

    /// <summary>The stage whose queue (or message name) is <paramref name="queue"/>.</summary>
    public static bool TryFromQueue(string queue, out Stage stage)
    {
        foreach (var row in Table)
        {
            if (row.Queue == queue)
            {
                stage = row.Stage;
                return true;
            }
        }
        stage = default;
        return false;
    }

    /// <summary>The stage whose function name is <paramref name="function"/>.</summary>
    public static bool TryFromFunction(string function, out Stage stage)
    {
        foreach (var row in Table)
        {
            if (row.Function == function)
            {
                stage = row.Stage;
                return true;
            }
        }
        stage = default;
        return false;
    }
}
