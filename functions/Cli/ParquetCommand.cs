using System.CommandLine;
using System.Globalization;
using Pipeline.DuckDb;
using Pipeline.DuckDb.Parquet;

namespace Pipeline.Functions.Cli;

/// <summary><c>pipeline parquet schema FILE</c> and <c>pipeline parquet show FILE [--limit N] [--format jsonl|table]</c>.</summary>
internal static class ParquetCommand
{
    private const int MaxCellWidth = 60;

    private const string FileDescription = "A Parquet file: a local path, az://container/blob, or a blob URL (downloaded first).";

    public static Command Create()
    {
        var command = new Command("parquet", "Inspect Parquet files (through DuckDB).");
        command.Subcommands.Add(CreateSchema());
        command.Subcommands.Add(CreateShow());
        return command;
    }

    private static Command CreateSchema()
    {
        var file = new Argument<string>("file") { Description = FileDescription };
        var connection = CliLocations.CreateConnectionOption();
        var command = new Command("schema", "Print the rows, row groups, writer and columns (name, DuckDB type, Parquet type, codec).") { file, connection };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var path = parseResult.GetValue(file)!;
            return Guard(path, parseResult.GetValue(connection), parseResult.InvocationConfiguration.Error, (db, localPath) =>
            {
                var schema = ParquetFile.ReadSchema(db, localPath);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rows: {schema.Rows}"));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"row groups: {schema.RowGroups}"));
                output.WriteLine($"created by: {schema.CreatedBy}");
                output.WriteLine("columns:");
                foreach (var column in schema.Columns)
                {
                    output.WriteLine($"  {column.Name}\t{column.Type}\t{column.PhysicalType}\t{column.Compression}");
                }
            });
        });
        return command;
    }

    private static Command CreateShow()
    {
        var file = new Argument<string>("file") { Description = FileDescription };
        var connection = CliLocations.CreateConnectionOption();
        var limit = new Option<long?>("--limit", "-n") { Description = "At most this many rows (default: all).", HelpName = "n" };
        var format = new Option<string>("--format") { Description = "jsonl (default): one JSON object per row; table: aligned text cells.", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "table");
        var command = new Command("show", "Print the rows of a Parquet file.") { file, limit, format, connection };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var path = parseResult.GetValue(file)!;
            var n = parseResult.GetValue(limit);
            if (n is < 0)
            {
                parseResult.InvocationConfiguration.Error.WriteLine("error: --limit must be 0 or more");
                return CliApp.BadInput;
            }
            var asTable = parseResult.GetValue(format) == "table";
            return Guard(path, parseResult.GetValue(connection), parseResult.InvocationConfiguration.Error, (db, localPath) =>
            {
                if (!asTable)
                {
                    foreach (var row in ParquetFile.ReadJsonRows(db, localPath, n))
                    {
                        output.WriteLine(row);
                    }
                    return;
                }
                var (names, rows) = ParquetFile.ReadTextRows(db, localPath, n);
                var cells = rows.Select(r => r.Select(c => Cell(c)).ToArray()).ToList();
                var widths = names.Select((name, i) => Math.Max(name.Length, cells.Count == 0 ? 0 : cells.Max(r => r[i].Length))).ToArray();
                output.WriteLine(string.Join(" | ", names.Select((name, i) => name.PadRight(widths[i]))).TrimEnd());
                output.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
                foreach (var row in cells)
                {
                    output.WriteLine(string.Join(" | ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
                }
            });
        });
        return command;
    }

    private static string Cell(string? value)
    {
        if (value is null)
        {
            return "NULL";
        }
        var flat = value.ReplaceLineEndings(" ").Replace('\t', ' ');
        return flat.Length <= MaxCellWidth ? flat : string.Concat(flat.AsSpan(0, MaxCellWidth - 1), "…");
    }

    /// <summary>Runs <paramref name="body"/> on the file as a local path (a blob downloaded first); errors name <paramref name="path"/>.</summary>
    private static int Guard(string path, string? connection, TextWriter error, Action<DuckDbConnection, string> body)
    {
        using var locations = new CliLocations(connection);
        return CliLocations.Guard(error, () =>
        {
            if (!CliLocations.Parse(path).IsBlob)
            {
                return Inspect(path, path, locations, error, body);
            }
            return locations.Materialize(path, "Parquet", error) is { } localPath
                ? Inspect(path, localPath, locations, error, body)
                : CliApp.BadInput;
        });
    }

    private static int Inspect(string path, string localPath, CliLocations locations, TextWriter error, Action<DuckDbConnection, string> body)
    {
        try
        {
            ParquetFile.CheckMagic(localPath);
            using var db = DuckDbDatabase.OpenInMemory(new DuckDbSettings { Threads = 1 });
            using var connection = db.Connect();
            body(connection, localPath);
            return CliApp.Ok;
        }
        catch (FileNotFoundException)
        {
            error.WriteLine($"error: file not found: {path}");
            return CliApp.BadInput;
        }
        catch (InvalidDataException e)
        {
            error.WriteLine($"error: {locations.Describe(e.Message)}");
            return CliApp.BadInput;
        }
        catch (DuckDbException e) when (e.IsInputError || e.ErrorType is null or DuckDbErrorType.Invalid)
        {
            error.WriteLine($"error: {path}: {locations.Describe(e.Message)}");
            return CliApp.BadInput;
        }
        catch (DuckDbException e)
        {
            error.WriteLine($"error: {path}: {locations.Describe(e.Message)}");
            return CliApp.Failed;
        }
        catch (IOException e)
        {
            error.WriteLine($"error: {locations.Describe(e.Message)}");
            return CliApp.Failed;
        }
    }
}
