using System.Numerics;

namespace Pipeline.Evaluation.Comparison.Statistics;

/// <summary>
/// The xoshiro256** generator (Blackman and Vigna, 2018) with its 256-bit state filled by four outputs of
/// SplitMix64 started at the seed. Owned here rather than <see cref="Random"/> so that a seed gives the same
/// stream on every platform and runtime version: the statistics built on it are reproducible bit for bit.
/// </summary>
internal sealed class Xoshiro256StarStar
{
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15UL;

    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Starts a generator whose state is SplitMix64's first four outputs from <paramref name="seed"/>.</summary>
    public Xoshiro256StarStar(ulong seed)
    {
        var state = seed;
        _s0 = SplitMix64(ref state);
        _s1 = SplitMix64(ref state);
        _s2 = SplitMix64(ref state);
        _s3 = SplitMix64(ref state);
    }

    /// <summary>One step of SplitMix64 (Steele, Lea and Flood, 2014): advances <paramref name="state"/>, returns its output.</summary>
    public static ulong SplitMix64(ref ulong state)
    {
        state += GoldenGamma;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var shifted = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= shifted;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>
    /// A uniformly distributed integer in [0, <paramref name="bound"/>), without modulo bias: the high half of
    /// the 128-bit product of a random word and the bound, redrawn in the rare case that the low half falls in
    /// the biased zone (Lemire, 2019).
    /// </summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        var range = (ulong)bound;
        var high = Math.BigMul(NextUInt64(), range, out var low);
        if (low < range)
        {
            var rejectBelow = (0UL - range) % range;
            while (low < rejectBelow)
            {
                high = Math.BigMul(NextUInt64(), range, out low);
            }
        }
        return (int)high;
    }
}
