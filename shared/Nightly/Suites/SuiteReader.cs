using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Core.Jobs;
using Pipeline.Evaluation;

namespace Pipeline.Nightly.Suites;

/// <summary>
/// Reads a suite from JSON and checks all of it, collecting every problem with its JSON path
/// (<see cref="SuiteException"/>), as <see cref="JobSpecReader"/> does for jobs. Each job is read by
/// <see cref="JobSpecReader"/> itself, so a job in a suite accepts exactly what a job file accepts, less
/// <c>jobId</c> (the night names it).
/// </summary>
public static class SuiteReader
{
    /// <summary>The suite format version this code reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The job id a template carries until the night replaces it.</summary>
    internal const string PlaceholderJobId = "nightly-template";

    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>
    /// Reads and validates <paramref name="json"/>; <paramref name="source"/> names it in errors;
    /// <paramref name="readJobFile"/> returns the text of a <c>jobFile</c> (a location relative to the suite) or null
    /// when there is no such file.
    /// </summary>
    /// <exception cref="SuiteException">The JSON is malformed or the suite invalid; every problem is listed.</exception>
    public static NightlySuite Read(string json, string source, Func<string, string?> readJobFile)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(readJobFile);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: Options);
        }
        catch (JsonException e)
        {
            throw new SuiteException(source, "$", $"not valid JSON{Where(e)}: {e.Message}");
        }
        if (root is not JsonObject suite)
        {
            throw new SuiteException(source, "$", "must be a JSON object");
        }
        var errors = new List<JobSpecError>();
        void Error(string path, string message) => errors.Add(new JobSpecError(path, message));

        var version = suite["version"];
        if (version is null)
        {
            Error("$.version", $"is required (this pipeline reads version {CurrentVersion})");
        }
        else if (!IsInteger(version, out var v) || v != CurrentVersion)
        {
            Error("$.version", $"version {version.ToJsonString()} is not supported (this pipeline reads version {CurrentVersion})");
        }
        var name = RequiredString(suite, "suite", "$", Error);
        if (name is not null && NightlyIds.Problem(name, "job") is { } nameProblem)
        {
            Error("$.suite", nameProblem);
        }

        // Job names are checked with a stand-in when the suite name is itself at fault, so that it is reported once.
        var validName = name is not null && NightlyIds.Problem(name, "job") is null ? name : "suite";
        var jobs = new List<SuiteJob>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (Array(suite, "jobs", "$", Error) is { } jobArray)
        {
            if (jobArray.Count == 0)
            {
                Error("$.jobs", "must list at least one job");
            }
            for (var i = 0; i < jobArray.Count; i++)
            {
                if (ReadJob(jobArray[i], $"$.jobs[{i}]", validName, readJobFile, seen, Error) is { } job)
                {
                    jobs.Add(job);
                }
            }
        }

        var track = new List<TrackedMeasure>();
        if (Array(suite, "track", "$", Error) is { } trackArray)
        {
            if (trackArray.Count == 0)
            {
                Error("$.track", "must list at least one (run, measure) to track");
            }
            for (var i = 0; i < trackArray.Count; i++)
            {
                ReadTrack(trackArray[i], $"$.track[{i}]", jobs, track, Error);
            }
        }

        var thresholds = ReadThresholds(suite["thresholds"], Error);
        RejectUnknown(suite, "$", Error, "version", "suite", "jobs", "track", "thresholds");
        if (errors.Count > 0 || name is null)
        {
            throw new SuiteException(source, errors.Count > 0 ? errors : [new JobSpecError("$", "invalid suite")]);
        }
        return new NightlySuite(name, source, jobs, track, thresholds);
    }

    private static SuiteJob? ReadJob(JsonNode? node, string path, string suiteName, Func<string, string?> readJobFile, HashSet<string> seen,
        Action<string, string> error)
    {
        if (node is not JsonObject job)
        {
            error(path, $"must be an object, got {Kind(node)}");
            return null;
        }
        var name = RequiredString(job, "name", path, error);
        if (name is not null)
        {
            if (NightlyIds.Problem(suiteName, name) is { } problem)
            {
                error($"{path}.name", problem);
            }
            else if (!seen.Add(name))
            {
                error($"{path}.name", $"'{name}' names an earlier job too; job names must be unique in a suite");
            }
        }
        var hasInline = job["job"] is not null;
        var hasFile = job["jobFile"] is not null;
        RejectUnknown(job, path, error, "name", "job", "jobFile");
        if (hasInline == hasFile)
        {
            error(path, "give either job (the spec inline) or jobFile (a path relative to the suite), not both and not neither");
            return null;
        }
        JsonObject? spec;
        string where;
        string specPath;
        if (hasInline)
        {
            specPath = $"{path}.job";
            where = "";
            if (job["job"] is not JsonObject inline)
            {
                error(specPath, $"must be an object, got {Kind(job["job"])}");
                return null;
            }
            spec = (JsonObject)inline.DeepClone();
        }
        else
        {
            specPath = $"{path}.jobFile";
            if (job["jobFile"] is not JsonValue fileValue || !fileValue.TryGetValue<string>(out var file))
            {
                error(specPath, $"must be a string, got {Kind(job["jobFile"])}");
                return null;
            }
            if (SafeNames.LocationProblem(file) is { } locationProblem || file.StartsWith("az://", StringComparison.Ordinal))
            {
                error(specPath, SafeNames.LocationProblem(file) ?? "must be a path relative to the suite");
                return null;
            }
            var text = readJobFile(file);
            if (text is null)
            {
                error(specPath, $"'{file}' not found next to the suite");
                return null;
            }
            where = $"{file}: ";
            try
            {
                spec = JsonNode.Parse(text, documentOptions: Options) as JsonObject;
            }
            catch (JsonException e)
            {
                error(specPath, $"{where}not valid JSON{Where(e)}: {e.Message}");
                return null;
            }
            if (spec is null)
            {
                error(specPath, $"{where}must be a JSON object");
                return null;
            }
        }
        if (spec["jobId"] is not null)
        {
            error(hasInline ? $"{specPath}.jobId" : specPath, $"{where}jobId must not be given: each night names the job nightly-{{suite}}-{{job}}-{{yyyymmdd}}");
            return null;
        }
        spec["jobId"] = PlaceholderJobId;
        try
        {
            var read = JobSpecReader.Read(spec.ToJsonString());
            return name is null ? null : new SuiteJob(name, read);
        }
        catch (JobSpecException e)
        {
            foreach (var problem in e.Errors)
            {
                if (hasInline)
                {
                    error(specPath + problem.Path[1..], problem.Message);
                }
                else
                {
                    error(specPath, $"{where}{problem.Path}: {problem.Message}");
                }
            }
            return null;
        }
    }

    private static void ReadTrack(JsonNode? node, string path, List<SuiteJob> jobs, List<TrackedMeasure> track, Action<string, string> error)
    {
        if (node is not JsonObject entry)
        {
            error(path, $"must be an object, got {Kind(node)}");
            return;
        }
        var jobName = OptionalString(entry, "job", path, error);
        var run = RequiredString(entry, "run", path, error);
        var measure = RequiredString(entry, "measure", path, error);
        RejectUnknown(entry, path, error, "job", "run", "measure");
        if (run is null || measure is null)
        {
            return;
        }
        IEnumerable<SuiteJob> targets;
        if (jobName is not null)
        {
            var job = jobs.FirstOrDefault(j => j.Name == jobName);
            if (job is null)
            {
                error($"{path}.job", $"no job of the suite is named '{jobName}'");
                return;
            }
            if (!RunsOf(job).Contains(run))
            {
                error($"{path}.run", $"job '{jobName}' writes no run '{run}' (it writes {string.Join(", ", RunsOf(job))})");
                return;
            }
            targets = [job];
        }
        else
        {
            // Without "job", the run is tracked in every job that writes it.
            targets = jobs.Where(j => RunsOf(j).Contains(run)).ToList();
            if (!targets.Any())
            {
                error($"{path}.run", $"no job of the suite writes a run '{run}'");
                return;
            }
        }
        foreach (var job in targets)
        {
            if (job.Template.Qrels is null)
            {
                error(path, $"job '{job.Name}' has no qrels, so nothing of it is measured");
                continue;
            }
            var measures = MeasureIds(job);
            if (!measures.Contains(measure))
            {
                error($"{path}.measure", $"job '{job.Name}' does not measure '{measure}' (its metrics.json holds {string.Join(", ", measures)})");
                continue;
            }
            var tracked = new TrackedMeasure(job.Name, run, measure);
            if (track.Contains(tracked))
            {
                error(path, $"{tracked} is tracked twice");
                continue;
            }
            track.Add(tracked);
        }
    }

    private static IReadOnlyList<string> RunsOf(SuiteJob job) =>
        JobSpecReader.RunNames(job.Template.FirstStage, job.Template.Rerank, job.Template.Evaluation.DepthSweep);

    /// <summary>The value names <c>metrics.json</c> holds for the job's measures (<c>ndcg_cut_10</c> for <c>ndcg_cut.10</c>).</summary>
    /// <remarks>Named as the aggregate stage names them: trec_eval's value names, a cut one with its <c>@N</c> suffix.</remarks>
    private static List<string> MeasureIds(SuiteJob job)
    {
        var ids = new List<string>();
        foreach (var specification in job.Template.Evaluation.Measures)
        {
            var at = specification.IndexOf('@', StringComparison.Ordinal);
            var measure = at < 0 ? specification : specification[..at];
            var suffix = at < 0 ? "" : specification[at..];
            ids.AddRange(MeasureValueNames.Resolve([measure]).Where(v => v.IsComparable).Select(v => v.Name + suffix));
        }
        return ids;
    }

    private static SuiteThresholds ReadThresholds(JsonNode? node, Action<string, string> error)
    {
        var defaults = new SuiteThresholds();
        if (node is null)
        {
            return defaults;
        }
        if (node is not JsonObject thresholds)
        {
            error("$.thresholds", $"must be an object, got {Kind(node)}");
            return defaults;
        }
        var minDrop = Number(thresholds, "minDrop", defaults.MinDrop, error, static d => d is >= 0 and <= 1, "between 0 and 1");
        var significance = Number(thresholds, "significance", defaults.Significance, error, static d => d is > 0 and < 1, "above 0 and below 1");
        var rolling = defaults.RollingNights;
        if (thresholds["rollingNights"] is { } r)
        {
            if (!IsInteger(r, out var n) || n is < 1 or > 365)
            {
                error("$.thresholds.rollingNights", $"must be a whole number between 1 and 365, got {r.ToJsonString()}");
            }
            else
            {
                rolling = (int)n;
            }
        }
        var test = OptionalString(thresholds, "test", "$.thresholds", error) ?? defaults.Test;
        if (test is not ("t-test" or "randomization"))
        {
            error("$.thresholds.test", $"must be one of 't-test', 'randomization', got '{test}'");
            test = defaults.Test;
        }
        RejectUnknown(thresholds, "$.thresholds", error, "minDrop", "significance", "rollingNights", "test");
        return new SuiteThresholds(minDrop, significance, rolling, test);
    }

    private static double Number(JsonObject parent, string name, double fallback, Action<string, string> error, Func<double, bool> valid, string bounds)
    {
        if (parent[name] is not { } node)
        {
            return fallback;
        }
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number || !double.IsFinite(value.GetValue<double>()))
        {
            error($"$.thresholds.{name}", $"must be a number, got {Kind(node)}");
            return fallback;
        }
        var number = value.GetValue<double>();
        if (!valid(number))
        {
            error($"$.thresholds.{name}", string.Create(CultureInfo.InvariantCulture, $"must be {bounds}, got {number}"));
            return fallback;
        }
        return number;
    }

    private static string? RequiredString(JsonObject parent, string name, string path, Action<string, string> error)
    {
        if (parent[name] is null)
        {
            error($"{path}.{name}", "is required");
            return null;
        }
        return OptionalString(parent, name, path, error);
    }

    private static string? OptionalString(JsonObject parent, string name, string path, Action<string, string> error)
    {
        if (parent[name] is not { } node)
        {
            return null;
        }
        if (node is not JsonValue value || !value.TryGetValue<string>(out var text) || text.Length == 0)
        {
            error($"{path}.{name}", $"must be a non-empty string, got {Kind(node)}");
            return null;
        }
        return text;
    }

    private static JsonArray? Array(JsonObject parent, string name, string path, Action<string, string> error)
    {
        switch (parent[name])
        {
            case null:
                error($"{path}.{name}", "is required");
                return null;
            case JsonArray array:
                return array;
            case var other:
                error($"{path}.{name}", $"must be an array, got {Kind(other)}");
                return null;
        }
    }

    private static void RejectUnknown(JsonObject node, string path, Action<string, string> error, params string[] known)
    {
        foreach (var (name, _) in node)
        {
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                error($"{path}.{name}", "unknown field (check its spelling against the README's Nightly evaluations section)");
            }
        }
    }

    private static bool IsInteger(JsonNode node, out long value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        },
        _ => "null",
    };

    private static string Where(JsonException e) => e.LineNumber is { } line
        ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, byte {e.BytePositionInLine + 1})")
        : "";
}
