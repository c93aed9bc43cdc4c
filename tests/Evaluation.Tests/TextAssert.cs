using Xunit.Sdk;

namespace Pipeline.Evaluation.Tests;

/// <summary>Whole-line comparison of a text with its expected twin, reporting the first line that differs.</summary>
internal static class TextAssert
{
    public static void LinesEqual(IReadOnlyList<string> expected, string actualText, string context)
    {
        var actual = actualText.Split('\n');
        // The text ends with '\n': the last element is empty.
        Assert.Equal(string.Empty, actual[^1]);
        var count = Math.Min(expected.Count, actual.Length - 1);
        for (var i = 0; i < count; i++)
        {
            if (!string.Equals(expected[i], actual[i], StringComparison.Ordinal))
            {
                throw new XunitException(
                    $"{context}: first difference at line {i + 1}{Environment.NewLine}" +
                    $"  trec_eval: {expected[i]}{Environment.NewLine}" +
                    $"  pipeline:  {actual[i]}");
            }
        }
        Assert.Equal(expected.Count, actual.Length - 1);
    }
}
