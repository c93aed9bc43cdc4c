using System.Globalization;
using Pipeline.Evaluation.Text;

namespace Pipeline.Evaluation.Tests.Text;

public class CFormatTests
{
    public static TheoryData<string, string, string> GlibcPrintf()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadLines(TestData.Path("printf", "fixed.tsv")))
        {
            var f = line.Split('\t');
            data.Add(f[0], f[1], f[2]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(GlibcPrintf))]
    public void Fixed_point_text_is_what_glibc_printf_prints(string value, string glibc64, string glibc32)
    {
        var number = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);

        Assert.Equal(glibc64, CFormat.Fixed(number, 6, 4));
        Assert.Equal(glibc32, CFormat.Fixed(number, 3, 2));
    }

    [Fact]
    public void Negative_zero_and_negative_values_that_round_to_zero_keep_their_sign()
    {
        // glibc prints the sign bit: printf("%6.4f", -0.0) is "-0.0000".
        Assert.Equal("-" + CFormat.Fixed(0.0, 6, 4), CFormat.Fixed(-0.0, 6, 4));
        Assert.Equal(CFormat.Fixed(-0.0, 6, 4), CFormat.Fixed(-1e-9, 6, 4));
    }

    [Fact]
    public void Not_a_number_and_infinities_are_right_aligned_in_the_field_width()
    {
        Assert.Equal("  -nan", CFormat.Fixed(-double.NaN, 6, 4));
        Assert.Equal("   nan", CFormat.Fixed(Math.Abs(double.NaN), 6, 4));
        Assert.Equal("   inf", CFormat.Fixed(double.PositiveInfinity, 6, 4));
        Assert.Equal("  -inf", CFormat.Fixed(double.NegativeInfinity, 6, 4));
    }

    [Theory]
    [InlineData("5", 5)]
    [InlineData("  -12", -12)]
    [InlineData("+7x", 7)]
    [InlineData("abc", 0)]
    [InlineData("", 0)]
    [InlineData("99999999999999999999", long.MaxValue)]
    public void Long_prefix_parsing_follows_atol(string text, long expected)
    {
        Assert.Equal(expected, CFormat.ParseLongPrefix(text));
    }

    [Theory]
    [InlineData("0.5", "0.5")]
    [InlineData(" .25", "0.25")]
    [InlineData("-1e-3junk", "-0.001")]
    [InlineData("2.", "2")]
    [InlineData("1e", "1")]
    [InlineData("x1", "0")]
    [InlineData("", "0")]
    public void Double_prefix_parsing_follows_atof(string text, string expected)
    {
        Assert.Equal(double.Parse(expected, CultureInfo.InvariantCulture), CFormat.ParseDoublePrefix(text));
    }
}
