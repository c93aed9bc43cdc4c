// Rerank throughput harness: see bench/rerank/RESULTS.md. Usage:
//   RerankBench MODEL_DIR QUERIES CORPUS RUN QUERY_COUNT DEPTH THREADS [MAX_LENGTH]
// Prints one line per mode: pairs, tokens (real), padded tokens, seconds, pairs/s, tokens/s; then peak RSS.
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Pipeline.Formats.Queries;
using Pipeline.Formats.Trec;
using Pipeline.Onnx;
using Pipeline.Reranking;
using Pipeline.Reranking.Runs;
using Pipeline.Tokenization;

var inv = CultureInfo.InvariantCulture;
var (modelDir, queriesPath, corpusPath, runPath) = (args[0], args[1], args[2], args[3]);
var queryCount = int.Parse(args[4], inv);
var depth = int.Parse(args[5], inv);
var threads = int.Parse(args[6], inv);
var maxLength = args.Length > 7 ? int.Parse(args[7], inv) : 512;
const int tokenBudget = 16_384;
const int maxRows = 128;

var options = new CrossEncoderOptions
{
    MaxLength = maxLength,
    TokenBudget = tokenBudget,
    MaxBatchSize = maxRows,
    Session = new OnnxSessionOptions { IntraOpThreads = threads },
};
using var encoder = CrossEncoder.Open(modelDir, options);
var candidates = RunReranker.Candidates(TrecRunReader.Read(runPath), depth).Take(queryCount).ToList();
var queries = QueryReader.Read(queriesPath).ToDictionary(q => q.QueryId, q => q.Text, StringComparer.Ordinal);
var needed = candidates.SelectMany(c => c.Documents).Select(d => d.DocId).ToHashSet(StringComparer.Ordinal);
var documents = RunReranker.LoadDocuments(corpusPath, needed);

// The same encoding as CrossEncoder (queries here are shorter than its 64-token cap): [CLS] q [SEP] d [SEP], cut to fit.
var encoded = candidates.SelectMany(c => c.Documents.Select(d =>
    encoder.Tokenizer.Encode(queries[c.QueryId], documents[d.DocId], maxLength, TruncationStrategy.OnlySecond))).ToList();
var realTokens = encoded.Sum(e => (long)e.Length);
Console.WriteLine(string.Create(inv, $"queries {candidates.Count}, pairs {encoded.Count}, tokens {realTokens}, mean length {realTokens / (double)encoded.Count:F1}, threads {threads}, max length {maxLength}"));

// Warm-up: one small batch through the library (session initialisation, first-run allocations).
encoder.ScoreEncoded(encoded.Take(8).ToList());

// 1. The library path as `pipeline rerank` runs it (RunReranker.Rerank: tokenization + bucketing + batches + Run).
var started = Stopwatch.GetTimestamp();
RunReranker.Rerank(encoder, candidates, queries, documents, "bench");
Report("pipeline (RunReranker.Rerank)", encoded.Count, realTokens, BucketedPadded(encoded), Stopwatch.GetElapsedTime(started));

// 2. A bare InferenceSession.Run loop over pre-built length-bucketed batches (tokenization and tensor building untimed).
using var sessionOptions = new SessionOptions { IntraOpNumThreads = threads, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
using var session = new InferenceSession(Path.Combine(modelDir, "model.onnx"), sessionOptions);
var bucketed = Batches(encoded, fixedWidth: null);
// 3. The same loop with every row padded to the max length (batches of tokenBudget / maxLength rows, file order).
var fixedBatches = Batches(encoded, fixedWidth: maxLength);
// Alternating repeats, so that a change in the machine's load does not favour one mode.
for (var repeat = 1; repeat <= 2; repeat++)
{
    Time($"bare Run loop, length-bucketed (repeat {repeat})", bucketed);
    Time($"bare Run loop, fixed max-length padding (repeat {repeat})", fixedBatches);
}

using var status = new StreamReader("/proc/self/status");
var hwm = status.ReadToEnd().Split('\n').FirstOrDefault(l => l.StartsWith("VmHWM", StringComparison.Ordinal));
Console.WriteLine($"peak RSS: {hwm?.Split(':')[1].Trim()}");

void Time(string name, List<(long[] Ids, long[] Mask, long[] Types, long[] Shape)> batches)
{
    string[] inputNames = ["input_ids", "attention_mask", "token_type_ids"];
    long padded = batches.Sum(b => (long)b.Ids.Length);
    var pairs = batches.Sum(b => (int)b.Shape[0]);
    var values = batches.Select(b => new[]
    {
        OrtValue.CreateTensorValueFromMemory(b.Ids, b.Shape), OrtValue.CreateTensorValueFromMemory(b.Mask, b.Shape),
        OrtValue.CreateTensorValueFromMemory(b.Types, b.Shape),
    }).ToList();
    using var runOptions = new RunOptions();
    var begin = Stopwatch.GetTimestamp();
    foreach (var inputs in values)
    {
        using var outputs = session.Run(runOptions, inputNames, inputs, ["logits"]);
    }
    var elapsed = Stopwatch.GetElapsedTime(begin);
    foreach (var v in values.SelectMany(v => v))
    {
        v.Dispose();
    }
    Report(name, pairs, realTokens, padded, elapsed);
}

void Report(string name, int pairs, long tokens, long padded, TimeSpan elapsed) =>
    Console.WriteLine(string.Create(inv,
        $"{name}: {pairs} pairs, {tokens} tokens ({padded} padded), {elapsed.TotalSeconds:F2} s, {pairs / elapsed.TotalSeconds:F1} pairs/s, {tokens / elapsed.TotalSeconds:F0} tokens/s, {padded / elapsed.TotalSeconds:F0} padded tokens/s"));

long BucketedPadded(List<TokenEncoding> inputs) => Batches(inputs, null).Sum(b => (long)b.Ids.Length);

// Length bucketing as CrossEncoder does it: stable sort by length, cut under the token budget and the row cap.
List<(long[] Ids, long[] Mask, long[] Types, long[] Shape)> Batches(List<TokenEncoding> inputs, int? fixedWidth)
{
    var order = fixedWidth is null
        ? Enumerable.Range(0, inputs.Count).OrderBy(i => inputs[i].Length).ThenBy(i => i).ToArray()
        : Enumerable.Range(0, inputs.Count).ToArray();
    var batches = new List<(long[], long[], long[], long[])>();
    var position = 0;
    while (position < order.Length)
    {
        var count = 0;
        var width = fixedWidth ?? 0;
        while (position + count < order.Length && count < maxRows)
        {
            var next = fixedWidth ?? Math.Max(width, inputs[order[position + count]].Length);
            if (count > 0 && next * (count + 1) > tokenBudget)
            {
                break;
            }
            width = next;
            count++;
        }
        var ids = new long[count * width];
        var mask = new long[count * width];
        var types = new long[count * width];
        for (var r = 0; r < count; r++)
        {
            var e = inputs[order[position + r]];
            for (var t = 0; t < width; t++)
            {
                var real = t < e.Length;
                ids[(r * width) + t] = real ? e.Ids[t] : encoder.Tokenizer.PadId;
                mask[(r * width) + t] = real ? 1 : 0;
                types[(r * width) + t] = real ? e.TypeIds[t] : 0;
            }
        }
        batches.Add((ids, mask, types, [count, width]));
        position += count;
    }
    return batches;
}
