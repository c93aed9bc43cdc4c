using System.Text;
using Pipeline.DuckDb.Tests.Support;
using Pipeline.Formats;

namespace Pipeline.Sharding.Tests;

/// <summary>The streaming duplicate-id filter: hash hits are confirmed exactly, across shards and within one.</summary>
public sealed class DuplicateIdTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WriteCorpus(params string[] ids)
    {
        var path = _dir.File("c.jsonl");
        File.WriteAllText(path, string.Join("\n", ids.Select((id, i) => $"{{\"_id\": \"{id}\", \"text\": \"text {i}\"}}")) + "\n",
            new UTF8Encoding(false));
        return path;
    }

    private static ulong Constant(string id) => 7;

    private static List<(string DocId, string Title, string Text)> ReadAll(ShardResult result) =>
        result.Manifest.Shards.SelectMany(s => ShardReader.Read(Path.Combine(result.OutputDirectory, s.File))).ToList();

    [DuckDbFact]
    public void Ids_that_share_a_hash_are_not_reported_as_duplicates()
    {
        var ids = Enumerable.Range(0, 25).Select(i => $"d{i}").ToArray();
        var corpus = WriteCorpus(ids);

        var result = CorpusSharder.Shard(corpus, _dir.File("out"), new ShardOptions { ShardDocs = 4 }, null, Constant);

        Assert.Equal(ids, ReadAll(result).Select(d => d.DocId));
        Assert.Equal(0, result.Manifest.BadRecords);
        Assert.Empty(result.BadRecords);
    }

    [DuckDbFact]
    public void With_every_hash_colliding_true_duplicates_are_still_found_with_their_first_line()
    {
        // x is first seen at line 3 as a collider (d0 holds the hash); its copies come in the same and later shards.
        var corpus = WriteCorpus("d0", "d1", "x", "x", "d2", "d3", "d4", "x", "d0", "d5");

        var result = CorpusSharder.Shard(corpus, _dir.File("out"),
            new ShardOptions { ShardDocs = 3, OnBadRecord = BadRecordPolicy.Skip }, null, Constant);

        Assert.Equal(
            [
                new BadRecord(4, "duplicate doc id 'x' (first at line 3)"),
                new BadRecord(8, "duplicate doc id 'x' (first at line 3)"),
                new BadRecord(9, "duplicate doc id 'd0' (first at line 1)"),
            ],
            result.BadRecords);
        Assert.Equal(3, result.Manifest.DuplicateRecords);
        Assert.Equal(["d0", "d1", "x", "d2", "d3", "d4", "d5"], ReadAll(result).Select(d => d.DocId));
        Assert.Equal([3L, 3L, 1L], result.Manifest.Shards.Select(s => s.Documents));
    }

    [DuckDbFact]
    public void A_skipped_duplicate_leaves_its_shard_full()
    {
        var corpus = WriteCorpus("a", "b", "a", "c", "d", "e");

        var result = CorpusSharder.Shard(corpus, _dir.File("out"), new ShardOptions { ShardDocs = 3, OnBadRecord = BadRecordPolicy.Skip });

        Assert.Equal([3L, 2L], result.Manifest.Shards.Select(s => s.Documents));
        Assert.Equal(["a", "b", "c", "d", "e"], ReadAll(result).Select(d => d.DocId));
    }

    [DuckDbFact]
    public void In_fail_mode_a_duplicate_of_an_id_in_an_earlier_shard_fails_the_run_and_leaves_no_output()
    {
        var corpus = WriteCorpus("a", "b", "c", "d", "e", "b");
        var output = _dir.File("out");

        var e = Assert.Throws<InputFormatException>(() => CorpusSharder.Shard(corpus, output, new ShardOptions { ShardDocs = 2 }));

        Assert.Equal($"{corpus}:6: duplicate doc id 'b' (first at line 2)", e.Message);
        Assert.False(Directory.Exists(output));
        Assert.Equal(["c.jsonl"], Directory.GetFileSystemEntries(_dir.Path).Select(Path.GetFileName));
    }

    [DuckDbFact]
    public void In_fail_mode_a_duplicate_before_a_bad_line_is_the_error_reported()
    {
        var path = _dir.File("c.jsonl");
        File.WriteAllText(path, "{\"_id\": \"a\", \"text\": \"t\"}\n{\"_id\": \"a\", \"text\": \"t\"}\nnot json\n");

        var e = Assert.Throws<InputFormatException>(() => CorpusSharder.Shard(path, _dir.File("out")));

        Assert.Equal($"{path}:2: duplicate doc id 'a' (first at line 1)", e.Message);
    }

    [DuckDbFact]
    public void A_shard_count_with_skipped_duplicates_still_gives_that_many_shards()
    {
        var corpus = WriteCorpus("a", "b", "c", "a", "d", "e", "f");

        var result = CorpusSharder.Shard(corpus, _dir.File("out"), new ShardOptions { Shards = 3, OnBadRecord = BadRecordPolicy.Skip });

        Assert.Equal([2L, 2L, 2L], result.Manifest.Shards.Select(s => s.Documents));
        Assert.Equal(["a", "b", "c", "d", "e", "f"], ReadAll(result).Select(d => d.DocId));
    }

    [Fact]
    public void The_hash_set_keeps_every_hash_and_its_first_line_through_growth()
    {
        var set = new IdHashSet();
        for (var i = 0; i < 10_000; i++)
        {
            Assert.True(set.TryAdd(IdHashSet.Hash($"doc-{i}"), i + 1, out _));
        }

        Assert.Equal(10_000, set.Count);
        for (var i = 0; i < 10_000; i++)
        {
            Assert.False(set.TryAdd(IdHashSet.Hash($"doc-{i}"), -1, out var first));
            Assert.Equal(i + 1, first);
        }
    }

    [DuckDbTheory]
    [InlineData(1)]
    [InlineData(2)]
    public void Skipped_duplicates_leave_the_shards_the_corpus_without_them_gives(int threads)
    {
        // 12,000 documents with 40 duplicates spread through them: skip mode (the reader's path) must write the bytes
        // the same corpus without the duplicates gives (the fast path), whatever the thread count.
        var unique = Enumerable.Range(0, 12_000).Select(i => $"{{\"_id\": \"d{i}\", \"text\": \"text {i} {new string('q', i % 90)}\"}}").ToList();
        var withDuplicates = new List<string>(unique);
        for (var k = 0; k < 40; k++)
        {
            withDuplicates.Insert(300 * (k + 1) + k, $"{{\"_id\": \"d{k * 97}\", \"text\": \"again {k}\"}}");
        }
        var clean = _dir.File("clean.jsonl");
        var dirty = _dir.File("dirty.jsonl");
        File.WriteAllText(clean, string.Join("\n", unique) + "\n", new UTF8Encoding(false));
        File.WriteAllText(dirty, string.Join("\n", withDuplicates) + "\n", new UTF8Encoding(false));
        var options = new ShardOptions { ShardDocs = 5000, RowGroupSize = 1000, Threads = threads };

        var expected = CorpusSharder.Shard(clean, _dir.File("clean-out"), options with { Parser = ShardParser.DuckDb });
        var skipped = CorpusSharder.Shard(dirty, _dir.File("dirty-out"), options with { OnBadRecord = BadRecordPolicy.Skip });

        Assert.Equal(ShardParser.Reader, skipped.Parser);
        Assert.Equal(40, skipped.Manifest.DuplicateRecords);
        Assert.Equal(expected.Manifest.Shards, skipped.Manifest.Shards);
    }
}
