using Pipeline.Core.Jobs;

namespace Pipeline.Core.Tests.Jobs;

public sealed class SafeNamesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("1")]
    [InlineData("scifact-bm25")]
    [InlineData("A.b_c-1")]
    [InlineData("run.2024-06-01")]
    [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    public void Plain_job_ids_are_accepted(string jobId)
    {
        Assert.Null(SafeNames.JobIdProblem(jobId));
    }

    [Theory]
    [InlineData("", "must be 1–64 characters long, got 0")]
    [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "must be 1–64 characters long, got 65")]
    [InlineData("a/b", "may hold only letters, digits, '.', '_' and '-', not '/'")]
    [InlineData("a\\b", "may hold only letters, digits, '.', '_' and '-', not '\\'")]
    [InlineData("..", "must start with a letter or a digit")]
    [InlineData("a..b", "may not contain '..'")]
    [InlineData("a/../b", "may hold only letters, digits, '.', '_' and '-', not '/'")]
    [InlineData("a%2fb", "may hold only letters, digits, '.', '_' and '-', not '%'")]
    [InlineData(".hidden", "must start with a letter or a digit")]
    [InlineData("-x", "must start with a letter or a digit")]
    [InlineData("_x", "must start with a letter or a digit")]
    [InlineData("a b", "may hold only letters, digits, '.', '_' and '-', not ' '")]
    [InlineData("a:b", "may hold only letters, digits, '.', '_' and '-', not ':'")]
    [InlineData("a\nb", "may hold only letters, digits, '.', '_' and '-', not U+000A")]
    [InlineData("café", "may hold only letters, digits, '.', '_' and '-', not U+00E9")]
    [InlineData("ａｂ", "must start with a letter or a digit")]
    [InlineData("jöb", "may hold only letters, digits, '.', '_' and '-', not U+00F6")]
    [InlineData("job\u0000", "may hold only letters, digits, '.', '_' and '-', not U+0000")]
    public void Job_ids_that_could_leave_their_folder_or_are_not_plain_ascii_are_rejected(string jobId, string problem)
    {
        Assert.Equal(problem, SafeNames.JobIdProblem(jobId));
    }

    [Theory]
    [InlineData("data/corpus.jsonl.gz")]
    [InlineData("corpus.jsonl")]
    [InlineData("./x")]
    [InlineData("a/./b")]
    [InlineData("models/minilm/")]
    [InlineData("x..y/...")]
    [InlineData("az://c/p/x")]
    [InlineData("az://beir/scifact/corpus.jsonl.gz")]
    [InlineData("az://models/minilm/")]
    public void Relative_paths_and_blob_locations_are_accepted(string location)
    {
        Assert.Null(SafeNames.LocationProblem(location));
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("../x", "may not contain '..' segments (nothing outside the input root can be read)")]
    [InlineData("a/../../b", "may not contain '..' segments (nothing outside the input root can be read)")]
    [InlineData("a/..", "may not contain '..' segments (nothing outside the input root can be read)")]
    [InlineData("a/../", "may not contain '..' segments (nothing outside the input root can be read)")]
    [InlineData("..", "may not contain '..' segments (nothing outside the input root can be read)")]
    [InlineData("/etc/passwd", "must be a path relative to the input root, not an absolute path")]
    [InlineData("//", "must be a path relative to the input root, not an absolute path")]
    [InlineData("//server/share/x", "must be a path relative to the input root, not an absolute path")]
    [InlineData("~/x", "must be a path relative to the input root, not an absolute path")]
    [InlineData("C:\\x", "must be a path relative to the input root, not an absolute path")]
    [InlineData("c:x", "must be a path relative to the input root, not an absolute path")]
    [InlineData("a\\b", "may not contain '\\' (use '/')")]
    [InlineData("..\\x", "may not contain '\\' (use '/')")]
    [InlineData("a%2Fb", "may not contain percent-encoded separators or dots (%2F, %5C, %2E, %00)")]
    [InlineData("a%2fb", "may not contain percent-encoded separators or dots (%2F, %5C, %2E, %00)")]
    [InlineData("a%2e%2e/b", "may not contain percent-encoded separators or dots (%2F, %5C, %2E, %00)")]
    [InlineData("%2E%2E/b", "may not contain percent-encoded separators or dots (%2F, %5C, %2E, %00)")]
    [InlineData("a%5cb", "may not contain percent-encoded separators or dots (%2F, %5C, %2E, %00)")]
    [InlineData("a%00b", "may not contain percent-encoded separators or dots (%2F, %5C, %2E, %00)")]
    [InlineData("az://c/%2e%2e/x", "may not contain percent-encoded separators or dots (%2F, %5C, %2E, %00)")]
    [InlineData("https://evil/x", "must be a relative path or az://container/path (blob URLs with their own account are not accepted in a job)")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/c/x", "must be a relative path or az://container/path (blob URLs with their own account are not accepted in a job)")]
    [InlineData("file:///etc", "must be a relative path or az://container/path (blob URLs with their own account are not accepted in a job)")]
    [InlineData("AZ://c/x", "must be a relative path or az://container/path (blob URLs with their own account are not accepted in a job)")]
    [InlineData("a\u0000b", "may not contain control characters (U+0000)")]
    [InlineData("a\nb", "may not contain control characters (U+000A)")]
    [InlineData("a\tb", "may not contain control characters (U+0009)")]
    [InlineData("a\u007fb", "may not contain control characters (U+007F)")]
    [InlineData("a//b", "may not contain empty path segments ('//')")]
    [InlineData("az:///x", "an az:// location needs a container and a path: az://container/path")]
    [InlineData("az://", "an az:// location needs a container and a path: az://container/path")]
    [InlineData("az://c", "an az:// location needs a container and a path: az://container/path")]
    [InlineData("az://c/", "an az:// location needs a container and a path: az://container/path")]
    [InlineData("az://c/../x", "may not contain '..' segments (nothing outside the input root can be read)")]
    [InlineData("az://c//x", "may not contain empty path segments ('//')")]
    [InlineData("az://c/a\\b", "may not contain '\\' (use '/')")]
    public void Locations_that_could_leave_the_input_root_are_rejected_with_a_reason(string location, string problem)
    {
        Assert.Equal(problem, SafeNames.LocationProblem(location));
    }

    [Fact]
    public void Locations_longer_than_1024_characters_are_rejected()
    {
        Assert.Null(SafeNames.LocationProblem(new string('x', 1024)));
        Assert.Equal("must be at most 1,024 characters long, got 1025", SafeNames.LocationProblem(new string('x', 1025)));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("/etc/passwd")]
    [InlineData("a%2Fb")]
    [InlineData("file:///etc")]
    public void An_unsafe_location_in_any_input_is_reported_at_its_path(string location)
    {
        var quoted = System.Text.Json.JsonSerializer.Serialize(location);
        var json = JobSpecs.Edit(JobSpecs.Full,
            $"corpus.location={quoted}", $"queries.location={quoted}", $"qrels.location={quoted}",
            $"firstStage.dense.model.location={quoted}", $"rerank.model.location={quoted}");

        Assert.Equal(
            ["$.corpus.location", "$.queries.location", "$.qrels.location", "$.firstStage.dense.model.location", "$.rerank.model.location"],
            JobSpecs.Paths(json));
    }
}
