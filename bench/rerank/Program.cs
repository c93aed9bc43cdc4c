// Rerank throughput harness: see bench/rerank/RESULTS.md. Usage:
//   RerankBench MODEL_DIR QUERIES CORPUS RUN QUERY_COUNT DEPTH THREADS REPEATS [MAX_LENGTH=512]
//
// Pairs: the top DEPTH documents of the first QUERY_COUNT queries of RUN. Every session: CPU provider,
// ORT_ENABLE_ALL, THREADS intra-op threads. Two experiments, each built so that a change of load on the machine
// falls on both sides of a comparison:
//
// 1. Library overhead. For each query in turn, its pairs are scored three times, back to back, the order rotating:
//      library  RunReranker.Rerank as `pipeline rerank` runs it (tokenization, length bucketing, tensors, Run)
//      bare     an InferenceSession.Run loop over the same batches (checked against the library's log line),
//               pre-tokenized, tensors built beforehand
//      bare 2nd the same loop in a second session: a control, showing how much two sessions differ by themselves
//    One sample per query: the time ratios library / bare and bare 2nd / bare. Reported: median, quartiles, and the
//    ratio of the summed times.
// 2. Length bucketing vs fixed padding, on all pairs at once (RunReranker scores chunks of about 1,024 pairs; the
//    buckets of QUERY_COUNT x DEPTH pairs are the library's own for that many pairs):
//      bucketed the library's batches for the chunk(s): sorted by length, padded to each batch's longest row
//      fixed    every row padded to MAX_LENGTH, TOKEN_BUDGET / MAX_LENGTH rows a batch, in run order
//    Each mode has its own session. The two modes' batches are interleaved (the next batch comes from the mode that
//    has done the smaller share of its tokens), so both see the same machine; REPEATS repetitions.
// Every timed part also reports the share of the machine's CPU time that other processes used meanwhile
// (/proc/stat minus this process), and a warm-up checks that all modes give the library's scores.
//
// RERANK_BENCH_DEVICE=cuda[:N] runs every session on the CUDA execution provider instead (the library with
// RequireGpu, so no silent CPU fallback), and first scores all pairs on a CPU session too, to report how far the
// GPU's scores are from the CPU's and whether the per-query rankings agree.
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Pipeline.Formats.Queries;
using Pipeline.Formats.Trec;
using Pipeline.Onnx;
using Pipeline.Reranking;
using Pipeline.Reranking.Runs;
using Pipeline.Tokenization;

var inv = CultureInfo.InvariantCulture;
if (args.Length is < 8 or > 9)
{
    Console.Error.WriteLine("usage: RerankBench MODEL_DIR QUERIES CORPUS RUN QUERY_COUNT DEPTH THREADS REPEATS [MAX_LENGTH=512]");
    return 2;
}
var (modelDir, queriesPath, corpusPath, runPath) = (args[0], args[1], args[2], args[3]);
var queryCount = int.Parse(args[4], inv);
var depth = int.Parse(args[5], inv);
var threads = int.Parse(args[6], inv);
var repeats = int.Parse(args[7], inv);
var maxLength = args.Length > 8 ? int.Parse(args[8], inv) : 512;
var trace = Environment.GetEnvironmentVariable("RERANK_BENCH_TRACE") == "1";
void Trace(string step)
{
    if (trace)
    {
        Console.Error.WriteLine($"trace: {step}");
        Console.Error.Flush();
    }
}
var device = OnnxDevice.Parse(Environment.GetEnvironmentVariable("RERANK_BENCH_DEVICE") ?? "cpu");
// RERANK_BENCH_CUDA_OPTIONS=name=value,name=value: CUDA execution provider options for every GPU session.
var cudaOptions = (Environment.GetEnvironmentVariable("RERANK_BENCH_CUDA_OPTIONS") ?? string.Empty)
    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
    .Select(o => o.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
const int tokenBudget = 16_384;
const int maxRows = 128;
const int pairsPerChunk = 1024; // RunReranker.Rerank's default
const double quietShare = 0.05; // a sample is "quiet" when other processes used under 5% of the machine's CPU time

var options = new CrossEncoderOptions
{
    MaxLength = maxLength,
    TokenBudget = tokenBudget,
    MaxBatchSize = maxRows,
    Session = new OnnxSessionOptions
    {
        IntraOpThreads = threads,
        Device = device,
        RequireGpu = device.Kind == OnnxDeviceKind.Cuda,
        CudaProviderOptions = cudaOptions,
    },
};
var scored = new ScoredLog();
using var encoder = CrossEncoder.Open(modelDir, options, scored);
var candidates = RunReranker.Candidates(TrecRunReader.Read(runPath), depth).Take(queryCount).ToList();
var queries = QueryReader.Read(queriesPath).ToDictionary(q => q.QueryId, q => q.Text, StringComparer.Ordinal);
var needed = candidates.SelectMany(c => c.Documents).Select(d => d.DocId).ToHashSet(StringComparer.Ordinal);
var documents = RunReranker.LoadDocuments(corpusPath, needed);
var pairIds = candidates.SelectMany(c => c.Documents.Select(d => (c.QueryId, d.DocId))).ToList();
var version = typeof(CrossEncoder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
Console.WriteLine(string.Create(inv,
    $"RerankBench {version}; device {device} {string.Join(',', cudaOptions.Select(kv => kv.Key + '=' + kv.Value))}; {Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(runPath)))}: {candidates.Count} queries x depth {depth} = {pairIds.Count} pairs; threads {threads}, max length {maxLength}, token budget {tokenBudget}, <= {maxRows} rows; {Environment.ProcessorCount} CPUs"));

// Pre-tokenization, encoded as CrossEncoder encodes a pair: the query cut to MaxQueryTokens, the document cut to fill
// the rest of the max length, [CLS] q [SEP] d [SEP]. The library path tokenizes by itself, inside its timing.
var tokenizeStarted = Stopwatch.GetTimestamp();
var encoded = candidates.SelectMany(c =>
{
    var q = encoder.Tokenizer.Tokenize(queries[c.QueryId]);
    q = q.Count > options.MaxQueryTokens ? q.GetRange(0, options.MaxQueryTokens) : q;
    var room = maxLength - 3 - q.Count;
    return c.Documents.Select(d =>
    {
        var doc = encoder.Tokenizer.Tokenize(documents[d.DocId]);
        return encoder.Tokenizer.Assemble(q, doc.Count > room ? doc.GetRange(0, room) : doc, null, TruncationStrategy.OnlySecond);
    }).ToList();
}).ToList();
var tokenizeSeconds = Stopwatch.GetElapsedTime(tokenizeStarted).TotalSeconds;
var realTokens = encoded.Sum(e => (long)e.Length);
var firstPair = new int[candidates.Count + 1];
for (var q = 0; q < candidates.Count; q++)
{
    firstPair[q + 1] = firstPair[q] + candidates[q].Documents.Count;
}

var chunkBatches = BucketedBatches(0, candidates.Count);
var fixedBatches = Enumerable.Range(0, encoded.Count).Chunk(tokenBudget / maxLength)
    .Select(rows => Batch.Create(encoded, rows, maxLength, encoder.Tokenizer.PadId)).ToList();
Console.WriteLine(string.Create(inv,
    $"tokens {realTokens:N0} (mean pair {realTokens / (double)encoded.Count:F1}); tokenization alone {tokenizeSeconds:F2} s; "
    + $"bucketed: {chunkBatches.Count} batches, {Padded(chunkBatches):N0} padded tokens ({Waste(chunkBatches):P1} padding); "
    + $"fixed: {fixedBatches.Count} batches, {Padded(fixedBatches):N0} padded tokens ({Waste(fixedBatches):P1} padding)"));
if (repeats == 0)
{
    return 0; // REPEATS 0: the statistics only
}

using var sessionOptions = new SessionOptions { IntraOpNumThreads = threads, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
Trace("bare session options");
if (device.Kind == OnnxDeviceKind.Cuda)
{
    using var cuda = new OrtCUDAProviderOptions();
    cuda.UpdateOptions(new Dictionary<string, string>(cudaOptions) { ["device_id"] = device.DeviceId.ToString(inv) });
    sessionOptions.AppendExecutionProvider_CUDA(cuda);
}
var modelPath = Path.Combine(modelDir, "model.onnx");
var outputName = encoder.ScoreOutput.Name;
Trace("compare with cpu");
if (device.Kind == OnnxDeviceKind.Cuda && Environment.GetEnvironmentVariable("RERANK_BENCH_SKIP_CPU") != "1")
{
    CompareWithCpu();
}
Trace("bare sessions");

// ---- 1. Library overhead: library vs bare loop, query by query; the bare loop in a second session is the control.
using var bareSession = new InferenceSession(modelPath, sessionOptions);
using var secondSession = new InferenceSession(modelPath, sessionOptions); // also the fixed-padding session of part 2
string[] inputNames = [.. bareSession.InputMetadata.Keys];
var perQuery = Enumerable.Range(0, candidates.Count).Select(q => BucketedBatches(q, q + 1)).ToList();
var libraryScores = new float[encoded.Count];
Console.WriteLine();
Console.WriteLine("### 1. Library vs bare Run loop, per query (the same batches)");
{
    // Warm-up on the first query; its library scores are the reference that every mode must reproduce.
    Trace("warm-up: library");
    RunLibrary(0);
    Trace("warm-up: bare");
    var bare = new float[encoded.Count];
    RunBatches(bareSession, perQuery[0], bare);
    Check("bare loop (warm-up, query 1)", bare, 0, firstPair[1]);
    RunBatches(secondSession, perQuery[0], bare);
    Check("bare loop, second session (warm-up, query 1)", bare, 0, firstPair[1]);
}
Console.WriteLine();
Console.WriteLine("| query | pairs | order | library s | bare s | bare 2nd session s | library / bare | bare 2nd / bare | library: GC pause ms, allocated MB | other processes' CPU share |");
Console.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");
var samples = new List<(double Library, double Bare, double Second, double Others)>();
string[] part1Modes = ["library", "bare", "bare 2nd"];
for (var q = 0; q < candidates.Count; q++)
{
    var monitor = CpuMonitor.Start();
    double library = 0, bare = 0, second = 0, pauseMs = 0, allocatedMb = 0;
    // The order rotates with the query (L B 2, B 2 L, 2 L B, ...): each mode takes each position equally often
    // when the query count is a multiple of 3.
    var order = Enumerable.Range(0, 3).Select(k => part1Modes[(q + k) % 3]).ToArray();
    foreach (var mode in order)
    {
        switch (mode)
        {
            case "library":
                var pause = GC.GetTotalPauseDuration();
                var allocated = GC.GetTotalAllocatedBytes();
                library = RunLibrary(q);
                pauseMs = (GC.GetTotalPauseDuration() - pause).TotalMilliseconds;
                allocatedMb = (GC.GetTotalAllocatedBytes() - allocated) / 1e6;
                break;
            case "bare":
                bare = RunBatches(bareSession, perQuery[q], null);
                break;
            default:
                second = RunBatches(secondSession, perQuery[q], null);
                break;
        }
    }
    var others = monitor.OthersShare();
    samples.Add((library, bare, second, others));
    Console.WriteLine(string.Create(inv,
        $"| {q + 1} | {firstPair[q + 1] - firstPair[q]} | {string.Join(", ", order)} | {library:F2} | {bare:F2} | {second:F2} | {library / bare:F3} | {second / bare:F3} | {pauseMs:F0}, {allocatedMb:F0} | {others:P0} |"));
}
Console.WriteLine();
Summary("library / bare (library overhead)", s => s.Library);
Summary("bare 2nd session / bare (control: the same loop in another session)", s => s.Second);
Console.WriteLine(string.Create(inv,
    $"library: {encoded.Count / samples.Sum(s => s.Library):F1} pairs/s, {realTokens / samples.Sum(s => s.Library):N0} tokens/s; bare: {encoded.Count / samples.Sum(s => s.Bare):F1} pairs/s, {realTokens / samples.Sum(s => s.Bare):N0} tokens/s (totals over the queries)"));

void Summary(string name, Func<(double Library, double Bare, double Second, double Others), double> numerator)
{
    var ratios = samples.Select(s => numerator(s) / s.Bare).ToList();
    var quiet = samples.Where(s => s.Others < quietShare).Select(s => numerator(s) / s.Bare).ToList();
    var quietText = quiet.Count > 0
        ? string.Create(inv, $"quiet queries only (others < {quietShare:P0}): median {Quantile(quiet, 0.5):F3} over {quiet.Count}")
        : "no quiet query";
    Console.WriteLine(string.Create(inv,
        $"{name}: median {Quantile(ratios, 0.5):F3}, quartiles {Quantile(ratios, 0.25):F3}..{Quantile(ratios, 0.75):F3}, range {ratios.Min():F3}..{ratios.Max():F3} over {ratios.Count} queries; "
        + $"sum of times {samples.Sum(numerator) / samples.Sum(s => s.Bare):F3}; {quietText}"));
}

// ---- 2. Bucketed vs fixed padding, interleaved batch by batch, each mode in its own session.
var fixedSession = secondSession;
Console.WriteLine();
Console.WriteLine($"### 2. Length-bucketed vs fixed {maxLength} padding, all {encoded.Count} pairs, interleaved batches");
{
    // Warm-up: each session runs its widest batch once. Every repeat checks both modes' scores against the library's.
    RunBatches(bareSession, [chunkBatches.MaxBy(b => b.Ids.Length)!], null);
    RunBatches(fixedSession, [fixedBatches[0]], null);
}
Console.WriteLine();
Console.WriteLine("| repeat | bucketed s | fixed s | fixed / bucketed | bucketed tokens/s (real; padded) | fixed tokens/s (real; padded) | other processes' CPU share |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
var paddingRatios = new List<double>();
for (var repeat = 1; repeat <= repeats; repeat++)
{
    var bucketedScores = new float[encoded.Count];
    var fixedScores = new float[encoded.Count];
    var monitor = CpuMonitor.Start();
    double bucketedSeconds = 0, fixedSeconds = 0;
    long bucketedDone = 0, fixedDone = 0;
    int b = 0, f = 0;
    while (b < chunkBatches.Count || f < fixedBatches.Count)
    {
        // The mode with the smaller share of its padded tokens done goes next; ties alternate with the repeat.
        var bucketedShare = bucketedDone / (double)Padded(chunkBatches);
        var fixedShare = fixedDone / (double)Padded(fixedBatches);
        var bucketedNext = f == fixedBatches.Count
            || (b < chunkBatches.Count && (bucketedShare < fixedShare || (bucketedShare == fixedShare && repeat % 2 == 1)));
        if (bucketedNext)
        {
            bucketedSeconds += RunBatches(bareSession, [chunkBatches[b]], bucketedScores);
            bucketedDone += chunkBatches[b++].Ids.Length;
        }
        else
        {
            fixedSeconds += RunBatches(fixedSession, [fixedBatches[f]], fixedScores);
            fixedDone += fixedBatches[f++].Ids.Length;
        }
    }
    var others = monitor.OthersShare();
    Check($"bucketed, repeat {repeat}", bucketedScores, 0, encoded.Count);
    Check($"fixed, repeat {repeat}", fixedScores, 0, encoded.Count);
    paddingRatios.Add(fixedSeconds / bucketedSeconds);
    Console.WriteLine(string.Create(inv,
        $"| {repeat} | {bucketedSeconds:F2} | {fixedSeconds:F2} | {fixedSeconds / bucketedSeconds:F3} | {realTokens / bucketedSeconds:N0}; {Padded(chunkBatches) / bucketedSeconds:N0} | {realTokens / fixedSeconds:N0}; {Padded(fixedBatches) / fixedSeconds:N0} | {others:P0} |"));
}
Console.WriteLine();
Console.WriteLine(string.Create(inv,
    $"fixed / bucketed: median {Quantile(paddingRatios, 0.5):F3} over {paddingRatios.Count} repeats (padded-token ratio {Padded(fixedBatches) / (double)Padded(chunkBatches):F3})"));

using (var status = new StreamReader("/proc/self/status"))
{
    var hwm = status.ReadToEnd().Split('\n').FirstOrDefault(l => l.StartsWith("VmHWM", StringComparison.Ordinal));
    Console.WriteLine($"peak RSS (VmHWM, three sessions): {hwm?.Split(':')[1].Trim()}");
}
return 0;

// GPU vs CPU: all pairs through the library on the GPU and through a bare CPU session in the library's batches.
void CompareWithCpu()
{
    using var cpuOptions = new SessionOptions { IntraOpNumThreads = threads, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
    using var cpuSession = new InferenceSession(modelPath, cpuOptions);
    string[] names = [.. cpuSession.InputMetadata.Keys];
    var started = Stopwatch.GetTimestamp();
    Trace("library on all pairs");
    var run = RunReranker.Rerank(encoder, candidates, queries, documents, "bench");
    Trace("cpu session on all pairs");
    var gpuSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
    var gpu = new float[encoded.Count];
    for (var q = 0; q < candidates.Count; q++)
    {
        var byDoc = run.ForQuery(candidates[q].QueryId)!.ToDictionary(d => d.DocId, d => (float)d.Score, StringComparer.Ordinal);
        for (var i = firstPair[q]; i < firstPair[q + 1]; i++)
        {
            gpu[i] = byDoc[pairIds[i].DocId];
        }
    }
    var cpu = new float[encoded.Count];
    started = Stopwatch.GetTimestamp();
    using (var runOptions = new RunOptions())
    {
        foreach (var batch in chunkBatches)
        {
            using var outputs = cpuSession.Run(runOptions, names, batch.Values(names), [outputName]);
            var logits = outputs[0].GetTensorDataAsSpan<float>();
            for (var r = 0; r < batch.Rows.Length; r++)
            {
                cpu[batch.Rows[r]] = logits[r];
            }
        }
    }
    var cpuSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
    double maxDiff = 0, maxScore = 0;
    var sameOrder = 0;
    for (var q = 0; q < candidates.Count; q++)
    {
        var range = Enumerable.Range(firstPair[q], firstPair[q + 1] - firstPair[q]).ToList();
        foreach (var i in range)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs(gpu[i] - cpu[i]));
            maxScore = Math.Max(maxScore, Math.Abs(cpu[i]));
        }
        var byGpu = range.OrderByDescending(i => gpu[i]).ThenBy(i => i);
        var byCpu = range.OrderByDescending(i => cpu[i]).ThenBy(i => i);
        sameOrder += byGpu.SequenceEqual(byCpu) ? 1 : 0;
    }
    Console.WriteLine(string.Create(inv,
        $"gpu vs cpu: {encoded.Count} pairs; max abs diff {maxDiff:E2} (max |score| {maxScore:F3}); identical ranking in {sameOrder} of {candidates.Count} queries; "
        + $"library on the GPU {encoded.Count / gpuSeconds:F0} pairs/s ({gpuSeconds:F2} s, first call included), bare CPU session {encoded.Count / cpuSeconds:F0} pairs/s ({cpuSeconds:F2} s, {threads} threads)"));
}

long Padded(List<Batch> batches) => batches.Sum(b => (long)b.Ids.Length);

double Waste(List<Batch> batches) => 1 - (batches.Sum(b => b.Rows.Sum(r => (long)encoded[r].Length)) / (double)Padded(batches));

static double Quantile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    var position = p * (sorted.Count - 1);
    var low = (int)Math.Floor(position);
    var high = Math.Min(low + 1, sorted.Count - 1);
    return sorted[low] + ((position - low) * (sorted[high] - sorted[low]));
}

// The library path on one query; checks that it ran exactly the batches of the bare loop.
double RunLibrary(int q)
{
    scored.Clear();
    var started = Stopwatch.GetTimestamp();
    var run = RunReranker.Rerank(encoder, candidates.GetRange(q, 1), queries, documents, "bench");
    var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
    var batches = perQuery[q];
    var tokens = batches.Sum(b => b.Rows.Sum(r => (long)encoded[r].Length));
    if (scored.Tokens != tokens || scored.Padded != Padded(batches) || scored.Batches != batches.Count)
    {
        throw new InvalidOperationException(string.Create(inv,
            $"query {q + 1}: the library ran {scored.Batches} batches, {scored.Tokens} tokens, {scored.Padded} padded; the bare loop has {batches.Count}, {tokens}, {Padded(batches)}"));
    }
    var byDoc = run.ForQuery(candidates[q].QueryId)!.ToDictionary(d => d.DocId, d => (float)d.Score, StringComparer.Ordinal);
    for (var i = firstPair[q]; i < firstPair[q + 1]; i++)
    {
        libraryScores[i] = byDoc[pairIds[i].DocId];
    }
    return elapsed;
}

double RunBatches(InferenceSession session, List<Batch> batches, float[]? scores)
{
    using var runOptions = new RunOptions();
    var started = Stopwatch.GetTimestamp();
    foreach (var batch in batches)
    {
        using var outputs = session.Run(runOptions, inputNames, batch.Values(inputNames), [outputName]);
        if (scores is not null)
        {
            var logits = outputs[0].GetTensorDataAsSpan<float>();
            for (var r = 0; r < batch.Rows.Length; r++)
            {
                scores[batch.Rows[r]] = logits[r];
            }
        }
    }
    return Stopwatch.GetElapsedTime(started).TotalSeconds;
}

// The modes score the same pairs: their scores agree with the library's to float rounding (padding is masked).
void Check(string what, float[] scores, int from, int to)
{
    var diff = 0.0;
    for (var i = from; i < to; i++)
    {
        diff = Math.Max(diff, Math.Abs(scores[i] - libraryScores[i]));
    }
    Console.WriteLine(string.Create(inv, $"check: {what}: max abs diff from the library's scores {diff:E2}"));
    if (!(diff <= 1e-4))
    {
        throw new InvalidOperationException($"{what} does not reproduce the library's scores (max abs diff {diff})");
    }
}

// Length bucketing as RunReranker + CrossEncoder do it for the queries [from, to): chunks of whole queries of about
// pairsPerChunk pairs, and in each chunk a stable sort by length, cut under the token budget and the row cap.
List<Batch> BucketedBatches(int from, int to)
{
    var batches = new List<Batch>();
    var chunkStart = firstPair[from];
    for (var q = from; q < to; q++)
    {
        var chunkEnd = firstPair[q + 1];
        if (chunkEnd - chunkStart < pairsPerChunk && q < to - 1)
        {
            continue;
        }
        var order = Enumerable.Range(chunkStart, chunkEnd - chunkStart).OrderBy(i => encoded[i].Length).ThenBy(i => i).ToArray();
        var position = 0;
        while (position < order.Length)
        {
            var count = 0;
            var width = 0;
            while (position + count < order.Length && count < maxRows)
            {
                var next = Math.Max(width, encoded[order[position + count]].Length);
                if (count > 0 && next * (count + 1) > tokenBudget)
                {
                    break;
                }
                width = next;
                count++;
            }
            batches.Add(Batch.Create(encoded, order[position..(position + count)], width, encoder.Tokenizer.PadId));
            position += count;
        }
        chunkStart = chunkEnd;
    }
    return batches;
}

/// <summary>One batch's input tensors, built once and reused by every run.</summary>
internal sealed class Batch
{
    private readonly Dictionary<string, OrtValue> _values;

    private Batch(int[] rows, long[] ids, Dictionary<string, OrtValue> values) => (Rows, Ids, _values) = (rows, ids, values);

    public int[] Rows { get; }

    public long[] Ids { get; }

    public static Batch Create(List<TokenEncoding> inputs, int[] rows, int width, int padId)
    {
        var ids = new long[rows.Length * width];
        var mask = new long[rows.Length * width];
        var types = new long[rows.Length * width];
        for (var r = 0; r < rows.Length; r++)
        {
            var e = inputs[rows[r]];
            for (var t = 0; t < width; t++)
            {
                var real = t < e.Length;
                ids[(r * width) + t] = real ? e.Ids[t] : padId;
                mask[(r * width) + t] = real ? 1 : 0;
                types[(r * width) + t] = real ? e.TypeIds[t] : 0;
            }
        }
        long[] shape = [rows.Length, width];
        return new Batch(rows, ids, new Dictionary<string, OrtValue>(StringComparer.Ordinal)
        {
            ["input_ids"] = OrtValue.CreateTensorValueFromMemory(ids, shape),
            ["attention_mask"] = OrtValue.CreateTensorValueFromMemory(mask, shape),
            ["token_type_ids"] = OrtValue.CreateTensorValueFromMemory(types, shape),
        });
    }

    public OrtValue[] Values(string[] names) => [.. names.Select(n => _values[n])];
}

/// <summary>Sums CrossEncoder's "scored" log lines (event 3101): the batches, tokens and padded tokens it ran.</summary>
internal sealed class ScoredLog : ILogger
{
    public long Batches { get; private set; }

    public long Tokens { get; private set; }

    public long Padded { get; private set; }

    public void Clear() => (Batches, Tokens, Padded) = (0, 0, 0);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id != 3101 || state is not IReadOnlyList<KeyValuePair<string, object?>> fields)
        {
            return;
        }
        long Field(string name) => Convert.ToInt64(fields.First(f => f.Key == name).Value, CultureInfo.InvariantCulture);
        Batches += Field("Batches");
        Tokens += Field("Tokens");
        Padded += Field("PaddedTokens");
    }
}

/// <summary>
/// The share of the machine's CPU time (all CPUs) that processes other than this one used between Start and
/// OthersShare: busy time from /proc/stat minus this process's utime + stime from /proc/self/stat, over
/// elapsed time x CPUs. Linux only; clock ticks of 1/100 s.
/// </summary>
internal sealed class CpuMonitor
{
    private const double TicksPerSecond = 100;
    private readonly long _busy;
    private readonly long _own;
    private readonly long _started;

    private CpuMonitor(long busy, long own, long started) => (_busy, _own, _started) = (busy, own, started);

    public static CpuMonitor Start() => new(MachineBusyTicks(), OwnTicks(), Stopwatch.GetTimestamp());

    public double OthersShare()
    {
        var elapsed = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var others = (MachineBusyTicks() - _busy) - (OwnTicks() - _own);
        return Math.Max(0, others / TicksPerSecond / (elapsed * Environment.ProcessorCount));
    }

    // "cpu  user nice system idle iowait irq softirq steal ...": everything but idle and iowait.
    private static long MachineBusyTicks()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long busy = 0;
        for (var i = 1; i <= 8 && i < fields.Length; i++)
        {
            busy += i is 4 or 5 ? 0 : long.Parse(fields[i], CultureInfo.InvariantCulture);
        }
        return busy;
    }

    // Fields 14 and 15 (utime, stime) of /proc/self/stat, counted after the ")" that ends the command name.
    private static long OwnTicks()
    {
        var text = File.ReadAllText("/proc/self/stat");
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
