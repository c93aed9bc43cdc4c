using System.Globalization;
using System.Numerics;
using System.Text;

namespace Pipeline.Evaluation.Text;

/// <summary>
/// C <c>printf</c> semantics that trec_eval's output depends on, reproduced exactly: <c>%W.Pf</c> rounds the exact
/// binary value of a double half-to-even (glibc), prints a sign whenever the sign bit is set (<c>-0.0000</c>), and
/// prints <c>nan</c>/<c>-nan</c>/<c>inf</c>; <c>%-22s</c> pads names on the right.
/// </summary>
internal static class CFormat
{
    private static readonly ulong[] PowersOfTen =
    [
        1UL, 10UL, 100UL, 1_000UL, 10_000UL, 100_000UL, 1_000_000UL, 10_000_000UL, 100_000_000UL, 1_000_000_000UL,
    ];

    /// <summary>Appends <paramref name="value"/> as C's <c>%{width}.{decimals}f</c> would print it.</summary>
    public static void AppendFixed(StringBuilder builder, double value, int width, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, PowersOfTen.Length - 1);
        Span<char> buffer = stackalloc char[64];
        var length = FormatFixed(value, decimals, buffer, out var overflow);
        if (overflow is not null)
        {
            builder.Append(' ', Math.Max(0, width - overflow.Length)).Append(overflow);
            return;
        }
        builder.Append(' ', Math.Max(0, width - length)).Append(buffer[..length]);
    }

    /// <summary>C's <c>%{width}.{decimals}f</c> as a string.</summary>
    public static string Fixed(double value, int width, int decimals)
    {
        var builder = new StringBuilder(16);
        AppendFixed(builder, value, width, decimals);
        return builder.ToString();
    }

    /// <summary>
    /// Writes the digits into <paramref name="destination"/> and returns their count; values of 2^64 and more are
    /// returned as a string in <paramref name="overflow"/> instead.
    /// </summary>
    private static int FormatFixed(double value, int decimals, Span<char> destination, out string? overflow)
    {
        overflow = null;
        var negative = double.IsNegative(value);
        if (double.IsNaN(value))
        {
            overflow = negative ? "-nan" : "nan";
            return 0;
        }
        if (double.IsInfinity(value))
        {
            overflow = negative ? "-inf" : "inf";
            return 0;
        }

        var bits = BitConverter.DoubleToUInt64Bits(Math.Abs(value));
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & ((1UL << 52) - 1);
        int binaryExponent;
        if (exponent == 0)
        {
            binaryExponent = -1074;
        }
        else
        {
            mantissa |= 1UL << 52;
            binaryExponent = exponent - 1075;
        }

        var scale = PowersOfTen[decimals];
        UInt128 scaled;
        if (binaryExponent >= 0)
        {
            if (binaryExponent > 10)
            {
                overflow = FormatLarge(negative, mantissa, binaryExponent, decimals);
                return 0;
            }
            scaled = ((UInt128)mantissa << binaryExponent) * scale;
        }
        else
        {
            var shift = -binaryExponent;
            var numerator = (UInt128)mantissa * scale;
            if (shift >= 127)
            {
                // numerator < 2^83 <= half of 2^shift: rounds down to zero
                scaled = 0;
            }
            else
            {
                var quotient = numerator >> shift;
                var remainder = numerator - (quotient << shift);
                var half = (UInt128)1 << (shift - 1);
                if (remainder > half || (remainder == half && (quotient & 1) == 1))
                {
                    quotient++;
                }
                scaled = quotient;
            }
        }

        var integerPart = scaled / scale;
        var fraction = (ulong)(scaled % scale);
        var position = 0;
        if (negative)
        {
            destination[position++] = '-';
        }
        if (!((ulong)integerPart).TryFormat(destination[position..], out var written, default, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("unreachable: integer part does not fit");
        }
        position += written;
        if (decimals > 0)
        {
            destination[position++] = '.';
            for (var d = decimals - 1; d >= 0; d--)
            {
                destination[position + d] = (char)('0' + (int)(fraction % 10));
                fraction /= 10;
            }
            position += decimals;
        }
        return position;
    }

    private static string FormatLarge(bool negative, ulong mantissa, int binaryExponent, int decimals)
    {
        var integer = new BigInteger(mantissa) << binaryExponent;
        var text = integer.ToString(CultureInfo.InvariantCulture);
        if (decimals > 0)
        {
            text += "." + new string('0', decimals);
        }
        return negative ? "-" + text : text;
    }

    /// <summary>
    /// C's <c>atol</c>: skips leading white space, reads an optional sign and as many decimal digits as follow;
    /// returns 0 when there are none and saturates on overflow (glibc's <c>strtol</c>).
    /// </summary>
    public static long ParseLongPrefix(string text)
    {
        var i = SkipSpace(text, 0);
        var negative = false;
        if (i < text.Length && (text[i] == '+' || text[i] == '-'))
        {
            negative = text[i] == '-';
            i++;
        }
        long value = 0;
        var saturated = false;
        for (; i < text.Length && text[i] is >= '0' and <= '9'; i++)
        {
            var digit = text[i] - '0';
            if (value > (long.MaxValue - digit) / 10)
            {
                saturated = true;
                continue;
            }
            value = value * 10 + digit;
        }
        if (saturated)
        {
            return negative ? long.MinValue : long.MaxValue;
        }
        return negative ? -value : value;
    }

    /// <summary>
    /// C's <c>atof</c> for decimal input: the longest prefix that is a decimal floating-point number (optionally
    /// <c>inf</c>, <c>infinity</c> or <c>nan</c>), correctly rounded; 0 when there is none.
    /// </summary>
    public static double ParseDoublePrefix(string text)
    {
        var start = SkipSpace(text, 0);
        var i = start;
        if (i < text.Length && (text[i] == '+' || text[i] == '-'))
        {
            i++;
        }
        var rest = text.AsSpan(i);
        var negative = i > start && text[start] == '-';
        if (rest.StartsWith("inf", StringComparison.OrdinalIgnoreCase))
        {
            return negative ? double.NegativeInfinity : double.PositiveInfinity;
        }
        if (rest.StartsWith("nan", StringComparison.OrdinalIgnoreCase))
        {
            return negative ? -double.NaN : double.NaN;
        }
        var digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
            digits++;
        }
        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                digits++;
            }
        }
        if (digits == 0)
        {
            return 0.0;
        }
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            var j = i + 1;
            if (j < text.Length && (text[j] == '+' || text[j] == '-'))
            {
                j++;
            }
            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                while (j < text.Length && char.IsAsciiDigit(text[j]))
                {
                    j++;
                }
                i = j;
            }
        }
        return double.Parse(text.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static int SkipSpace(string text, int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t' or '\n' or '\v' or '\f' or '\r')
        {
            i++;
        }
        return i;
    }
}
