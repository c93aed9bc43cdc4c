using Pipeline.Core.Jobs;

namespace Pipeline.Core.Tests.Jobs;

/// <summary>Problems with the document as a whole: not JSON, not an object, the wrong version, missing sections.</summary>
public sealed class JobSpecDocumentTests
{
    [Fact]
    public void Malformed_json_gives_one_problem_at_the_root_with_its_line_and_byte()
    {
        const string json = "{\n  \"version\": 1,\n  \"jobId\": }\n";

        var error = Assert.Single(JobSpecs.Errors(json));

        Assert.Equal("$", error.Path);
        Assert.StartsWith("not valid JSON (line 3, byte 12): ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"version\": 1,, }")]
    [InlineData("{\"version\": 01}")]
    public void Text_that_is_not_json_gives_one_problem_at_the_root(string json)
    {
        var error = Assert.Single(JobSpecs.Errors(json));

        Assert.Equal("$", error.Path);
        Assert.StartsWith("not valid JSON (line 1, byte ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "must be a JSON object, got an array")]
    [InlineData("\"job\"", "must be a JSON object, got a string")]
    [InlineData("42", "must be a JSON object, got a number")]
    [InlineData("null", "must be a JSON object, got null")]
    public void A_document_that_is_not_an_object_is_rejected(string json, string message)
    {
        Assert.Equal([new JobSpecError("$", message)], JobSpecs.Errors(json));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(100)]
    public void Any_version_but_the_current_one_is_rejected(int version)
    {
        var errors = JobSpecs.Errors(JobSpecs.Edit(JobSpecs.Minimal, $"version={version}"));

        Assert.Equal([new JobSpecError("$.version", $"version {version} is not supported (this pipeline reads version 1)")], errors);
    }

    [Fact]
    public void An_empty_object_lists_every_required_field()
    {
        var errors = JobSpecs.Errors("{}");

        Assert.Equal(
            [
                new JobSpecError("$.version", "is required (this pipeline reads version 1)"),
                new JobSpecError("$.jobId", "is required"),
                new JobSpecError("$.corpus", "is required"),
                new JobSpecError("$.queries", "is required"),
                new JobSpecError("$.firstStage", "is required"),
            ],
            errors);
    }

    [Fact]
    public void Missing_sections_are_each_reported()
    {
        var json = JobSpecs.Edit(JobSpecs.Minimal, "corpus=", "queries=", "firstStage=");

        Assert.Equal(["$.corpus", "$.queries", "$.firstStage"], JobSpecs.Paths(json));
    }

    [Fact]
    public void The_current_version_is_one()
    {
        Assert.Equal(1, JobSpec.CurrentVersion);
        Assert.Equal(1, JobSpecReader.Read(JobSpecs.Minimal).Version);
    }
}
