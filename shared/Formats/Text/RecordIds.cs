namespace Pipeline.Formats.Text;

/// <summary>The rule every document and query id follows: non-empty, no whitespace (TREC files split on it).</summary>
internal static class RecordIds
{
    /// <summary>Why <paramref name="id"/> (read from <paramref name="where"/>) is not usable, or null when it is.</summary>
    public static string? Problem(string id, string where)
    {
        if (id.Length == 0)
        {
            return $"empty id in {where}";
        }
        foreach (var c in id)
        {
            if (char.IsWhiteSpace(c))
            {
                return $"id '{id}' in {where} contains whitespace";
            }
        }
        return null;
    }

    /// <summary>True when <paramref name="value"/> is non-empty and holds no whitespace.</summary>
    public static bool IsValid(string? value) => value is not null && value.Length > 0 && !value.Any(char.IsWhiteSpace);
}
