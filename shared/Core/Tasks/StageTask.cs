using System.Globalization;
using System.Text.Json;
using Pipeline.Core.Jobs;

namespace Pipeline.Core.Tasks;

/// <summary>
/// One unit of work: a stage of a job, for a shard and/or a query block where the stage has them. Its message is a
/// small JSON object (<c>{"v":1,"jobId":"…","stage":"retrieve-block","shard":3,"block":12}</c>); data lives in
/// blobs at paths derived from these fields (<see cref="JobLayout"/>).
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="Stage">The stage.</param>
/// <param name="Shard">The shard, for <see cref="Stage.Index"/> and <see cref="Stage.Retrieve"/>; otherwise null.</param>
/// <param name="Block">The query block, for <see cref="Stage.Retrieve"/>, <see cref="Stage.Merge"/> and <see cref="Stage.Rerank"/>; otherwise null.</param>
public sealed record StageTask(string JobId, Stage Stage, int? Shard = null, int? Block = null)
{
    /// <summary>The message contract version.</summary>
    public const int ContractVersion = 1;

    /// <summary>The largest message accepted (the queue's own limit is 64 KiB; ours are under 200 bytes).</summary>
    public const int MaxMessageBytes = 4096;

    /// <summary>The unit's name within its stage: <c>job</c>, <c>shard-00003</c>, <c>block-00012</c> or <c>shard-00003-block-00012</c>.</summary>
    public string Unit => (Shard, Block) switch
    {
        (null, null) => "job",
        ({ } s, null) => string.Create(CultureInfo.InvariantCulture, $"shard-{s:D5}"),
        (null, { } b) => string.Create(CultureInfo.InvariantCulture, $"block-{b:D5}"),
        ({ } s, { } b) => string.Create(CultureInfo.InvariantCulture, $"shard-{s:D5}-block-{b:D5}"),
    };

    /// <inheritdoc/>
    public override string ToString() => $"{JobId}/{StageNames.Queue(Stage)}/{Unit}";

    /// <summary>The message text.</summary>
    public string ToMessage()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v", ContractVersion);
            json.WriteString("jobId", JobId);
            json.WriteString("stage", StageNames.Queue(Stage));
            if (Shard is { } shard)
            {
                json.WriteNumber("shard", shard);
            }
            if (Block is { } block)
            {
                json.WriteNumber("block", block);
            }
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Parses a message; unknown fields are ignored, an unknown version or stage is an error.</summary>
    /// <exception cref="FormatException">Not a task message of this contract; the message says why.</exception>
    public static StageTask Parse(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Length > MaxMessageBytes)
        {
            throw new FormatException($"task message too large: {message.Length} characters (at most {MaxMessageBytes})");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException e)
        {
            throw new FormatException($"task message is not JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("task message must be a JSON object");
            }
            if (!root.TryGetProperty("v", out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var version) || version != ContractVersion)
            {
                throw new FormatException($"task message has no or an unsupported contract version 'v' (this handler reads {ContractVersion})");
            }
            var jobId = root.TryGetProperty("jobId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : null;
            if (jobId is null || SafeNames.JobIdProblem(jobId) is not null)
            {
                throw new FormatException("task message has no valid 'jobId'");
            }
            var stageName = root.TryGetProperty("stage", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";
            if (!StageNames.TryFromQueue(stageName, out var stage))
            {
                throw new FormatException($"task message names an unknown stage '{stageName}'");
            }
            var task = new StageTask(jobId, stage, Index(root, "shard"), Index(root, "block"));
            var (needsShard, needsBlock) = stage switch
            {
                Stage.Index => (true, false),
                Stage.Retrieve => (true, true),
                Stage.Merge or Stage.Rerank => (false, true),
                _ => (false, false),
            };
            if (needsShard != task.Shard.HasValue || needsBlock != task.Block.HasValue)
            {
                throw new FormatException($"a '{stageName}' task needs {(needsShard ? "a 'shard'" : "no 'shard'")} and {(needsBlock ? "a 'block'" : "no 'block'")}");
            }
            return task;
        }
    }

    private static int? Index(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number is < 0 or > 999_999)
        {
            throw new FormatException($"task message field '{name}' must be a whole number between 0 and 999999");
        }
        return number;
    }
}
