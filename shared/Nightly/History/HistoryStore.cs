using System.Text;
using System.Text.Json;
using Pipeline.Nightly.Suites;
using Pipeline.Storage.Blobs;

namespace Pipeline.Nightly.History;

/// <summary>Reads and writes history records in the job store (JSON, version 1).</summary>
public sealed class HistoryStore
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true };
    private readonly IBlobStore _store;

    /// <summary>History in <paramref name="store"/>.</summary>
    public HistoryStore(IBlobStore store) => _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>
    /// The record of a finished job from its <c>metrics.json</c>: the mean and per-query values of every
    /// <paramref name="tracked"/> measure of <paramref name="job"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">A tracked run or measure is missing from the metrics.</exception>
    public static HistoryRecord FromMetrics(string metricsJson, string suite, string job, DateOnly date, string jobId, IEnumerable<TrackedMeasure> tracked)
    {
        ArgumentNullException.ThrowIfNull(metricsJson);
        using var document = JsonDocument.Parse(metricsJson);
        var runs = document.RootElement.GetProperty("runs");
        var measures = new List<HistoryMeasure>();
        foreach (var t in tracked.Where(t => t.Job == job))
        {
            if (!runs.TryGetProperty(t.Run, out var run) || !run.GetProperty("all").TryGetProperty(t.Measure, out var mean))
            {
                throw new InvalidDataException($"{jobId}/metrics.json holds no value {t.Measure} for run {t.Run}");
            }
            var perQuery = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var query in run.GetProperty("perQuery").EnumerateObject())
            {
                if (query.Value.TryGetProperty(t.Measure, out var value))
                {
                    perQuery[query.Name] = value.GetDouble();
                }
            }
            measures.Add(new HistoryMeasure(t.Run, t.Measure, mean.GetDouble(), perQuery));
        }
        return new HistoryRecord(suite, job, date, jobId, measures);
    }

    /// <summary>Writes (or replaces) <paramref name="record"/>.</summary>
    public async Task WriteAsync(HistoryRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var content = new MemoryStream(ToJson(record));
        await _store.UploadAsync(NightlyLayout.History(record.Suite, record.Job, record.Date), content, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The recorded nights of a suite job, oldest first.</summary>
    public async Task<IReadOnlyList<DateOnly>> DatesAsync(string suite, string job, CancellationToken cancellationToken = default)
    {
        var folder = NightlyLayout.HistoryFolder(suite, job);
        var dates = new List<DateOnly>();
        await foreach (var blob in _store.ListAsync(folder, cancellationToken).ConfigureAwait(false))
        {
            var name = blob.Name[folder.Length..];
            if (name.EndsWith(".json", StringComparison.Ordinal) && NightlyIds.TryParseDate(name[..^".json".Length], out var date))
            {
                dates.Add(date);
            }
        }
        dates.Sort();
        return dates;
    }

    /// <summary>The record of one night, or null when there is none.</summary>
    public async Task<HistoryRecord?> ReadAsync(string suite, string job, DateOnly date, CancellationToken cancellationToken = default)
    {
        var name = NightlyLayout.History(suite, job, date);
        if (!await _store.ExistsAsync(name, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        using var stream = await _store.OpenReadAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        var measures = new List<HistoryMeasure>();
        foreach (var measure in root.GetProperty("measures").EnumerateArray())
        {
            var perQuery = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var query in measure.GetProperty("perQuery").EnumerateObject())
            {
                perQuery[query.Name] = query.Value.GetDouble();
            }
            measures.Add(new HistoryMeasure(measure.GetProperty("run").GetString()!, measure.GetProperty("measure").GetString()!,
                measure.GetProperty("mean").GetDouble(), perQuery));
        }
        return new HistoryRecord(root.GetProperty("suite").GetString()!, root.GetProperty("job").GetString()!, date,
            root.GetProperty("jobId").GetString()!, measures);
    }

    /// <summary>The record as stored: indented JSON with a trailing newline.</summary>
    public static byte[] ToJson(HistoryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Indented))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteString("suite", record.Suite);
            json.WriteString("job", record.Job);
            json.WriteString("date", NightlyIds.Date(record.Date));
            json.WriteString("jobId", record.JobId);
            json.WriteStartArray("measures");
            foreach (var measure in record.Measures)
            {
                json.WriteStartObject();
                json.WriteString("run", measure.Run);
                json.WriteString("measure", measure.Measure);
                json.WriteNumber("mean", measure.Mean);
                json.WriteNumber("queries", measure.PerQuery.Count);
                json.WriteStartObject("perQuery");
                foreach (var (query, value) in measure.PerQuery)
                {
                    json.WriteNumber(query, value);
                }
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        buffer.Write(Encoding.UTF8.GetBytes("\n"));
        return buffer.ToArray();
    }
}
