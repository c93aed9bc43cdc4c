namespace Pipeline.Core.Jobs;

/// <summary>Where an ONNX model folder is and how to run it.</summary>
/// <param name="Location">
/// A folder relative to the job's input root (or <c>az://container/prefix</c>) holding <c>model.onnx</c> and
/// <c>tokenizer.json</c> or <c>vocab.txt</c>.
/// </param>
/// <param name="Device"><c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>; default <c>cpu</c>.</param>
/// <param name="RequireDevice">When the device cannot be used: true fails the job, false (default) falls back to CPU with a warning.</param>
/// <param name="Threads">ONNX Runtime intra-op threads; 0 (default) for all cores.</param>
/// <param name="MaxLength">Tokens per sequence (16–8,192); default 512.</param>
/// <param name="TokenBudget">Padded tokens per batch; default 16,384.</param>
/// <param name="MaxBatchSize">Sequences per batch; default 128.</param>
/// <param name="CudaOptions">
/// ONNX Runtime CUDA execution provider options by name (e.g. <c>use_tf32</c> → <c>0</c>), sorted by name; used only on a
/// CUDA device. Null or empty: ONNX Runtime's defaults.
/// </param>
public sealed record ModelSpec(
    string Location,
    string Device = "cpu",
    bool RequireDevice = false,
    int Threads = 0,
    int MaxLength = 512,
    int TokenBudget = 16_384,
    int MaxBatchSize = 128,
    IReadOnlyList<KeyValuePair<string, string>>? CudaOptions = null)
{
    /// <summary>Value equality, the CUDA options compared entry by entry.</summary>
    public bool Equals(ModelSpec? other) =>
        other is not null && Location == other.Location && Device == other.Device && RequireDevice == other.RequireDevice
        && Threads == other.Threads && MaxLength == other.MaxLength && TokenBudget == other.TokenBudget
        && MaxBatchSize == other.MaxBatchSize
        && (CudaOptions ?? []).SequenceEqual(other.CudaOptions ?? []);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(Location, Device, RequireDevice, Threads, MaxLength, TokenBudget, MaxBatchSize, CudaOptions?.Count ?? 0);
}
