using System.Globalization;
using System.Text;
using System.Text.Json;
using Pipeline.Core.Tasks;
using Pipeline.Stages.Environment;
using Pipeline.Storage.Blobs;

namespace Pipeline.Stages.Coordination;

/// <summary>
/// The commit protocol of tasks, on blobs only: a task writes its outputs, then creates its completion marker
/// (create-only); the task that finds its group complete claims the advance (create-only, the claim names the
/// claimant) and only the claimant enqueues the next stage. A redelivered claimant finds its own name in the claim
/// and enqueues again (harmless: tasks are idempotent); every other task finds someone else's and enqueues nothing.
/// </summary>
public sealed class TaskLedger
{
    private readonly JobFiles _files;

    /// <summary>A ledger over the job store of <paramref name="files"/>.</summary>
    public TaskLedger(JobFiles files) => _files = files ?? throw new ArgumentNullException(nameof(files));

    /// <summary>Whether <paramref name="task"/> has committed.</summary>
    public Task<bool> IsDoneAsync(JobLayout layout, StageTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return _files.Store.ExistsAsync(layout.Done(task), cancellationToken);
    }

    /// <summary>Commits <paramref name="task"/>: creates its marker unless it exists (a concurrent copy already committed).</summary>
    public async Task CommitAsync(JobLayout layout, StageTask task, TaskRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(record);
        var json = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["unit"] = record.Unit,
            ["startedAt"] = record.StartedAt.ToString("O", CultureInfo.InvariantCulture),
            ["seconds"] = Math.Round(record.Seconds, 3),
            ["attempt"] = record.Attempt,
        });
        await _files.UploadBytesAsync(layout.Done(task), json, BlobWriteCondition.CreateOnly, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The committed units of <paramref name="stage"/> with their records.</summary>
    public async Task<IReadOnlyList<TaskRecord>> DoneAsync(JobLayout layout, Stage stage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var prefix = layout.DonePrefix(stage);
        var records = new List<TaskRecord>();
        await foreach (var blob in _files.Store.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            var unit = blob.Name[prefix.Length..];
            if (!unit.EndsWith(".json", StringComparison.Ordinal))
            {
                continue;
            }
            unit = unit[..^".json".Length];
            records.Add(await ReadRecordAsync(blob.Name, unit, cancellationToken).ConfigureAwait(false));
        }
        return records;
    }

    /// <summary>The committed unit names of <paramref name="stage"/> (no record contents read).</summary>
    public async Task<HashSet<string>> DoneUnitsAsync(JobLayout layout, Stage stage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var prefix = layout.DonePrefix(stage);
        var units = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var blob in _files.Store.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            if (blob.Name.EndsWith(".json", StringComparison.Ordinal))
            {
                units.Add(blob.Name[prefix.Length..^".json".Length]);
            }
        }
        return units;
    }

    private async Task<TaskRecord> ReadRecordAsync(string name, string unit, CancellationToken cancellationToken)
    {
        var text = await _files.ReadTextAsync(name, cancellationToken).ConfigureAwait(false);
        try
        {
            using var json = JsonDocument.Parse(text ?? "{}");
            var root = json.RootElement;
            return new TaskRecord(
                unit,
                root.TryGetProperty("startedAt", out var started) ? DateTimeOffset.Parse(started.GetString()!, CultureInfo.InvariantCulture) : default,
                root.TryGetProperty("seconds", out var seconds) ? seconds.GetDouble() : 0,
                root.TryGetProperty("attempt", out var attempt) ? attempt.GetInt64() : 0);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return new TaskRecord(unit, default, 0, 0);
        }
    }

    /// <summary>
    /// Claims the advance past <paramref name="stage"/> for <paramref name="group"/> on behalf of <paramref name="claimant"/>:
    /// <see cref="AdvanceClaim.Won"/> when created now, <see cref="AdvanceClaim.HeldByClaimant"/> when this claimant
    /// created it on an earlier delivery, <see cref="AdvanceClaim.HeldByOther"/> otherwise.
    /// </summary>
    public async Task<AdvanceClaim> ClaimAdvanceAsync(JobLayout layout, Stage stage, string group, StageTask claimant,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(claimant);
        var name = layout.Advance(stage, group);
        var result = await _files.UploadTextAsync(name, claimant.Unit, BlobWriteCondition.CreateOnly, cancellationToken).ConfigureAwait(false);
        if (result.Written)
        {
            return AdvanceClaim.Won;
        }
        var holder = await _files.ReadTextAsync(name, cancellationToken).ConfigureAwait(false);
        return holder == claimant.Unit ? AdvanceClaim.HeldByClaimant : AdvanceClaim.HeldByOther;
    }

    /// <summary>The reason the job failed, or null when it has not.</summary>
    public async Task<string?> FailureAsync(JobLayout layout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var text = await _files.ReadTextAsync(layout.Failed, cancellationToken).ConfigureAwait(false);
        if (text is null)
        {
            return null;
        }
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.GetProperty("error").GetString();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return text;
        }
    }

    /// <summary>Marks the job failed (the first reason recorded wins); false when it had already failed.</summary>
    public async Task<bool> MarkFailedAsync(JobLayout layout, StageTask? task, string reason, DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var json = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string?>
        {
            ["task"] = task?.ToString(),
            ["error"] = reason,
            ["at"] = at.ToString("O", CultureInfo.InvariantCulture),
        });
        var result = await _files.UploadBytesAsync(layout.Failed, json, BlobWriteCondition.CreateOnly, cancellationToken).ConfigureAwait(false);
        return result.Written;
    }

    internal static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
