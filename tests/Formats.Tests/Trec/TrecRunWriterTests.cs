using System.IO.Compression;
using Pipeline.Formats.Tests.Support;
using Pipeline.Formats.Trec;

namespace Pipeline.Formats.Tests.Trec;

public sealed class TrecRunWriterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string WriteToString(string runTag, Action<TrecRunWriter> write)
    {
        using var text = new StringWriter();
        using (var writer = new TrecRunWriter(text, runTag, leaveOpen: true))
        {
            write(writer);
        }
        return text.ToString();
    }

    [Fact]
    public void Documents_are_ranked_by_score_then_doc_id_descending()
    {
        var output = WriteToString("bm25", w => w.WriteQuery("q1",
        [
            new ScoredDoc("b", 1.5),
            new ScoredDoc("a", 2.0),
            new ScoredDoc("c", 1.5),
            new ScoredDoc("a10", 1.5),
            new ScoredDoc("a9", 1.5),
            new ScoredDoc("B", 1.5),
            new ScoredDoc("z", -3),
        ]));

        Assert.Equal(
            """
            q1 Q0 a 1 2 bm25
            q1 Q0 c 2 1.5 bm25
            q1 Q0 b 3 1.5 bm25
            q1 Q0 a9 4 1.5 bm25
            q1 Q0 a10 5 1.5 bm25
            q1 Q0 B 6 1.5 bm25
            q1 Q0 z 7 -3 bm25

            """.Replace("\r\n", "\n", StringComparison.Ordinal), output);
    }

    [Theory]
    [InlineData(12.033, "12.033")]
    [InlineData(0.1, "0.1")]
    [InlineData(1.0 / 3.0, "0.3333333333333333")]
    [InlineData(100.0, "100")]
    [InlineData(1e-7, "1E-07")]
    [InlineData(1e21, "1E+21")]
    [InlineData(-0.0, "-0")]
    [InlineData(123456.78901234567, "123456.78901234567")]
    [InlineData(double.MaxValue, "1.7976931348623157E+308")]
    [InlineData(double.Epsilon, "5E-324")]
    public void Scores_are_written_in_their_shortest_round_trip_form(double score, string expected)
    {
        var output = WriteToString("t", w => w.WriteQuery("1", [new ScoredDoc("d", score)]));

        Assert.Equal($"1 Q0 d 1 {expected} t\n", output);
    }

    [Fact]
    public void Reading_back_gives_the_same_scores_in_trec_eval_order()
    {
        var random = new Random(20240611);
        var results = new List<(string QueryId, string DocId, double Score)>();
        for (var q = 0; q < 20; q++)
        {
            for (var d = 0; d < 50; d++)
            {
                var score = (d % 5) switch
                {
                    0 => random.NextDouble(),
                    1 => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-300, 300)),
                    2 => Math.Round(random.NextDouble() * 10, 2),
                    3 => random.Next(0, 3),
                    _ => BitConverter.Int64BitsToDouble(random.NextInt64(0, 0x7FEFFFFFFFFFFFFF)),
                };
                results.Add(($"q{q}", $"doc-{random.Next(0, 1000)}-{d}", score));
            }
        }
        var run = TrecRun.FromResults("orig", results);
        var path = _dir.File("run.txt");

        TrecRunWriter.WriteFile(path, run, "written");
        var back = TrecRunReader.Read(path);

        Assert.Equal("written", back.RunId);
        Assert.Equal(run.QueryIds, back.QueryIds);
        Assert.Equal(run.LineCount, back.LineCount);
        foreach (var queryId in run.QueryIds)
        {
            var expected = run.ForQuery(queryId)!
                .OrderByDescending(d => d.Score)
                .ThenByDescending(d => d.DocId, StringComparer.Ordinal)
                .ToList();
            Assert.Equal(expected, back.ForQuery(queryId));
        }
    }

    [Fact]
    public void Ranks_run_from_one_per_query()
    {
        var run = TrecRun.FromResults("r", [("1", "a", 1.0), ("1", "b", 2.0), ("2", "c", 0.5)]);

        var output = WriteToString("r", w => w.WriteRun(run));

        Assert.Equal("1 Q0 b 1 2 r\n1 Q0 a 2 1 r\n2 Q0 c 1 0.5 r\n", output);
    }

    [Fact]
    public void Gz_file_name_writes_gzip_that_reads_back()
    {
        var run = TrecRun.FromResults("tag", [("1", "a", 0.25), ("1", "b", 0.75)]);
        var path = _dir.File("run.txt.gz");

        TrecRunWriter.WriteFile(path, run);

        var bytes = File.ReadAllBytes(path);
        Assert.Equal([0x1F, 0x8B], bytes[..2]);
        using (var reader = new StreamReader(new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress)))
        {
            Assert.Equal("1 Q0 b 1 0.75 tag\n1 Q0 a 2 0.25 tag\n", reader.ReadToEnd());
        }
        Assert.Equal([new ScoredDoc("b", 0.75), new ScoredDoc("a", 0.25)], TrecRunReader.Read(path).ForQuery("1"));
    }

    [Fact]
    public void Plain_file_has_no_bom_and_lf_line_ends()
    {
        var path = _dir.File("run.txt");

        TrecRunWriter.WriteFile(path, TrecRun.FromResults("t", [("1", "a", 1.0)]));

        Assert.Equal("1 Q0 a 1 1 t\n"u8.ToArray(), File.ReadAllBytes(path));
    }

    [Fact]
    public void Query_without_documents_writes_nothing()
    {
        var output = WriteToString("t", w => w.WriteQuery("1", []));

        Assert.Equal("", output);
    }

    [Theory]
    [InlineData("my run", "the run tag 'my run' contains whitespace (Parameter 'runTag')")]
    [InlineData("run\t1", "the run tag 'run\t1' contains whitespace (Parameter 'runTag')")]
    [InlineData("", "the run tag is empty (Parameter 'runTag')")]
    public void Run_tag_with_whitespace_or_empty_is_rejected(string runTag, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new TrecRunWriter(TextWriter.Null, runTag));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Run_tag_check_comes_before_the_file_is_created()
    {
        var path = _dir.File("run.txt");

        var e = Assert.Throws<ArgumentException>(() => new TrecRunWriter(path, "a b"));

        Assert.Equal("runTag", e.ParamName);
        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData("q 1", "d", "the query id 'q 1' contains whitespace (Parameter 'queryId')")]
    [InlineData("", "d", "the query id is empty (Parameter 'queryId')")]
    [InlineData("q1", "d\u00A01", "the document id 'd\u00A01' contains whitespace (Parameter 'docs')")]
    [InlineData("q1", "", "the document id is empty (Parameter 'docs')")]
    public void Ids_with_whitespace_or_empty_are_rejected_and_nothing_is_written(string queryId, string docId, string message)
    {
        using var text = new StringWriter();
        using var writer = new TrecRunWriter(text, "t", leaveOpen: true);

        var e = Assert.Throws<ArgumentException>(() => writer.WriteQuery(queryId, [new ScoredDoc("ok", 2), new ScoredDoc(docId, 1)]));

        writer.Flush();
        Assert.Equal(message, e.Message);
        Assert.Equal("", text.ToString());
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Non_finite_scores_are_rejected(double score, string shown)
    {
        using var writer = new TrecRunWriter(TextWriter.Null, "t");

        var e = Assert.Throws<ArgumentException>(() => writer.WriteQuery("q", [new ScoredDoc("d", score)]));

        Assert.Equal($"document 'd' of query 'q' has the score {shown}, which is not finite (Parameter 'docs')", e.Message);
    }

    [Fact]
    public void Duplicate_document_is_rejected()
    {
        using var writer = new TrecRunWriter(TextWriter.Null, "t");

        var e = Assert.Throws<ArgumentException>(() => writer.WriteQuery("q", [new ScoredDoc("d", 1), new ScoredDoc("d", 2)]));

        Assert.Equal("document 'd' appears twice for query 'q' (Parameter 'docs')", e.Message);
    }

    [Fact]
    public void Query_written_twice_is_rejected()
    {
        using var writer = new TrecRunWriter(TextWriter.Null, "t");
        writer.WriteQuery("q", [new ScoredDoc("d", 1)]);

        var e = Assert.Throws<ArgumentException>(() => writer.WriteQuery("q", [new ScoredDoc("e", 1)]));

        Assert.Equal("query 'q' was already written (Parameter 'queryId')", e.Message);
    }

    [Fact]
    public void WriteFile_uses_the_run_id_unless_told_otherwise()
    {
        var run = TrecRun.FromResults("from-run", [("1", "a", 1.0)]);
        var first = _dir.File("a.txt");
        var second = _dir.File("b.txt");

        TrecRunWriter.WriteFile(first, run);
        TrecRunWriter.WriteFile(second, run, "override");

        Assert.Equal("1 Q0 a 1 1 from-run\n", File.ReadAllText(first));
        Assert.Equal("1 Q0 a 1 1 override\n", File.ReadAllText(second));
    }

    [Fact]
    public void Leave_open_keeps_the_text_writer_usable_and_otherwise_it_is_closed()
    {
        using var kept = new StringWriter();
        using (var writer = new TrecRunWriter(kept, "t", leaveOpen: true))
        {
            writer.WriteQuery("1", [new ScoredDoc("a", 1)]);
        }
        kept.Write("after");

        var closed = new MemoryStream();
        using (var writer = new TrecRunWriter(new StreamWriter(closed), "t"))
        {
            writer.WriteQuery("1", [new ScoredDoc("a", 1)]);
        }

        Assert.Equal("1 Q0 a 1 1 t\nafter", kept.ToString());
        Assert.Equal("1 Q0 a 1 1 t\n"u8.ToArray(), closed.ToArray());
        Assert.False(closed.CanWrite);
    }

    [Fact]
    public void Writing_after_dispose_is_rejected()
    {
        var writer = new TrecRunWriter(TextWriter.Null, "t");
        writer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => writer.WriteQuery("1", [new ScoredDoc("a", 1)]));
        Assert.Equal("t", writer.RunTag);
    }
}
