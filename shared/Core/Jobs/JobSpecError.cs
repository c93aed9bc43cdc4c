namespace Pipeline.Core.Jobs;

/// <summary>One problem with a job spec: where (a JSON path such as <c>$.rerank.depth</c>) and what.</summary>
/// <param name="Path">The JSON path of the field at fault (<c>$</c> for the document).</param>
/// <param name="Message">What is wrong, and what is expected.</param>
public sealed record JobSpecError(string Path, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Path}: {Message}";
}
