using System.Text.Json.Nodes;
using Pipeline.Core.Jobs;
using Pipeline.Functions.Tests.Serve.Support;

namespace Pipeline.Functions.Tests.Serve;

/// <summary>
/// The custom-handler contract over a real <c>pipeline serve</c> process: readiness, the answer's shape, the payload
/// forms the host may send, and the status codes of bad payloads, bad jobs and unknown jobs and functions.
/// </summary>
public class ServeContractTests(ServeFixture fixture) : IClassFixture<ServeFixture>
{
    private ServeProcess Serve => fixture.Serve;

    [Fact]
    public async Task Readiness_is_answered_on_the_root_with_200_and_json()
    {
        using var response = await Serve.Client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("{\"status\":\"ready\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_function_is_404_with_a_json_error_naming_it_and_the_invocation()
    {
        var (status, body) = await Serve.PostAsync("NoSuchFunction", HostPayloads.Queue("{}"), invocationId: "inv-404");

        Assert.Equal(404, status);
        Assert.Equal("no function named 'NoSuchFunction'", body["error"]!.GetValue<string>());
        Assert.Equal("inv-404", body["invocationId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_path_below_a_function_is_404_with_a_json_error()
    {
        var (status, body) = await Serve.PostAsync("api/PrepareJob", HostPayloads.Queue("{}"));

        Assert.Equal(404, status);
        Assert.Equal("no function at POST /api/PrepareJob; the host POSTs to /{FunctionName}", body["error"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("not json", "the invocation body is not JSON: ")]
    [InlineData("[1, 2]", "the invocation body must be a JSON object {\"Data\": {...}, \"Metadata\": {...}}")]
    [InlineData("{\"Metadata\": {}}", "the invocation body has no \"Data\" object")]
    [InlineData("{\"Data\": {\"myQueueItem\": \"x\"}, \"Metadata\": {}}", "the invocation has no Data.task")]
    [InlineData("{\"Data\": {\"task\": 42}, \"Metadata\": {}}", "Data.task must be a JSON object or a string holding one, not a number")]
    [InlineData("{\"Data\": {\"task\": {\"v\":1,\"jobId\":\"j\",\"stage\":\"prepare-job\"}}, \"Metadata\": {\"DequeueCount\": 0}}",
        "Metadata.DequeueCount must be a whole number of at least 1, got 0")]
    public async Task A_malformed_payload_is_400_with_a_json_error(string payload, string expected)
    {
        var (status, body) = await Serve.PostAsync("PrepareJob", payload, invocationId: "inv-400");

        Assert.Equal(400, status);
        var error = body["error"]!.GetValue<string>();
        if (expected.EndsWith(": ", StringComparison.Ordinal))
        {
            Assert.StartsWith(expected, error, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(expected, error);
        }
        Assert.Equal("inv-400", body["invocationId"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_documented_sample_message_is_not_a_task_and_is_400()
    {
        var (status, body) = await Serve.PostAsync("PrepareJob", HostPayloads.Queue(HostPayloads.DocumentedSampleMessage, form: MessageForm.JsonText));

        Assert.Equal(400, status);
        Assert.StartsWith("Data.task is not a task message for PrepareJob: task message is not JSON: ", body["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_of_another_stage_is_400()
    {
        var message = """{"v":1,"jobId":"some-job","stage":"prepare-job"}""";

        var (status, body) = await Serve.PostAsync("IndexShard", HostPayloads.Queue(message));

        Assert.Equal(400, status);
        Assert.Equal("Data.task is a prepare-job task; IndexShard runs index-shard tasks", body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_task_message_over_the_contract_limit_is_400()
    {
        var message = """{"v":1,"jobId":"some-job","stage":"prepare-job","pad":""" + "\"" + new string('x', 5000) + "\"}";

        var (status, body) = await Serve.PostAsync("PrepareJob", HostPayloads.Queue(message));

        Assert.Equal(400, status);
        Assert.Equal($"Data.task is not a task message for PrepareJob: task message too large: {message.Length} characters (at most 4096)", body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_payload_over_one_mebibyte_is_413_with_a_json_error()
    {
        var payload = "{\"Data\": {\"task\": \"" + new string('x', (1 << 20) + 10) + "\"}}";

        var (status, body) = await Serve.PostAsync("PrepareJob", payload);
        var (next, _) = await Serve.PostAsync("NoSuchFunction", HostPayloads.Queue("{}"));

        Assert.Equal(413, status);
        Assert.Equal(404, next);
        Assert.Equal($"the invocation body has {payload.Length} bytes; at most 1048576 are accepted", body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_chunked_payload_over_one_mebibyte_is_413_with_a_json_error()
    {
        var payload = System.Text.Encoding.UTF8.GetBytes("{\"Data\": {\"task\": \"" + new string('x', (1 << 20) + 10) + "\"}}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "PrepareJob") { Content = new UnknownLengthContent(payload) };

        using var response = await Serve.Client.SendAsync(request);

        Assert.Null(request.Content.Headers.ContentLength);
        Assert.Equal(413, (int)response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal($"the invocation body has {payload.Length} bytes; at most 1048576 are accepted", body["error"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(MessageForm.JsonObject)]
    [InlineData(MessageForm.JsonText)]
    [InlineData(MessageForm.DoubleEncoded)]
    [InlineData(MessageForm.Base64)]
    public async Task A_task_for_a_job_that_does_not_exist_is_200_in_every_payload_form_with_a_log_line_and_no_outputs(MessageForm form)
    {
        var jobId = ServeFixture.NewJobId("ghost");
        var message = $$"""{"v":1,"jobId":"{{jobId}}","stage":"index-shard","shard":3}""";

        var (status, answer) = await Serve.PostAsync("IndexShard", HostPayloads.Queue(message, dequeueCount: 2, form: form), invocationId: "inv-ghost");

        Assert.Equal(200, status);
        Assert.Equal(["Outputs", "Logs", "ReturnValue"], answer.Select(p => p.Key));
        Assert.Empty(answer["Outputs"]!.AsObject());
        Assert.Null(answer["ReturnValue"]);
        Assert.Equal(
            [
                $"warning: IndexShard: {jobId}/index-shard/shard-00003: job '{jobId}' does not exist; message acknowledged, nothing to retry",
                $"IndexShard: {jobId}/index-shard/shard-00003 attempt 2: JobNotFound, enqueued 0 task(s) in",
                "invocation inv-ghost: IndexShard answered 200",
            ],
            HostPayloads.Logs(answer).Select(l => l.StartsWith("IndexShard:", StringComparison.Ordinal) ? l[..l.IndexOf(" in ", StringComparison.Ordinal)] + " in" : l));
        // The process's own log line carries the invocation scope.
        await Serve.WaitForLogAsync($"=> invocation inv-ghost IndexShard IndexShard: {jobId}/index-shard/shard-00003 attempt 2");
    }

    [Theory]
    [InlineData("{\"DequeueCount\": \"3\"}", 3)]
    [InlineData("{\"dequeuecount\": 4}", 4)]
    [InlineData("{}", 1)]
    public async Task The_attempt_is_the_dequeue_count_as_a_number_or_a_string_and_1_without_one(string metadata, long attempt)
    {
        var jobId = ServeFixture.NewJobId("attempt");
        var payload = $$$"""{"Data": {"task": {"v":1,"jobId":"{{{jobId}}}","stage":"prepare-job"}}, "Metadata": {{{metadata}}}}""";

        var (status, answer) = await Serve.PostAsync("PrepareJob", payload);

        Assert.Equal(200, status);
        Assert.Contains(HostPayloads.Logs(answer), l => l.StartsWith($"PrepareJob: {jobId}/prepare-job/job attempt {attempt}: JobNotFound", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SubmitJob_with_an_invalid_spec_is_400_with_every_error_and_enqueues_nothing()
    {
        const string job = """
            { "version": 1, "jobId": "bad id!", "corpus": {}, "queries": { "location": "cranfield/queries.tsv" },
              "firstStage": { "bm25": { "k": -1 } }, "surprise": true }
            """;
        var expected = Assert.Throws<JobSpecException>(() => JobSpecReader.Read(job, "the request body")).Errors;

        var (status, answer) = await Serve.PostAsync("SubmitJob", HostPayloads.Http("POST", "http://localhost:7071/api/jobs", job));

        Assert.Equal(200, status);
        var (code, body) = HostPayloads.Response(answer);
        Assert.Equal(400, code);
        Assert.True(expected.Count >= 3, $"the spec should have several problems, has {expected.Count}");
        Assert.Equal($"the request body: {expected.Count} problems in the job spec", body["error"]!.GetValue<string>());
        Assert.Equal(
            expected.Select(e => (e.Path, e.Message)),
            body["errors"]!.AsArray().Select(e => (e!["path"]!.GetValue<string>(), e["message"]!.GetValue<string>())));
        Assert.Empty(HostPayloads.QueueOutputs(answer));
    }

    [Fact]
    public async Task SubmitJob_with_an_empty_body_is_400()
    {
        var (status, answer) = await Serve.PostAsync("SubmitJob", HostPayloads.Http("POST", "http://localhost:7071/api/jobs", ""));

        Assert.Equal(200, status);
        var (code, body) = HostPayloads.Response(answer);
        Assert.Equal(400, code);
        Assert.Equal("the request body must be the job spec (JSON; see docs/job-spec.md)", body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task SubmitJob_with_a_missing_input_is_400_naming_the_field()
    {
        var jobId = ServeFixture.NewJobId("missing");
        var job = ServeFixture.Bm25Job(jobId).Replace("cranfield/qrels.txt", "cranfield/no-such-qrels.txt", StringComparison.Ordinal);

        var (_, answer) = await Serve.PostAsync("SubmitJob", HostPayloads.Http("POST", "http://localhost:7071/api/jobs", job));

        var (code, body) = HostPayloads.Response(answer);
        Assert.Equal(400, code);
        Assert.Equal($"job {jobId}: its inputs cannot be used", body["error"]!.GetValue<string>());
        var only = Assert.Single(body["errors"]!.AsArray());
        Assert.Equal($"$.qrels.location: file not found: {Path.Combine(ServeProcess.InputRoot, "cranfield", "no-such-qrels.txt")}", only!["message"]!.GetValue<string>());
        Assert.Empty(HostPayloads.QueueOutputs(answer));
        Assert.False(Directory.Exists(Path.Combine(Serve.Store, jobId)));
    }

    [Fact]
    public async Task SubmitJob_accepts_a_job_with_202_and_a_prepare_job_output_and_JobStatus_reports_it_queued()
    {
        var jobId = ServeFixture.NewJobId("submit");

        var (status, answer) = await Serve.PostAsync("SubmitJob", HostPayloads.Http("POST", "http://localhost:7071/api/jobs", ServeFixture.Bm25Job(jobId)));

        Assert.Equal(200, status);
        Assert.Null(answer["ReturnValue"]);
        var prepare = $$"""{"v":1,"jobId":"{{jobId}}","stage":"prepare-job"}""";
        Assert.Equal(new SortedDictionary<string, List<string>> { ["prepareJob"] = [prepare] }, HostPayloads.QueueOutputs(answer));
        var (code, body) = HostPayloads.Response(answer);
        Assert.Equal(202, code);
        Assert.Equal($$"""{"jobId":"{{jobId}}","status":"queued","resumed":false,"pending":[{{prepare}}]}""", body.ToJsonString());
        Assert.Equal([$"SubmitJob: job {jobId} submitted: Queued, enqueued 1 task(s)"], HostPayloads.Logs(answer).SkipLast(1));

        var (statusCode, statusBody) = await GetStatusAsync(jobId);
        Assert.Equal(200, statusCode);
        Assert.Equal(jobId, statusBody["jobId"]!.GetValue<string>());
        Assert.Equal("queued", statusBody["state"]!.GetValue<string>());
        Assert.Null(statusBody["error"]);
    }

    [Fact]
    public async Task SubmitJob_again_with_the_same_spec_resumes_and_with_a_changed_spec_is_409()
    {
        var jobId = ServeFixture.NewJobId("again");
        await Serve.PostAsync("SubmitJob", HostPayloads.Http("POST", "http://localhost:7071/api/jobs", ServeFixture.Bm25Job(jobId)));

        var (_, same) = await Serve.PostAsync("SubmitJob", HostPayloads.Http("POST", "http://localhost:7071/api/jobs", ServeFixture.Bm25Job(jobId)));
        var (_, changed) = await Serve.PostAsync("SubmitJob", HostPayloads.Http("POST", "http://localhost:7071/api/jobs", ServeFixture.Bm25Job(jobId, k: 50)));

        var (sameCode, sameBody) = HostPayloads.Response(same);
        Assert.Equal(202, sameCode);
        Assert.True(sameBody["resumed"]!.GetValue<bool>());
        Assert.Equal(["prepareJob"], HostPayloads.QueueOutputs(same).Keys);
        var (changedCode, changedBody) = HostPayloads.Response(changed);
        Assert.Equal(409, changedCode);
        Assert.Equal(
            $"job '{jobId}' already exists with a different spec ({jobId}/job.json); re-submitting resumes a job only with the same spec — choose a new jobId to run a changed one",
            changedBody["error"]!.GetValue<string>());
        Assert.Empty(HostPayloads.QueueOutputs(changed));
    }

    [Fact]
    public async Task JobStatus_of_an_unknown_job_is_404_and_of_an_invalid_id_400()
    {
        var (unknownCode, unknown) = await GetStatusAsync("never-submitted");
        var (invalidCode, invalid) = await GetStatusAsync("-bad");

        Assert.Equal(404, unknownCode);
        Assert.Equal("job 'never-submitted' does not exist", unknown["error"]!.GetValue<string>());
        Assert.Equal(400, invalidCode);
        Assert.Equal("job id '-bad' must start with a letter or a digit", invalid["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task SubmitJobFromServiceBus_accepts_a_double_encoded_job_with_a_prepare_job_output()
    {
        var jobId = ServeFixture.NewJobId("bus");

        var (status, answer) = await Serve.PostAsync("SubmitJobFromServiceBus", HostPayloads.ServiceBus(ServeFixture.Bm25Job(jobId)));

        Assert.Equal(200, status);
        Assert.Equal(
            new SortedDictionary<string, List<string>> { ["prepareJob"] = [$$"""{"v":1,"jobId":"{{jobId}}","stage":"prepare-job"}"""] },
            HostPayloads.QueueOutputs(answer));
        Assert.False(answer["Outputs"]!.AsObject().ContainsKey("res"));
        Assert.Equal([$"SubmitJobFromServiceBus: job {jobId} submitted: Queued, enqueued 1 task(s)"], HostPayloads.Logs(answer).SkipLast(1));
    }

    [Fact]
    public async Task SubmitJobFromServiceBus_with_an_invalid_spec_is_200_with_every_error_logged_and_nothing_enqueued()
    {
        const string job = """{ "version": 2, "jobId": "x", "surprise": 1 }""";
        var expected = Assert.Throws<JobSpecException>(() => JobSpecReader.Read(job, "Service Bus message m-7")).Errors;

        var (status, answer) = await Serve.PostAsync("SubmitJobFromServiceBus", HostPayloads.ServiceBus(job, deliveryCount: 1, messageId: "m-7"));

        Assert.Equal(200, status);
        Assert.Empty(answer["Outputs"]!.AsObject());
        Assert.Equal(
            expected.Select(e => $"warning: SubmitJobFromServiceBus: job not accepted (400): {e}"),
            HostPayloads.Logs(answer).SkipLast(1));
    }

    [Fact]
    public async Task A_poison_message_that_is_not_a_task_is_200_and_dropped_with_a_log_line()
    {
        var (status, answer) = await Serve.PostAsync("PrepareJobPoisoned",
            HostPayloads.Queue(HostPayloads.DocumentedSampleMessage, form: MessageForm.JsonText, id: "poison-1"));

        Assert.Equal(200, status);
        Assert.Empty(answer["Outputs"]!.AsObject());
        var line = Assert.Single(HostPayloads.Logs(answer).SkipLast(1));
        Assert.StartsWith("error: PrepareJobPoisoned: poison message poison-1 is not a task and is dropped: Data.task is not a task message", line, StringComparison.Ordinal);
    }

    private async Task<(int Status, JsonObject Body)> GetStatusAsync(string jobId)
    {
        var (status, answer) = await Serve.PostAsync("JobStatus",
            HostPayloads.Http("GET", $"http://localhost:7071/api/jobs/{jobId}", routeParams: new JsonObject { ["jobId"] = jobId }));
        Assert.Equal(200, status);
        Assert.Empty(HostPayloads.QueueOutputs(answer));
        return HostPayloads.Response(answer);
    }

    /// <summary>A body sent chunked: its length is not known up front.</summary>
    private sealed class UnknownLengthContent(byte[] data) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(data, 0, data.Length);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
