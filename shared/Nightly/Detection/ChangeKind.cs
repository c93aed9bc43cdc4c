namespace Pipeline.Nightly.Detection;

/// <summary>How a tracked measure moved against a baseline.</summary>
public enum ChangeKind
{
    /// <summary>No change that is both large enough and significant (or nothing to compare with).</summary>
    Stable,

    /// <summary>The mean fell by at least the suite's <c>minDrop</c> and the paired test's p-value is below its significance level.</summary>
    Regression,

    /// <summary>The mirror image of a regression: a rise of at least <c>minDrop</c>, significant.</summary>
    Improvement,
}
