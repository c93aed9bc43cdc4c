using Pipeline.Evaluation.Text;

namespace Pipeline.Evaluation.Tests.Text;

public class CSortTests
{
    [Fact]
    public void Merge_sort_is_stable_for_equal_keys()
    {
        var random = new Random(17);
        var items = Enumerable.Range(0, 500).Select(i => (Key: random.Next(10), Position: i)).ToArray();
        var expected = items.OrderBy(static item => item.Key).ToArray();

        CSort.MergeSort<(int Key, int Position)>(items, static (a, b) => a.Key.CompareTo(b.Key));

        Assert.Equal(expected, items);
    }

    [Fact]
    public void Truncating_gain_comparator_keeps_gains_less_than_one_apart_in_insertion_order()
    {
        // trec_eval compares gains by (int)(a - b): 0.5 and 0.9 compare equal, so merge sort keeps their order.
        double[] gains = [0.9, 0.5, 3.0, 0.7];
        double[] expected = [0.9, 0.5, 0.7, 3.0];

        CSort.MergeSort<double>(gains, static (a, b) => unchecked((int)(a - b)));

        Assert.Equal(expected, gains);
    }
}
