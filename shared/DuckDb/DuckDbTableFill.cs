namespace Pipeline.DuckDb;

/// <summary>
/// Supplies the next rows of a table function registered with <see cref="DuckDbConnection.RegisterTableFunction"/>:
/// writes up to <see cref="DuckDbOutputChunk.Capacity"/> rows into <paramref name="output"/> and returns how many; 0
/// ends the function's rows for the query that called it. DuckDB calls it one call at a time, on whichever thread runs
/// that query; an exception fails the query with the exception's message.
/// </summary>
/// <param name="output">The chunk to fill, valid only during the call.</param>
/// <returns>The rows written, from 0 to <see cref="DuckDbOutputChunk.Capacity"/>.</returns>
public delegate int DuckDbTableFill(DuckDbOutputChunk output);
