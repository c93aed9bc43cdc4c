using Pipeline.Formats.Corpus;
using Pipeline.Retrieval.Bm25;
using Pipeline.Retrieval.Storage;

namespace Pipeline.Retrieval.Tests.Storage;

public sealed class IndexFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bm25-index-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static ShardIndex[] SmallShards()
    {
        var corpus = Enumerable.Range(0, 200)
            .Select(i => new CorpusDocument($"d{i}", $"Title {i % 7}", $"cats dogs {i % 13} running jumping {new string('x', i % 3 + 1)}"))
            .ToList();
        return Collections.Shards(corpus, 3);
    }

    [Fact]
    public void A_written_index_reads_back_to_identical_search_results()
    {
        var shards = SmallShards();
        IndexDirectory.Write(shards, _directory);
        var reopened = IndexDirectory.Open(_directory);
        var original = new Bm25Searcher(shards);
        Assert.Equal(original.Statistics.DocCount, reopened.Statistics.DocCount);
        Assert.Equal(original.Statistics.TotalLength, reopened.Statistics.TotalLength);
        foreach (var query in new[] { "cats 3", "running title 5", "xx jumping dogs" })
        {
            Assert.Equal(original.Search(query, 50), reopened.Search(query, 50));
        }
        var shard = ShardIndexFile.Read(Path.Combine(_directory, ShardIndexFile.FileName(1)));
        Assert.Equal(shards[1].DocIds, shard.DocIds);
        Assert.Equal(shards[1].DocLengths, shard.DocLengths);
        Assert.Equal(shards[1].Terms, shard.Terms);
        Assert.Equal("english", shard.AnalyzerName);
    }

    [Fact]
    public void A_flipped_byte_is_reported_as_a_checksum_mismatch()
    {
        IndexDirectory.Write(SmallShards(), _directory);
        var path = Path.Combine(_directory, ShardIndexFile.FileName(2));
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<IndexFormatException>(() => IndexDirectory.Open(_directory));
        Assert.Equal($"{path}: shard index file is corrupt (SHA-256 checksum mismatch)", e.Message);
    }

    [Fact]
    public void Another_format_version_is_refused_with_a_rebuild_hint()
    {
        IndexDirectory.Write(SmallShards(), _directory);
        var path = Path.Combine(_directory, StatisticsFile.FileName);
        var bytes = File.ReadAllBytes(path);
        bytes[8] = 2;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<IndexFormatException>(() => IndexDirectory.Open(_directory));
        Assert.Equal($"{path}: statistics file format version 2 is not supported (this build reads version 1); rebuild the index", e.Message);
    }

    [Fact]
    public void A_missing_shard_and_a_foreign_file_are_named()
    {
        IndexDirectory.Write(SmallShards(), _directory);
        var shard = Path.Combine(_directory, ShardIndexFile.FileName(0));
        File.Delete(shard);
        Assert.Equal($"{shard}: shard index file not found", Assert.Throws<IndexFormatException>(() => IndexDirectory.Open(_directory)).Message);
        File.WriteAllText(shard, "hello, world: not an index");
        Assert.Equal($"{shard}: not a shard index file (wrong magic bytes)", Assert.Throws<IndexFormatException>(() => ShardIndexFile.Read(shard)).Message);
    }

    [Fact]
    public void A_missing_statistics_file_is_named()
    {
        IndexDirectory.Write(SmallShards(), _directory);
        var statistics = Directory.GetFiles(_directory, "statistics*").Single();
        File.Delete(statistics);
        Assert.Equal($"{statistics}: statistics file not found", Assert.Throws<IndexFormatException>(() => IndexDirectory.Open(_directory)).Message);
    }
}
