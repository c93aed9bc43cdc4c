namespace Pipeline.Core.Jobs;

/// <summary>One problem with a job spec: where (a JSON path such as <c>$.rerank.depth</c>) and what.</summary>
/// <param name="Path">The JSON path of the field at fault (<c>$</c> for the document).</param>
/// <param name="Message">What is wrong, and what is expected.</param>
public sealed record JobSpecError(string Path, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Path}: {Message}";

    /// <summary>"<paramref name="where"/>: N problems" and one indented line per problem: the message of a spec exception.</summary>
    public static string Describe(string where, IReadOnlyList<JobSpecError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var head = errors.Count == 1 ? $"{where}: 1 problem" : $"{where}: {errors.Count} problems";
        return head + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e));
    }
}
