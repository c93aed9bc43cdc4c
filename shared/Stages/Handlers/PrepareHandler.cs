using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Pipeline.Core.Tasks;

namespace Pipeline.Stages.Handlers;

/// <summary>
/// Prepare: checks the inputs (<see cref="JobPreflight"/>), writes the queries as JSON lines and a copy of the qrels
/// into the job, and the plan (query count, blocks, checksums).
/// </summary>
internal sealed class PrepareHandler : IStageHandler
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task ExecuteAsync(JobContext job, StageTask task, CancellationToken cancellationToken)
    {
        var files = job.Environment.Files;
        var checkedInputs = await JobPreflight.CheckAsync(job.Spec, job.Environment.Inputs, cancellationToken).ConfigureAwait(false);
        var queries = new StringBuilder();
        foreach (var query in checkedInputs.Queries)
        {
            queries.Append(JsonSerializer.Serialize(new Dictionary<string, string> { ["_id"] = query.QueryId, ["text"] = query.Text })).Append('\n');
        }
        var queryBytes = Encoding.UTF8.GetBytes(queries.ToString());
        await files.UploadBytesAsync(job.Layout.Queries, queryBytes, cancellationToken: cancellationToken).ConfigureAwait(false);
        string? qrelsSha = null;
        if (checkedInputs.QrelsPath is { } qrelsPath)
        {
            var qrels = await File.ReadAllBytesAsync(qrelsPath, cancellationToken).ConfigureAwait(false);
            qrelsSha = Convert.ToHexStringLower(SHA256.HashData(qrels));
            await files.UploadBytesAsync(job.Layout.Qrels, qrels, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        var size = job.Spec.Execution.QueryBlockSize;
        var plan = new Dictionary<string, object?>
        {
            ["queries"] = checkedInputs.Queries.Count,
            ["queryBlockSize"] = size,
            ["blocks"] = (checkedInputs.Queries.Count + size - 1) / size,
            ["queriesSha256"] = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(checkedInputs.QueriesPath, cancellationToken).ConfigureAwait(false))),
            ["qrelsSha256"] = qrelsSha,
        };
        await files.UploadBytesAsync(job.Layout.Plan, JsonSerializer.SerializeToUtf8Bytes(plan, Indented),
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
