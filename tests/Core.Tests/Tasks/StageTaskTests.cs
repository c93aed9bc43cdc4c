using Pipeline.Core.Tasks;

namespace Pipeline.Core.Tests.Tasks;

public sealed class StageTaskTests
{
    public static TheoryData<StageTask, string> Tasks => new()
    {
        { new StageTask("job-1", Stage.Prepare), """{"v":1,"jobId":"job-1","stage":"prepare-job"}""" },
        { new StageTask("job-1", Stage.Split), """{"v":1,"jobId":"job-1","stage":"split-corpus"}""" },
        { new StageTask("job-1", Stage.Index, Shard: 3), """{"v":1,"jobId":"job-1","stage":"index-shard","shard":3}""" },
        { new StageTask("job-1", Stage.MergeStatistics), """{"v":1,"jobId":"job-1","stage":"merge-statistics"}""" },
        { new StageTask("job-1", Stage.Retrieve, 3, 12), """{"v":1,"jobId":"job-1","stage":"retrieve-block","shard":3,"block":12}""" },
        { new StageTask("job-1", Stage.Merge, Block: 0), """{"v":1,"jobId":"job-1","stage":"merge-candidates","block":0}""" },
        { new StageTask("job-1", Stage.Rerank, Block: 999_999), """{"v":1,"jobId":"job-1","stage":"rerank-candidates","block":999999}""" },
        { new StageTask("job-1", Stage.Aggregate), """{"v":1,"jobId":"job-1","stage":"aggregate-results"}""" },
    };

    [Theory]
    [MemberData(nameof(Tasks))]
    public void A_task_is_written_as_a_small_json_message(StageTask task, string message)
    {
        Assert.Equal(message, task.ToMessage());
    }

    [Theory]
    [MemberData(nameof(Tasks))]
    public void A_message_parses_back_to_its_task(StageTask task, string message)
    {
        Assert.Equal(task, StageTask.Parse(message));
        Assert.Equal(task, StageTask.Parse(task.ToMessage()));
    }

    [Fact]
    public void Every_stage_has_a_round_trip_test()
    {
        Assert.Equal(StageNames.All, Tasks.Select(row => ((StageTask)row[0]).Stage));
    }

    [Theory]
    [InlineData(null, null, "job")]
    [InlineData(3, null, "shard-00003")]
    [InlineData(null, 12, "block-00012")]
    [InlineData(3, 12, "shard-00003-block-00012")]
    public void A_task_names_its_unit_within_the_stage(int? shard, int? block, string unit)
    {
        var task = new StageTask("job-1", Stage.Retrieve, shard, block);

        Assert.Equal(unit, task.Unit);
        Assert.Equal($"job-1/retrieve-block/{unit}", task.ToString());
    }

    [Fact]
    public void Unknown_extra_fields_are_ignored()
    {
        const string message = """{"trace":"abc","v":1,"attempt":3,"jobId":"j","stage":"retrieve-block","shard":1,"block":2,"extra":{"x":[1]}}""";

        Assert.Equal(new StageTask("j", Stage.Retrieve, 1, 2), StageTask.Parse(message));
    }

    [Fact]
    public void A_null_shard_or_block_reads_as_absent()
    {
        Assert.Equal(new StageTask("j", Stage.Prepare), StageTask.Parse("""{"v":1,"jobId":"j","stage":"prepare-job","shard":null,"block":null}"""));
    }

    [Theory]
    // version
    [InlineData("""{"jobId":"j","stage":"prepare-job"}""", "task message has no or an unsupported contract version 'v' (this handler reads 1)")]
    [InlineData("""{"v":2,"jobId":"j","stage":"prepare-job"}""", "task message has no or an unsupported contract version 'v' (this handler reads 1)")]
    [InlineData("""{"v":0,"jobId":"j","stage":"prepare-job"}""", "task message has no or an unsupported contract version 'v' (this handler reads 1)")]
    [InlineData("""{"v":"1","jobId":"j","stage":"prepare-job"}""", "task message has no or an unsupported contract version 'v' (this handler reads 1)")]
    [InlineData("""{"v":1.0,"jobId":"j","stage":"prepare-job"}""", "task message has no or an unsupported contract version 'v' (this handler reads 1)")]
    [InlineData("""{"v":null,"jobId":"j","stage":"prepare-job"}""", "task message has no or an unsupported contract version 'v' (this handler reads 1)")]
    // job id
    [InlineData("""{"v":1,"stage":"prepare-job"}""", "task message has no valid 'jobId'")]
    [InlineData("""{"v":1,"jobId":7,"stage":"prepare-job"}""", "task message has no valid 'jobId'")]
    [InlineData("""{"v":1,"jobId":"../x","stage":"prepare-job"}""", "task message has no valid 'jobId'")]
    [InlineData("""{"v":1,"jobId":"a/b","stage":"prepare-job"}""", "task message has no valid 'jobId'")]
    // stage
    [InlineData("""{"v":1,"jobId":"j"}""", "task message names an unknown stage ''")]
    [InlineData("""{"v":1,"jobId":"j","stage":"index"}""", "task message names an unknown stage 'index'")]
    [InlineData("""{"v":1,"jobId":"j","stage":"PrepareJob"}""", "task message names an unknown stage 'PrepareJob'")]
    [InlineData("""{"v":1,"jobId":"j","stage":3}""", "task message names an unknown stage ''")]
    // shard and block
    [InlineData("""{"v":1,"jobId":"j","stage":"index-shard"}""", "a 'index-shard' task needs a 'shard' and no 'block'")]
    [InlineData("""{"v":1,"jobId":"j","stage":"index-shard","shard":1,"block":2}""", "a 'index-shard' task needs a 'shard' and no 'block'")]
    [InlineData("""{"v":1,"jobId":"j","stage":"retrieve-block","shard":1}""", "a 'retrieve-block' task needs a 'shard' and a 'block'")]
    [InlineData("""{"v":1,"jobId":"j","stage":"retrieve-block","block":1}""", "a 'retrieve-block' task needs a 'shard' and a 'block'")]
    [InlineData("""{"v":1,"jobId":"j","stage":"merge-candidates"}""", "a 'merge-candidates' task needs no 'shard' and a 'block'")]
    [InlineData("""{"v":1,"jobId":"j","stage":"rerank-candidates","shard":1,"block":1}""", "a 'rerank-candidates' task needs no 'shard' and a 'block'")]
    [InlineData("""{"v":1,"jobId":"j","stage":"prepare-job","shard":0}""", "a 'prepare-job' task needs no 'shard' and no 'block'")]
    [InlineData("""{"v":1,"jobId":"j","stage":"aggregate-results","block":0}""", "a 'aggregate-results' task needs no 'shard' and no 'block'")]
    [InlineData("""{"v":1,"jobId":"j","stage":"index-shard","shard":-1}""", "task message field 'shard' must be a whole number between 0 and 999999")]
    [InlineData("""{"v":1,"jobId":"j","stage":"index-shard","shard":1000000}""", "task message field 'shard' must be a whole number between 0 and 999999")]
    [InlineData("""{"v":1,"jobId":"j","stage":"index-shard","shard":1.5}""", "task message field 'shard' must be a whole number between 0 and 999999")]
    [InlineData("""{"v":1,"jobId":"j","stage":"index-shard","shard":"3"}""", "task message field 'shard' must be a whole number between 0 and 999999")]
    [InlineData("""{"v":1,"jobId":"j","stage":"merge-candidates","block":[1]}""", "task message field 'block' must be a whole number between 0 and 999999")]
    // not an object
    [InlineData("[]", "task message must be a JSON object")]
    [InlineData("\"prepare-job\"", "task message must be a JSON object")]
    [InlineData("42", "task message must be a JSON object")]
    [InlineData("null", "task message must be a JSON object")]
    public void A_message_outside_the_contract_is_a_format_error_that_says_why(string message, string reason)
    {
        var exception = Assert.Throws<FormatException>(() => StageTask.Parse(message));

        Assert.Equal(reason, exception.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"v\":1,}")]
    [InlineData("v=1&jobId=j")]
    public void Text_that_is_not_json_is_a_format_error(string message)
    {
        var exception = Assert.Throws<FormatException>(() => StageTask.Parse(message));

        Assert.StartsWith("task message is not JSON: ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_up_to_the_size_limit_is_read_and_a_larger_one_refused()
    {
        var head = "{\"v\":1,\"jobId\":\"j\",\"stage\":\"prepare-job\",\"pad\":\"";
        var fits = head + new string('x', StageTask.MaxMessageBytes - head.Length - 2) + "\"}";
        var tooLarge = head + new string('x', StageTask.MaxMessageBytes - head.Length - 1) + "\"}";

        Assert.Equal(StageTask.MaxMessageBytes, fits.Length);
        Assert.Equal(new StageTask("j", Stage.Prepare), StageTask.Parse(fits));
        var exception = Assert.Throws<FormatException>(() => StageTask.Parse(tooLarge));
        Assert.Equal("task message too large: 4097 characters (at most 4096)", exception.Message);
    }

    [Fact]
    public void Messages_are_far_below_the_size_limit()
    {
        var largest = new StageTask(new string('j', 64), Stage.Retrieve, 999_999, 999_999).ToMessage();

        Assert.InRange(largest.Length, 1, 200);
    }
}
