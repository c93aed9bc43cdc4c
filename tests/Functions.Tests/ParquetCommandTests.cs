using Pipeline.DuckDb;
using Pipeline.DuckDb.Tests.Support;
using Pipeline.Functions.Cli;

namespace Pipeline.Functions.Tests;

public sealed class ParquetCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string Write(string name, string select, string options)
    {
        var path = _dir.File(name);
        using var db = DuckDbDatabase.OpenInMemory(new DuckDbSettings { Threads = 1 });
        using var connection = db.Connect();
        connection.Execute($"COPY ({select}) TO {DuckDbSql.Literal(path)} (FORMAT parquet{options})");
        return path;
    }

    private const string Rows = """
        SELECT * FROM (VALUES ('d1', 'short', 1::BIGINT, 0.5::DOUBLE, true, [1, 2]::FLOAT[2]),
                              ('d2', NULL, NULL, -2.25, false, [0.5, -1]::FLOAT[2]),
                              ('d3', 'a text longer than twelve bytes, with "quotes" and ünïcode', 3, NULL, NULL, NULL)) t(id, s, n, d, b, a)
        """;

    private const string ExpectedJson = """
        {"id":"d1","s":"short","n":1,"d":0.5,"b":true,"a":[1.0,2.0]}
        {"id":"d2","s":null,"n":null,"d":-2.25,"b":false,"a":[0.5,-1.0]}
        {"id":"d3","s":"a text longer than twelve bytes, with \"quotes\" and ünïcode","n":3,"d":null,"b":null,"a":null}

        """;

    [DuckDbTheory]
    [InlineData(", COMPRESSION snappy")]
    [InlineData(", COMPRESSION gzip")]
    [InlineData(", COMPRESSION uncompressed")]
    [InlineData(", COMPRESSION zstd, PARQUET_VERSION v2")]
    [InlineData(", COMPRESSION snappy, DICTIONARY_COMPRESSION_RATIO_THRESHOLD 0")]
    [InlineData(", COMPRESSION zstd, ROW_GROUP_SIZE 1")]
    public void Show_prints_every_value_of_files_written_with_any_codec_and_page_version(string options)
    {
        var path = Write("t.parquet", Rows, options);

        var (exit, output, error) = Run("parquet", "show", path);

        Assert.Equal("", error);
        Assert.Equal(CliApp.Ok, exit);
        Assert.Equal(ExpectedJson.ReplaceLineEndings("\n"), output.ReplaceLineEndings("\n"));
    }

    [DuckDbFact]
    public void Show_stops_at_the_limit_and_prints_a_table()
    {
        var path = Write("t.parquet", Rows, "");

        var (exit, output, _) = Run("parquet", "show", path, "--limit", "2", "--format", "table");

        Assert.Equal(CliApp.Ok, exit);
        Assert.Equal("""
            id | s     | n    | d     | b     | a
            ---+-------+------+-------+-------+------------
            d1 | short | 1    | 0.5   | true  | [1.0, 2.0]
            d2 | NULL  | NULL | -2.25 | false | [0.5, -1.0]

            """.ReplaceLineEndings("\n"), output.ReplaceLineEndings("\n"));
    }

    [DuckDbFact]
    public void Schema_prints_rows_groups_and_columns()
    {
        var path = Write("t.parquet", Rows, ", COMPRESSION zstd");

        var (exit, output, _) = Run("parquet", "schema", path);

        Assert.Equal(CliApp.Ok, exit);
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("rows: 3", lines[0]);
        Assert.Equal("row groups: 1", lines[1]);
        Assert.StartsWith("created by: DuckDB version v1.5.", lines[2], StringComparison.Ordinal);
        Assert.Equal(
            ["columns:", "  id\tVARCHAR\tBYTE_ARRAY\tZSTD", "  s\tVARCHAR\tBYTE_ARRAY\tZSTD", "  n\tBIGINT\tINT64\tZSTD",
             "  d\tDOUBLE\tDOUBLE\tZSTD", "  b\tBOOLEAN\tBOOLEAN\tZSTD", "  a\tFLOAT[]\t\t", ""],
            lines[3..]);
    }

    [DuckDbFact]
    public void A_missing_file_is_bad_input()
    {
        var (exit, output, error) = Run("parquet", "show", _dir.File("missing.parquet"));

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal("", output);
        Assert.Equal($"error: file not found: {_dir.File("missing.parquet")}\n", error.ReplaceLineEndings("\n"));
    }

    [DuckDbFact]
    public void A_text_file_is_not_parquet()
    {
        var path = _dir.File("text.parquet");
        File.WriteAllText(path, "doc_id,title,text\nd1,t,x\n");

        var (exit, _, error) = Run("parquet", "schema", path);

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal($"error: {path}: not a Parquet file (it does not start with PAR1)\n", error.ReplaceLineEndings("\n"));
    }

    [DuckDbFact]
    public void A_truncated_file_is_bad_input()
    {
        var whole = Write("whole.parquet", Rows, "");
        var path = _dir.File("cut.parquet");
        var bytes = File.ReadAllBytes(whole);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var (exit, _, error) = Run("parquet", "show", path);

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal($"error: {path}: truncated or damaged Parquet file (it does not end with PAR1)\n", error.ReplaceLineEndings("\n"));
    }

    [DuckDbFact]
    public void A_corrupt_footer_is_bad_input_with_duckdbs_message()
    {
        var whole = Write("whole.parquet", Rows, "");
        var path = _dir.File("corrupt.parquet");
        var bytes = File.ReadAllBytes(whole);
        // Keep the magic bytes, scramble the footer's metadata.
        for (var i = bytes.Length - 200; i < bytes.Length - 8; i++)
        {
            bytes[i] = 0xEE;
        }
        File.WriteAllBytes(path, bytes);

        var (exit, output, error) = Run("parquet", "show", path);

        Assert.Equal(CliApp.BadInput, exit);
        Assert.Equal("", output);
        Assert.StartsWith($"error: {path}: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
