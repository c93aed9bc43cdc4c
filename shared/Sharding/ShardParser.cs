namespace Pipeline.Sharding;

/// <summary>Who parses a JSON lines corpus (<see cref="ShardOptions.Parser"/>). Other formats ignore the choice.</summary>
public enum ShardParser
{
    /// <summary>
    /// DuckDB's <c>read_json</c> when it reads the file exactly as <see cref="Reader"/> would and finds no bad record;
    /// otherwise everything it wrote is discarded and <see cref="Reader"/> runs from the start (the default).
    /// </summary>
    Auto,

    /// <summary>DuckDB only: a file <see cref="Auto"/> would hand to the reader is an error instead (for tests and benchmarks).</summary>
    DuckDb,

    /// <summary><c>Pipeline.Formats.CorpusReader</c> only: strict, with the file and line of every bad record.</summary>
    Reader,
}
