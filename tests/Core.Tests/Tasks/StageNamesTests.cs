using System.Text.RegularExpressions;
using Pipeline.Core.Tasks;

namespace Pipeline.Core.Tests.Tasks;

public sealed partial class StageNamesTests
{
    [Fact]
    public void Every_stage_is_listed_once_in_pipeline_order()
    {
        Assert.Equal(Enum.GetValues<Stage>(), StageNames.All);
    }

    [Fact]
    public void Stages_have_the_documented_function_and_queue_names()
    {
        Assert.Equal(
            [
                "PrepareJob prepare-job", "SplitCorpus split-corpus", "IndexShard index-shard", "MergeStatistics merge-statistics",
                "RetrieveBlock retrieve-block", "MergeCandidates merge-candidates", "RerankCandidates rerank-candidates",
                "AggregateResults aggregate-results",
            ],
            StageNames.All.Select(s => $"{StageNames.Function(s)} {StageNames.Queue(s)}"));
    }

    [Fact]
    public void Function_and_queue_names_map_one_to_one_in_both_directions()
    {
        foreach (var stage in StageNames.All)
        {
            Assert.True(StageNames.TryFromFunction(StageNames.Function(stage), out var byFunction));
            Assert.True(StageNames.TryFromQueue(StageNames.Queue(stage), out var byQueue));
            Assert.Equal(stage, byFunction);
            Assert.Equal(stage, byQueue);
        }
        Assert.Equal(StageNames.All.Count, StageNames.All.Select(StageNames.Function).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(StageNames.All.Count, StageNames.All.Select(StageNames.Queue).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Each_queue_is_the_kebab_case_twin_of_its_function()
    {
        foreach (var stage in StageNames.All)
        {
            var kebab = PascalWord().Replace(StageNames.Function(stage), m => (m.Index == 0 ? "" : "-") + m.Value.ToLowerInvariant());
            Assert.Equal(kebab, StageNames.Queue(stage));
        }
    }

    [Fact]
    public void Queues_are_valid_azure_queue_names()
    {
        foreach (var stage in StageNames.All)
        {
            var queue = StageNames.Queue(stage);
            Assert.Matches(AzureQueueName(), queue);
            Assert.InRange(queue.Length, 3, 63);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("prepare")]
    [InlineData("PrepareJob")]
    [InlineData("Prepare-Job")]
    [InlineData("prepare-job ")]
    public void Unknown_queue_names_are_not_stages(string queue)
    {
        Assert.False(StageNames.TryFromQueue(queue, out var stage));
        Assert.Equal(default, stage);
    }

    [Theory]
    [InlineData("")]
    [InlineData("prepare-job")]
    [InlineData("preparejob")]
    [InlineData("Prepare")]
    public void Unknown_function_names_are_not_stages(string function)
    {
        Assert.False(StageNames.TryFromFunction(function, out var stage));
        Assert.Equal(default, stage);
    }

    /// <summary>Azure's rule: 3–63 characters, lowercase letters, digits and single hyphens, starting and ending with a letter or digit.</summary>
    [GeneratedRegex("^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex AzureQueueName();

    [GeneratedRegex("[A-Z][a-z0-9]*")]
    private static partial Regex PascalWord();
}
