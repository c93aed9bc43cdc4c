using Pipeline.Evaluation.Comparison.Statistics;

namespace Pipeline.Evaluation.Tests.Comparison.Statistics;

public sealed class Xoshiro256StarStarTests
{
    [Fact]
    public void SplitMix64_from_seed_zero_produces_the_published_sequence()
    {
        var reference = StatsReference.Section("splitmix64");
        var state = 0UL;
        var outputs = Enumerable.Range(0, 4).Select(_ => Xoshiro256StarStar.SplitMix64(ref state)).ToArray();
        Assert.Equal(reference.GetProperty("outputs").EnumerateArray().Select(e => e.UInt64()), outputs);
        Assert.Equal(0xE220A8397B1DCDAFUL, outputs[0]);
    }

    [Fact]
    public void Xoshiro256_star_star_matches_a_reference_transcription()
    {
        foreach (var c in StatsReference.Section("xoshiro256starstar").EnumerateArray())
        {
            var seed = c.GetProperty("seed").UInt64();
            var generator = new Xoshiro256StarStar(seed);
            var expected = c.GetProperty("outputs").EnumerateArray().Select(e => e.UInt64()).ToArray();
            Assert.Equal(expected, expected.Select(_ => generator.NextUInt64()).ToArray());
        }
    }

    [Fact]
    public void Bounded_draws_match_a_reference_transcription()
    {
        foreach (var c in StatsReference.Section("xoshiro256starstar").EnumerateArray())
        {
            var seed = c.GetProperty("seed").UInt64();
            var small = new Xoshiro256StarStar(seed);
            var expectedSmall = c.GetProperty("bounded_7").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            Assert.Equal(expectedSmall, expectedSmall.Select(_ => small.NextInt(7)).ToArray());
            var large = new Xoshiro256StarStar(seed);
            var expectedLarge = c.GetProperty("bounded_2147483647").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            Assert.Equal(expectedLarge, expectedLarge.Select(_ => large.NextInt(int.MaxValue)).ToArray());
        }
    }

    [Fact]
    public void A_bound_of_one_always_draws_zero()
    {
        var generator = new Xoshiro256StarStar(3);
        Assert.All(Enumerable.Range(0, 100).Select(_ => generator.NextInt(1)), v => Assert.Equal(0, v));
    }
}
