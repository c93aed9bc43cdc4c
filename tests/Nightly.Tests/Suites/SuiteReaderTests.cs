using Pipeline.Nightly.Suites;
using Pipeline.Nightly.Tests.Support;

namespace Pipeline.Nightly.Tests.Suites;

public sealed class SuiteReaderTests
{
    private static readonly Func<string, string?> NoFiles = _ => null;

    [Fact]
    public void The_sample_suite_reads_with_its_job_tracks_and_thresholds()
    {
        var suite = SuiteReader.Read(SampleSuite.Json(), "cranfield.json", NoFiles);
        Assert.Equal("cranfield", suite.Name);
        Assert.Equal("bm25", Assert.Single(suite.Jobs).Name);
        Assert.Equal([new TrackedMeasure("bm25", "bm25", "ndcg_cut_10"), new TrackedMeasure("bm25", "bm25", "map")], suite.Track);
        Assert.Equal(new SuiteThresholds(0.01, 0.05, 7, "t-test"), suite.Thresholds);
        Assert.Equal("nightly-cranfield-bm25-20260302", suite.Jobs[0].ForNight("cranfield", new DateOnly(2026, 3, 2)).JobId);
    }

    [Fact]
    public void A_job_file_is_read_relative_to_the_suite_and_its_errors_name_the_file_and_its_path()
    {
        const string job = """{ "version": 1, "corpus": { "location": "c.jsonl" }, "queries": { "location": "q.tsv" }, "qrels": { "location": "r.txt" }, "firstStage": { "bm25": {} } }""";
        var suite = SuiteReader.Read(Suite("""{ "name": "bm25", "jobFile": "jobs/bm25.json" }"""), "s.json", f => f == "jobs/bm25.json" ? job : null);
        Assert.Equal("c.jsonl", suite.Jobs[0].Template.Corpus.Location);

        var e = Assert.Throws<SuiteException>(() => SuiteReader.Read(Suite("""{ "name": "bm25", "jobFile": "jobs/bm25.json" }"""), "s.json",
            _ => """{ "version": 1, "queries": { "location": "q.tsv" }, "firstStage": { "bm25": {} } }"""));
        Assert.Equal("$.jobs[0].jobFile: jobs/bm25.json: $.corpus: is required", Assert.Single(e.Errors, x => x.Path == "$.jobs[0].jobFile").ToString());
    }

    [Fact]
    public void Every_problem_of_a_bad_suite_is_reported_with_its_json_path()
    {
        const string json = """
            {
              "version": 2,
              "suite": "no spaces",
              "jobs": [
                { "name": "bm25", "job": { "version": 1, "jobId": "x", "corpus": { "location": "c.jsonl" }, "queries": { "location": "q.tsv" }, "firstStage": { "bm25": {} } } },
                { "name": "dense", "job": { "version": 1, "corpus": { "location": "/etc/passwd" }, "queries": { "location": "q.tsv" }, "firstStage": { "bm25": { "b": 2 } } } },
                { "name": "dense", "jobFile": "x.json", "job": {} }
              ],
              "track": [ { "run": "rerank", "measure": "ndcg_cut_10" }, { "job": "nope", "run": "bm25", "measure": "map" }, { "run": "bm25" } ],
              "thresholds": { "minDrop": -1, "significance": 1, "rollingNights": 0, "test": "wilcoxon", "extra": true },
              "trakc": []
            }
            """;
        var e = Assert.Throws<SuiteException>(() => SuiteReader.Read(json, "bad.json", NoFiles));
        Assert.Equal(
        [
            "$.version: version 2 is not supported (this pipeline reads version 1)",
            "$.suite: makes the job id 'nightly-no spaces-job-20000101', which may hold only letters, digits, '.', '_' and '-', not ' '",
            "$.jobs[0].job.jobId: jobId must not be given: each night names the job nightly-{suite}-{job}-{yyyymmdd}",
            "$.jobs[1].job.corpus.location: must be a path relative to the input root, not an absolute path",
            "$.jobs[1].job.firstStage.bm25.b: must be between 0 and 1, got 2",
            "$.jobs[2].name: 'dense' names an earlier job too; job names must be unique in a suite",
            "$.jobs[2]: give either job (the spec inline) or jobFile (a path relative to the suite), not both and not neither",
            "$.track[0].run: no job of the suite writes a run 'rerank'",
            "$.track[1].job: no job of the suite is named 'nope'",
            "$.track[2].measure: is required",
            "$.thresholds.minDrop: must be between 0 and 1, got -1",
            "$.thresholds.significance: must be above 0 and below 1, got 1",
            "$.thresholds.rollingNights: must be a whole number between 1 and 365, got 0",
            "$.thresholds.test: must be one of 't-test', 'randomization', got 'wilcoxon'",
            "$.thresholds.extra: unknown field (check its spelling against the README's Nightly evaluations section)",
            "$.trakc: unknown field (check its spelling against the README's Nightly evaluations section)",
        ], e.Errors.Select(x => x.ToString()));
        Assert.StartsWith("bad.json: 16 problems", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tracked_measure_the_job_does_not_evaluate_is_rejected()
    {
        var e = Assert.Throws<SuiteException>(() => SuiteReader.Read(SampleSuite.Json().Replace("\"map\" }", "\"P_10\" }", StringComparison.Ordinal), "s.json", NoFiles));
        Assert.Equal("$.track[1].measure: job 'bm25' does not measure 'P_10' (its metrics.json holds ndcg_cut_10, map)", Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void Malformed_json_is_one_problem_at_the_root_with_its_line()
    {
        var e = Assert.Throws<SuiteException>(() => SuiteReader.Read("{\n  \"version\": 1,\n  \"suite\": }", "s.json", NoFiles));
        var error = Assert.Single(e.Errors);
        Assert.Equal("$", error.Path);
        Assert.StartsWith("not valid JSON (line 3, ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_suite_in_a_folder_claims_nothing()
    {
        var root = Directory.CreateTempSubdirectory("nightly-suites-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "s.json"), """{ "version": 1, "suite": "s", "jobs": [], "track": [] }""");
            using var environment = new Pipeline.Stages.Environment.StageEnvironment(new Pipeline.Storage.Blobs.LocalBlobStore(Path.Combine(root, "store")),
                new Pipeline.Stages.Environment.JobInputs(root));
            var e = await Assert.ThrowsAsync<SuiteException>(() => new NightlyRunner(environment).RunAsync(SuiteSource.Folder(root), new DateOnly(2026, 1, 1)));
            Assert.Equal(["$.jobs: must list at least one job", "$.track: must list at least one (run, measure) to track"], e.Errors.Select(x => x.ToString()));
            Assert.False(File.Exists(Path.Combine(root, "store", "nightly", "2026-01-01", "claim.json")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string Suite(string job) => $$"""
        { "version": 1, "suite": "s", "jobs": [ {{job}} ], "track": [ { "run": "bm25", "measure": "map" } ] }
        """;
}
