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
public sealed record ModelSpec(
    string Location,
    string Device = "cpu",
    bool RequireDevice = false,
    int Threads = 0,
    int MaxLength = 512,
    int TokenBudget = 16_384,
    int MaxBatchSize = 128);
