using System.Text.Json;
using Pipeline.Core.Jobs;
using Pipeline.Nightly.Suites;
using Pipeline.Storage.Blobs;

namespace Pipeline.Nightly;

/// <summary>
/// What a night runs, fixed when it starts: the suites (tracked measures, thresholds) and every job under its dated id
/// with its full spec. Stored as <c>nightly/{date}/plan.json</c>, whose bytes depend only on the suites and the date;
/// whoever finishes the night (any host that runs the last job) reads the suites from here, never from the suite
/// location, and a start that is completed after a crash submits exactly these specs.
/// </summary>
/// <param name="Date">The night.</param>
/// <param name="Suites">The suites, in name order; each job's template is tonight's spec.</param>
public sealed record NightlyPlan(DateOnly Date, IReadOnlyList<NightlySuite> Suites)
{
    /// <summary>The plan format version this code writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Every job, in suite and file order.</summary>
    public IReadOnlyList<PlannedJob> Jobs { get; } =
        [.. Suites.SelectMany(s => s.Jobs.Select(j => new PlannedJob(s.Name, j.Name, j.ForNight(s.Name, Date))))];

    /// <summary>The plan of <paramref name="date"/> for <paramref name="suites"/>.</summary>
    public static NightlyPlan For(IReadOnlyList<NightlySuite> suites, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(suites);
        return new NightlyPlan(date, [.. suites.Select(s => s with { Jobs = [.. s.Jobs.Select(j => j with { Template = j.ForNight(s.Name, date) })] })]);
    }

    /// <summary>The job <paramref name="jobId"/> of this plan, or null.</summary>
    public PlannedJob? Find(string jobId) => Jobs.FirstOrDefault(j => j.JobId == jobId);

    /// <summary>The plan as stored: indented UTF-8 JSON with a trailing newline.</summary>
    public byte[] ToJson()
    {
        return NightlyJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("version", CurrentVersion);
            json.WriteString("date", NightlyIds.Date(Date));
            json.WriteStartArray("suites");
            foreach (var suite in Suites)
            {
                json.WriteStartObject();
                json.WriteString("suite", suite.Name);
                json.WriteString("source", suite.Source);
                json.WriteStartObject("thresholds");
                json.WriteNumber("minDrop", suite.Thresholds.MinDrop);
                json.WriteNumber("significance", suite.Thresholds.Significance);
                json.WriteNumber("rollingNights", suite.Thresholds.RollingNights);
                json.WriteString("test", suite.Thresholds.Test);
                json.WriteEndObject();
                json.WriteStartArray("track");
                foreach (var tracked in suite.Track)
                {
                    json.WriteStartObject();
                    json.WriteString("job", tracked.Job);
                    json.WriteString("run", tracked.Run);
                    json.WriteString("measure", tracked.Measure);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteStartArray("jobs");
                foreach (var job in suite.Jobs)
                {
                    var spec = job.ForNight(suite.Name, Date);
                    json.WriteStartObject();
                    json.WriteString("job", job.Name);
                    json.WriteString("jobId", spec.JobId);
                    json.WritePropertyName("spec");
                    using (var normalized = JsonDocument.Parse(JobSpecWriter.ToJson(spec)))
                    {
                        normalized.RootElement.WriteTo(json);
                    }
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    /// <summary>Reads a stored plan; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">Not a plan this code reads.</exception>
    public static NightlyPlan Parse(byte[] json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.GetProperty("version").GetInt32() != CurrentVersion)
            {
                throw new InvalidDataException($"{source}: plan version {root.GetProperty("version").GetRawText()} is not {CurrentVersion}");
            }
            if (!NightlyIds.TryParseDate(root.GetProperty("date").GetString() ?? "", out var date))
            {
                throw new InvalidDataException($"{source}: $.date is not a yyyy-MM-dd date");
            }
            var suites = new List<NightlySuite>();
            foreach (var suite in root.GetProperty("suites").EnumerateArray())
            {
                var name = suite.GetProperty("suite").GetString()!;
                var thresholds = suite.GetProperty("thresholds");
                var track = suite.GetProperty("track").EnumerateArray()
                    .Select(t => new TrackedMeasure(t.GetProperty("job").GetString()!, t.GetProperty("run").GetString()!, t.GetProperty("measure").GetString()!))
                    .ToList();
                var jobs = suite.GetProperty("jobs").EnumerateArray()
                    .Select(j => new SuiteJob(j.GetProperty("job").GetString()!, JobSpecReader.Read(j.GetProperty("spec").GetRawText(), source)))
                    .ToList();
                suites.Add(new NightlySuite(name, suite.GetProperty("source").GetString()!, jobs, track, new SuiteThresholds(
                    thresholds.GetProperty("minDrop").GetDouble(), thresholds.GetProperty("significance").GetDouble(),
                    thresholds.GetProperty("rollingNights").GetInt32(), thresholds.GetProperty("test").GetString()!)));
            }
            return new NightlyPlan(date, suites);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or JobSpecException)
        {
            throw new InvalidDataException($"{source}: not a nightly plan ({e.Message})", e);
        }
    }

    /// <summary>The plan of <paramref name="date"/> stored in <paramref name="store"/>, or null when there is none.</summary>
    /// <exception cref="InvalidDataException">The stored plan cannot be read.</exception>
    public static async Task<NightlyPlan?> ReadAsync(IBlobStore store, DateOnly date, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var name = NightlyLayout.Plan(date);
        var bytes = await NightlyBlobs.ReadAsync(store, name, cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : Parse(bytes, name);
    }
}
