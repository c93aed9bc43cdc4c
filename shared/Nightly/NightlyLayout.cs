namespace Pipeline.Nightly;

/// <summary>Where a nightly run keeps its blobs in the job store (next to the dated job folders).</summary>
public static class NightlyLayout
{
    /// <summary>The folder of one suite job's history: <c>history/{suite}/{job}/</c>.</summary>
    public static string HistoryFolder(string suite, string job) => $"history/{suite}/{job}/";

    /// <summary>One night's history record: <c>history/{suite}/{job}/{yyyy-MM-dd}.json</c>.</summary>
    public static string History(string suite, string job, DateOnly date) => $"{HistoryFolder(suite, job)}{NightlyIds.Date(date)}.json";

    /// <summary>The folder of one night's reports: <c>nightly/{yyyy-MM-dd}/</c>.</summary>
    public static string Night(DateOnly date) => $"nightly/{NightlyIds.Date(date)}/";

    /// <summary>The create-only claim that makes a night run once.</summary>
    public static string Claim(DateOnly date) => Night(date) + "claim.json";

    /// <summary>The machine-readable summary (written last: its presence means the night finished).</summary>
    public static string SummaryJson(DateOnly date) => Night(date) + "summary.json";

    /// <summary>The Markdown summary.</summary>
    public static string SummaryMarkdown(DateOnly date) => Night(date) + "summary.md";

    /// <summary>The HTML summary with trend charts.</summary>
    public static string SummaryHtml(DateOnly date) => Night(date) + "summary.html";
}
