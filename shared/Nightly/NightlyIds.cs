using System.Globalization;
using Pipeline.Core.Jobs;

namespace Pipeline.Nightly;

/// <summary>Names of a night: dated job ids and the date format of paths.</summary>
public static class NightlyIds
{
    /// <summary>The dated job id <c>nightly-{suite}-{job}-{yyyymmdd}</c>.</summary>
    /// <exception cref="ArgumentException">The id is not a valid job id (<see cref="SafeNames.JobIdProblem"/>).</exception>
    public static string JobId(string suite, string job, DateOnly date)
    {
        var id = $"nightly-{suite}-{job}-{date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";
        if (SafeNames.JobIdProblem(id) is { } problem)
        {
            throw new ArgumentException($"nightly job id '{id}' {problem}", nameof(job));
        }
        return id;
    }

    /// <summary>Why <paramref name="suite"/> and <paramref name="job"/> cannot make a dated job id, or null when they can.</summary>
    public static string? Problem(string suite, string job)
    {
        var id = $"nightly-{suite}-{job}-20000101";
        return SafeNames.JobIdProblem(id) is { } problem ? $"makes the job id '{id}', which {problem}" : null;
    }

    /// <summary>
    /// The night of a dated job id (<c>nightly-…-{yyyymmdd}</c>); false for any other id. The suite and job names cannot be
    /// told apart from the id alone (both may hold hyphens): the night's plan says which job it is.
    /// </summary>
    public static bool TryParseNight(string jobId, out DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        date = default;
        return jobId.StartsWith("nightly-", StringComparison.Ordinal) && jobId.Length > "nightly-".Length + 9 && jobId[^9] == '-'
            && DateOnly.TryParseExact(jobId[^8..], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>A date as paths and reports show it: <c>yyyy-MM-dd</c>.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Parses <c>yyyy-MM-dd</c>; false for anything else.</summary>
    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
