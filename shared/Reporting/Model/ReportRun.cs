namespace Pipeline.Reporting.Model;

/// <summary>One evaluated run as the report names it.</summary>
public sealed class ReportRun
{
    /// <summary>Creates a run entry.</summary>
    /// <param name="name">The run's display name (usually the run tag or the file's stem); not empty.</param>
    /// <param name="isBaseline">Whether the other runs are compared against this one.</param>
    /// <param name="file">The run file as the user named it; <c>null</c> when not known.</param>
    public ReportRun(string name, bool isBaseline = false, string? file = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        IsBaseline = isBaseline;
        File = file;
    }

    /// <summary>The run's display name; unique within a report.</summary>
    public string Name { get; }

    /// <summary>Whether this is the run the others are compared against.</summary>
    public bool IsBaseline { get; }

    /// <summary>The run file as the user named it, or <c>null</c>.</summary>
    public string? File { get; }
}
