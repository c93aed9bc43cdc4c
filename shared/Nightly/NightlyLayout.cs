namespace Pipeline.Nightly;

/// <summary>Where the nightly evaluations keep their blobs in the job store (next to the dated job folders).</summary>
public static class NightlyLayout
{
    /// <summary>The folder of one suite job's history: <c>history/{suite}/{job}/</c>.</summary>
    public static string HistoryFolder(string suite, string job) => $"history/{suite}/{job}/";

    /// <summary>One night's history record: <c>history/{suite}/{job}/{yyyy-MM-dd}.json</c>.</summary>
    public static string History(string suite, string job, DateOnly date) => $"{HistoryFolder(suite, job)}{NightlyIds.Date(date)}.json";

    /// <summary>The folder of one night: <c>nightly/{yyyy-MM-dd}/</c>.</summary>
    public static string Night(DateOnly date) => $"nightly/{NightlyIds.Date(date)}/";

    /// <summary>The create-only claim that makes a night start once; it names the trigger that holds it.</summary>
    public static string Claim(DateOnly date) => Night(date) + "claim.json";

    /// <summary>The night's plan: the suites as they were when it started and every dated job with its spec.</summary>
    public static string Plan(DateOnly date) => Night(date) + "plan.json";

    /// <summary>Written once every job of the night has been submitted: the start is complete.</summary>
    public static string Started(DateOnly date) => Night(date) + "started.json";

    /// <summary>The folder of the night's job outcomes, one record per ended job.</summary>
    public static string Outcomes(DateOnly date) => Night(date) + "jobs/";

    /// <summary>How one job of the night ended: <c>nightly/{date}/jobs/{jobId}.json</c>.</summary>
    public static string Outcome(DateOnly date, string jobId) => $"{Outcomes(date)}{jobId}.json";

    /// <summary>
    /// The create-only claim to write the night's summaries; it names the claimant (a job id, or <c>start</c>) and its time,
    /// which stamps the summaries.
    /// </summary>
    public static string Finish(DateOnly date) => Night(date) + "finish.json";

    /// <summary>The machine-readable summary (written last and create-only: its presence means the night finished).</summary>
    public static string SummaryJson(DateOnly date) => Night(date) + "summary.json";

    /// <summary>The Markdown summary.</summary>
    public static string SummaryMarkdown(DateOnly date) => Night(date) + "summary.md";

    /// <summary>The HTML summary with trend charts.</summary>
    public static string SummaryHtml(DateOnly date) => Night(date) + "summary.html";
}
