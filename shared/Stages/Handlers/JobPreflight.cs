using System.Globalization;
using Pipeline.Core.Jobs;
using Pipeline.Evaluation;
using Pipeline.Formats;
using Pipeline.Formats.Queries;
using Pipeline.Formats.Trec;
using Pipeline.Reranking;
using Pipeline.Reranking.Dense;
using Pipeline.Stages.Environment;

namespace Pipeline.Stages.Handlers;

/// <summary>
/// Everything about a job that can be checked before work starts: the inputs exist and parse, the qrels judge some
/// query, the measures are trec_eval's, the models load. Run at submission (so bad input is reported once, with the
/// field at fault, before anything is queued) and again by Prepare.
/// </summary>
public static class JobPreflight
{
    /// <summary>The checked queries and qrels of a job.</summary>
    /// <param name="Queries">The queries, in input order.</param>
    /// <param name="QueriesPath">The local file they came from.</param>
    /// <param name="QrelsPath">The local qrels file, or null.</param>
    public sealed record Result(IReadOnlyList<Query> Queries, string QueriesPath, string? QrelsPath);

    /// <summary>Checks <paramref name="spec"/> against its inputs.</summary>
    /// <exception cref="StageInputException">The first problem found, naming the field or file.</exception>
    public static async Task<Result> CheckAsync(JobSpec spec, JobInputs inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(inputs);
        await inputs.FileAsync(spec.Corpus.Location, "$.corpus.location", cancellationToken).ConfigureAwait(false);
        var queriesPath = await inputs.FileAsync(spec.Queries.Location, "$.queries.location", cancellationToken).ConfigureAwait(false);
        IReadOnlyList<Query> queries;
        try
        {
            var format = spec.Queries.Format switch { "tsv" => QueryFormat.Tsv, "jsonl" => QueryFormat.Jsonl, _ => (QueryFormat?)null };
            queries = QueryReader.Read(queriesPath, new QueryReaderOptions { Format = format });
        }
        catch (InputFormatException e)
        {
            throw new StageInputException($"$.queries.location: {e.Message}", e);
        }
        if (queries.Count == 0)
        {
            throw new StageInputException($"$.queries.location: {queriesPath} holds no query");
        }
        var duplicate = queries.GroupBy(q => q.QueryId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new StageInputException($"$.queries.location: query id '{duplicate.Key}' appears {duplicate.Count()} times in {queriesPath}");
        }
        string? qrelsPath = null;
        if (spec.Qrels is not null)
        {
            qrelsPath = await inputs.FileAsync(spec.Qrels.Location, "$.qrels.location", cancellationToken).ConfigureAwait(false);
            Qrels qrels;
            try
            {
                qrels = QrelsReader.Read(qrelsPath);
            }
            catch (InputFormatException e)
            {
                throw new StageInputException($"$.qrels.location: {e.Message}", e);
            }
            var ids = queries.Select(q => q.QueryId).ToHashSet(StringComparer.Ordinal);
            if (!qrels.QueryIds.Any(ids.Contains))
            {
                throw new StageInputException(string.Create(CultureInfo.InvariantCulture,
                    $"$.qrels.location: the qrels in {qrelsPath} judge {qrels.QueryCount} queries, none of which is among the {queries.Count} queries of $.queries.location (check that both files belong to the same collection)"));
            }
            CheckMeasures(spec.Evaluation);
        }
        if (spec.Rerank is { } rerank)
        {
            var folder = await inputs.FolderAsync(rerank.Model.Location, "$.rerank.model.location", cancellationToken).ConfigureAwait(false);
            using var model = StageData.OpenModel("$.rerank.model", () => CrossEncoder.Open(folder, StageData.CrossEncoderOptions(rerank)));
        }
        if (spec.FirstStage.Dense is { } dense)
        {
            var folder = await inputs.FolderAsync(dense.Model.Location, "$.firstStage.dense.model.location", cancellationToken).ConfigureAwait(false);
            using var model = StageData.OpenModel("$.firstStage.dense.model", () => BiEncoder.Open(folder, StageData.BiEncoderOptions(dense)));
        }
        return new Result(queries, queriesPath, qrelsPath);
    }

    private static void CheckMeasures(EvaluationSpec evaluation)
    {
        for (var i = 0; i < evaluation.Measures.Count; i++)
        {
            var (measure, _) = MeasureSet.Split(evaluation.Measures[i]);
            try
            {
                var values = MeasureValueNames.Resolve([measure]);
                if (!values.Any(v => v.IsComparable))
                {
                    throw new EvaluationException($"'{measure}' has no per-query values to report and compare");
                }
            }
            catch (EvaluationException e)
            {
                throw new StageInputException($"$.evaluation.measures[{i}]: {e.Message}", e);
            }
        }
    }
}
