using System.Text;
using Pipeline.Evaluation.Text;

namespace Pipeline.Evaluation.Tests.Text;

public class ByteOrderTests
{
    private static readonly string[] Ids =
    [
        "", "a", "ab", "b", "Z", "z", "10", "9", "doc-1", "doc_1", "é", "e\u0301", "ｚ", "\uFFFD", "\uE000",
        "𝄞", "😀", "a𝄞", "aｚ", "\u007F", "\u0080", "中文", "中",
    ];

    [Fact]
    public void Strings_order_as_strcmp_orders_their_utf8_bytes()
    {
        foreach (var x in Ids)
        {
            foreach (var y in Ids)
            {
                var bytes = Math.Sign(Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y)));

                Assert.Equal(bytes, Math.Sign(ByteOrder.CompareStrings(x, y)));
            }
        }
    }

    [Fact]
    public void Supplementary_characters_sort_after_the_end_of_the_basic_plane_unlike_ordinal_utf16()
    {
        var utf16 = Math.Sign(string.CompareOrdinal("𝄞", "ｚ"));

        Assert.Equal(-utf16, Math.Sign(ByteOrder.CompareStrings("𝄞", "ｚ")));
    }
}
