using System.Globalization;
using System.Text.Json;
using Pipeline.DuckDb.Tests.Support;
using Pipeline.Functions.Cli;

namespace Pipeline.Functions.Tests;

/// <summary><c>pipeline run</c>: a whole job in-process, its summary, and bad input stopped before any work.</summary>
public sealed class RunCommandTests
{
    private static readonly string InputRoot = Path.Combine(AppContext.BaseDirectory, "data", "jobs");

    private static (int Exit, string Out, string Err) Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static string Job(string jobId, string corpus = "cranfield/corpus.jsonl.gz", string qrels = "cranfield/qrels.txt",
        string extra = "", string onBadRecord = "skip") => $$"""
        {
          "version": 1,
          "jobId": "{{jobId}}",
          "corpus": { "location": "{{corpus}}", "onBadRecord": "{{onBadRecord}}" },
          "queries": { "location": "cranfield/queries.tsv" },
          "qrels": { "location": "{{qrels}}" },
          "sharding": { "shards": 2 },
          "firstStage": { "bm25": { "k": 1000 } },
          {{extra}}
          "evaluation": { "measures": ["ndcg_cut.10", "recip_rank@10", "recall.100", "map"] }
        }
        """;

    private static string WriteJob(TempDirectory temp, string json)
    {
        var path = temp.File("job.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void The_metrics_of_a_run_equal_pipeline_eval_on_the_run_files_it_wrote()
    {
        using var temp = new TempDirectory();
        var store = temp.File("store");

        var run = Cli("run", WriteJob(temp, Job("cran")), "--store", store, "--inputs", InputRoot, "--parallel", "2");

        Assert.True(run.Exit == 0, run.Err);
        Assert.Contains("job cran completed", run.Out, StringComparison.Ordinal);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(store, "cran", "metrics.json")));
        var all = metrics.RootElement.GetProperty("runs").GetProperty("bm25").GetProperty("all");
        var runFile = Path.Combine(store, "cran", "runs", "bm25.trec");
        var qrels = Path.Combine(InputRoot, "cranfield", "qrels.txt");
        var eval = Cli("eval", "-m", "ndcg_cut.10", "-m", "recall.100", "-m", "map", qrels, runFile);
        var mrr = Cli("eval", "-M", "10", "-m", "recip_rank", qrels, runFile);
        Assert.Equal(0, eval.Exit);
        Assert.Equal(0, mrr.Exit);
        foreach (var (name, text) in new[] { ("ndcg_cut_10", eval.Out), ("recall_100", eval.Out), ("map", eval.Out), ("recip_rank@10", mrr.Out) })
        {
            var measure = name.Replace("@10", "", StringComparison.Ordinal);
            var line = text.Split('\n').Single(l => l.StartsWith(measure + " ", StringComparison.Ordinal) || l.StartsWith(measure + "\t", StringComparison.Ordinal));
            Assert.Equal(line.Split('\t')[^1].Trim(), all.GetProperty(name).GetDouble().ToString("F4", CultureInfo.InvariantCulture));
        }
        // The summary table shows the same values.
        Assert.Contains(all.GetProperty("ndcg_cut_10").GetDouble().ToString("F4", CultureInfo.InvariantCulture), run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_job_file_lists_every_problem_with_its_path_and_writes_nothing()
    {
        using var temp = new TempDirectory();
        var store = temp.File("store");
        var job = WriteJob(temp, """{ "version": 1, "jobId": "../x", "corpus": {}, "queries": { "location": "/etc/passwd" }, "firstStage": {} }""");

        var run = Cli("run", job, "--store", store, "--inputs", InputRoot);

        Assert.Equal(2, run.Exit);
        Assert.Contains("4 problems", run.Err, StringComparison.Ordinal);
        Assert.Contains("$.jobId: must start with a letter or a digit", run.Err, StringComparison.Ordinal);
        Assert.Contains("$.corpus.location: is required", run.Err, StringComparison.Ordinal);
        Assert.Contains("$.queries.location: must be a path relative to the input root", run.Err, StringComparison.Ordinal);
        Assert.Contains("$.firstStage.bm25: at least one first stage is needed", run.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(store));
    }

    [Theory]
    [InlineData("cranfield/missing.jsonl.gz", "cranfield/qrels.txt", "$.corpus.location: file not found")]
    [InlineData("cranfield/corpus.jsonl.gz", "cranfield/none.txt", "$.qrels.location: file not found")]
    public void A_missing_input_is_reported_before_any_work_and_leaves_no_job_behind(string corpus, string qrels, string expected)
    {
        using var temp = new TempDirectory();
        var store = temp.File("store");

        var run = Cli("run", WriteJob(temp, Job("missing", corpus, qrels)), "--store", store, "--inputs", InputRoot);

        Assert.Equal(2, run.Exit);
        Assert.Contains(expected, run.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(store, "missing")));
    }

    [Fact]
    public void Qrels_that_judge_none_of_the_queries_are_an_error_before_any_work()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("in/cranfield"));
        foreach (var name in new[] { "corpus.jsonl.gz", "queries.tsv" })
        {
            File.Copy(Path.Combine(InputRoot, "cranfield", name), temp.File("in/cranfield/" + name));
        }
        File.WriteAllText(temp.File("in/cranfield/qrels.txt"), "q-from-elsewhere 0 d1 1\n");

        var run = Cli("run", WriteJob(temp, Job("otherqrels")), "--store", temp.File("store"), "--inputs", temp.File("in"));

        Assert.Equal(2, run.Exit);
        Assert.Contains("$.qrels.location: the qrels in", run.Err, StringComparison.Ordinal);
        Assert.Contains("judge 1 queries, none of which is among the 225 queries", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_folder_without_a_model_is_an_error_naming_the_field_before_any_work()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("in/models/empty"));
        Directory.CreateDirectory(temp.File("in/cranfield"));
        foreach (var name in new[] { "corpus.jsonl.gz", "queries.tsv", "qrels.txt" })
        {
            File.Copy(Path.Combine(InputRoot, "cranfield", name), temp.File("in/cranfield/" + name));
        }
        var job = Job("nomodel", extra: """ "rerank": { "model": { "location": "models/empty" } }, """);

        var run = Cli("run", WriteJob(temp, job), "--store", temp.File("store"), "--inputs", temp.File("in"));

        Assert.Equal(2, run.Exit);
        Assert.Contains("$.rerank.model: the model cannot be loaded:", run.Err, StringComparison.Ordinal);
        Assert.Contains("model.onnx", run.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.File("store/nomodel")));
    }

    [Fact]
    public void A_link_that_leads_outside_the_input_root_is_refused()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("in/cranfield"));
        File.WriteAllText(temp.File("secret.txt"), "outside");
        File.CreateSymbolicLink(temp.File("in/cranfield/corpus.jsonl.gz"), temp.File("secret.txt"));

        var run = Cli("run", WriteJob(temp, Job("escape")), "--store", temp.File("store"), "--inputs", temp.File("in"));

        Assert.Equal(2, run.Exit);
        Assert.Contains("$.corpus.location: 'cranfield/corpus.jsonl.gz' is a link to", run.Err, StringComparison.Ordinal);
        Assert.Contains("outside the input root", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Running_a_changed_job_under_an_existing_id_is_refused()
    {
        using var temp = new TempDirectory();
        var store = temp.File("store");
        Assert.Equal(0, Cli("run", WriteJob(temp, Job("changed")), "--store", store, "--inputs", InputRoot).Exit);

        var run = Cli("run", WriteJob(temp, Job("changed").Replace("\"k\": 1000", "\"k\": 999", StringComparison.Ordinal)),
            "--store", store, "--inputs", InputRoot);

        Assert.Equal(2, run.Exit);
        Assert.Contains("job 'changed' already exists with a different spec", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_job_that_fails_at_a_stage_exits_1_with_the_reason_and_presents_no_results()
    {
        using var temp = new TempDirectory();
        var store = temp.File("store");

        // Cranfield has a record without text: with onBadRecord "fail" the split stops the job.
        var run = Cli("run", WriteJob(temp, Job("badrecord", onBadRecord: "fail")), "--store", store, "--inputs", InputRoot);

        Assert.Equal(1, run.Exit);
        Assert.Contains("job badrecord failed: SplitCorpus job: $.corpus.location:", run.Err, StringComparison.Ordinal);
        Assert.Contains("empty text", run.Err, StringComparison.Ordinal);
        Assert.Contains("\"state\": \"failed\"", File.ReadAllText(Path.Combine(store, "badrecord", "status.json")), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(store, "badrecord", "metrics.json")));
        Assert.False(Directory.Exists(Path.Combine(store, "badrecord", "runs")));
    }
}
