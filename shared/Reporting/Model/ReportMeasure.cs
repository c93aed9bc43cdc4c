namespace Pipeline.Reporting.Model;

/// <summary>A measure: its trec_eval id and the name shown to readers.</summary>
public sealed class ReportMeasure
{
    /// <summary>Creates a measure entry.</summary>
    /// <param name="id">The trec_eval measure id, for example <c>ndcg_cut_10</c>; not empty.</param>
    /// <param name="displayName">
    /// The name shown in tables and charts; <c>null</c> (the default) takes <see cref="MeasureDisplayNames.Get"/>.
    /// </param>
    public ReportMeasure(string id, string? displayName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        Id = id;
        DisplayName = string.IsNullOrEmpty(displayName) ? MeasureDisplayNames.Get(id) : displayName;
    }

    /// <summary>The trec_eval measure id, for example <c>ndcg_cut_10</c>.</summary>
    public string Id { get; }

    /// <summary>The name shown to readers, for example <c>nDCG@10</c>.</summary>
    public string DisplayName { get; }
}
