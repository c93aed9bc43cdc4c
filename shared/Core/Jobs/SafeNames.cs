namespace Pipeline.Core.Jobs;

/// <summary>
/// Rules for everything a job says that becomes part of a path: job ids and input locations. A job can never make the
/// pipeline read or write outside its store and its input root.
/// </summary>
public static class SafeNames
{
    /// <summary>The longest job id.</summary>
    public const int MaxJobIdLength = 64;

    /// <summary>Why <paramref name="jobId"/> is not a valid job id, or null when it is.</summary>
    /// <remarks>1–64 characters of <c>[A-Za-z0-9._-]</c>, the first a letter or digit, no <c>..</c>.</remarks>
    public static string? JobIdProblem(string jobId)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        if (jobId.Length is 0 or > MaxJobIdLength)
        {
            return $"must be 1–{MaxJobIdLength} characters long, got {jobId.Length}";
        }
        if (!char.IsAsciiLetterOrDigit(jobId[0]))
        {
            return "must start with a letter or a digit";
        }
        foreach (var c in jobId)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return $"may hold only letters, digits, '.', '_' and '-', not {Describe(c)}";
            }
        }
        return jobId.Contains("..", StringComparison.Ordinal) ? "may not contain '..'" : null;
    }

    /// <summary>
    /// Why <paramref name="location"/> is not a safe input location, or null when it is: a relative path whose every
    /// segment is a plain name (no <c>..</c>, <c>.</c> is allowed), without backslashes, control characters or
    /// percent-encoded separators; or a blob location <c>az://container/path</c> under the same rules.
    /// </summary>
    public static string? LocationProblem(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.Length == 0)
        {
            return "must not be empty";
        }
        if (location.Length > 1024)
        {
            return $"must be at most 1,024 characters long, got {location.Length}";
        }
        var path = location;
        if (location.StartsWith("az://", StringComparison.Ordinal))
        {
            path = location["az://".Length..];
            var slash = path.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || slash == path.Length - 1)
            {
                return "an az:// location needs a container and a path: az://container/path";
            }
        }
        else if (location.Contains("://", StringComparison.Ordinal))
        {
            return "must be a relative path or az://container/path (blob URLs with their own account are not accepted in a job)";
        }
        else if (location.StartsWith('/') || location.StartsWith('~') || (location.Length > 1 && location[1] == ':'))
        {
            return "must be a path relative to the input root, not an absolute path";
        }
        foreach (var c in path)
        {
            if (char.IsControl(c))
            {
                return $"may not contain control characters ({Describe(c)})";
            }
            if (c == '\\')
            {
                return "may not contain '\\' (use '/')";
            }
        }
        if (path.Contains("%2f", StringComparison.OrdinalIgnoreCase) || path.Contains("%5c", StringComparison.OrdinalIgnoreCase)
            || path.Contains("%2e", StringComparison.OrdinalIgnoreCase) || path.Contains("%00", StringComparison.Ordinal))
        {
            return "may not contain percent-encoded separators or dots (%2F, %5C, %2E, %00)";
        }
        foreach (var segment in path.TrimEnd('/').Split('/'))
        {
            if (segment.Length == 0)
            {
                return "may not contain empty path segments ('//')";
            }
            if (segment == "..")
            {
                return "may not contain '..' segments (nothing outside the input root can be read)";
            }
        }
        return null;
    }

    private static string Describe(char c) => c is >= ' ' and <= '~' ? $"'{c}'" : $"U+{(int)c:X4}";
}
