namespace Pipeline.Sharding.Tests;

/// <summary>The fast path reads DuckDB's memory-limit notation to bound its read-ahead by the same setting.</summary>
public sealed class MemoryLimitTests
{
    [Theory]
    [InlineData("1GB", 1_000_000_000L)]
    [InlineData("512MB", 512_000_000L)]
    [InlineData("256 MiB", 268_435_456L)]
    [InlineData("2GiB", 2_147_483_648L)]
    [InlineData("1.5gb", 1_500_000_000L)]
    [InlineData("100000", 100_000L)]
    [InlineData("64KiB", 65_536L)]
    public void Sizes_in_duckdb_notation_are_read_in_bytes(string text, long bytes) =>
        Assert.Equal(bytes, CorpusSharder.ParseMemoryLimit(text));

    [Fact]
    public void A_percentage_is_of_the_memory_available()
    {
        var half = CorpusSharder.ParseMemoryLimit("50%");

        Assert.Equal(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2.0, (double)half!, 0.001 * half!.Value);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("1 XB")]
    [InlineData("")]
    public void Notation_it_does_not_know_is_null(string text) => Assert.Null(CorpusSharder.ParseMemoryLimit(text));
}
