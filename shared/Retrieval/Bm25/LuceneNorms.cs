using System.Numerics;

namespace Pipeline.Retrieval.Bm25;

/// <summary>Lucene's lossy one-byte length encoding (<c>SmallFloat.intToByte4</c> / <c>byte4ToInt</c>).</summary>
internal static class LuceneNorms
{
    // 255 minus the code of int.MaxValue under the 4-bit-mantissa encoding: lengths below this are kept exactly.
    private const int FreeValues = 24;

    public static int Quantize(int length) => Decode(Encode(length));

    public static byte Encode(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return length < FreeValues ? (byte)length : (byte)(FreeValues + LongToInt4(length - FreeValues));
    }

    public static int Decode(byte code) => code < FreeValues ? code : FreeValues + (int)Int4ToLong(code - FreeValues);

    private static int LongToInt4(long value)
    {
        var bits = 64 - BitOperations.LeadingZeroCount((ulong)value);
        if (bits < 4)
        {
            return (int)value;
        }
        var shift = bits - 4;
        return (int)((value >>> shift) & 0x07) | ((shift + 1) << 3);
    }

    private static long Int4ToLong(int code)
    {
        var mantissa = code & 0x07;
        var shift = (code >>> 3) - 1;
        return shift == -1 ? mantissa : (long)(mantissa | 0x08) << shift;
    }
}
