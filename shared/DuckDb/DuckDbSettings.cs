using System.Globalization;

namespace Pipeline.DuckDb;

/// <summary>
/// Settings applied when a database is opened (<c>duckdb_set_config</c>). Every property left <c>null</c> keeps
/// DuckDB's default. Bound from configuration as <c>Pipeline__DuckDb__Threads</c> and so on.
/// </summary>
public sealed record DuckDbSettings
{
    /// <summary>DuckDB's defaults throughout.</summary>
    public static DuckDbSettings Default { get; } = new();

    /// <summary>Worker threads; DuckDB's default is the number of cores. At least 1.</summary>
    public int? Threads { get; init; }

    /// <summary>
    /// The buffer manager's memory limit in DuckDB's notation (<c>"2GB"</c>, <c>"512MiB"</c>, <c>"80%"</c>);
    /// DuckDB's default is 80% of physical memory. Past it, DuckDB spills to <see cref="TempDirectory"/>.
    /// </summary>
    public string? MemoryLimit { get; init; }

    /// <summary>Where DuckDB spills intermediate data; its default is <c>&lt;database&gt;.tmp</c> or <c>.tmp</c>.</summary>
    public string? TempDirectory { get; init; }

    /// <summary>
    /// Whether results keep the order of their input where SQL leaves it open (DuckDB's default: true). Needed for
    /// byte-identical files from the same input.
    /// </summary>
    public bool? PreserveInsertionOrder { get; init; }

    /// <summary>Any other DuckDB settings, by their DuckDB names (<c>"max_temp_directory_size" = "100GB"</c>).</summary>
    public IReadOnlyDictionary<string, string>? Extra { get; init; }

    /// <summary>The settings as DuckDB name/value pairs, in a fixed order.</summary>
    public IEnumerable<KeyValuePair<string, string>> ToConfigPairs()
    {
        if (Threads is { } threads)
        {
            if (threads < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(Threads), threads, "at least 1 thread");
            }
            yield return new("threads", threads.ToString(CultureInfo.InvariantCulture));
        }
        if (!string.IsNullOrEmpty(MemoryLimit))
        {
            yield return new("memory_limit", MemoryLimit);
        }
        if (!string.IsNullOrEmpty(TempDirectory))
        {
            yield return new("temp_directory", TempDirectory);
        }
        if (PreserveInsertionOrder is { } preserve)
        {
            yield return new("preserve_insertion_order", preserve ? "true" : "false");
        }
        if (Extra is not null)
        {
            foreach (var pair in Extra.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                yield return pair;
            }
        }
    }
}
