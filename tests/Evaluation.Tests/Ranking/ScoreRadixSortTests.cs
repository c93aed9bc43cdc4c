using Pipeline.Evaluation.Ranking;
using Pipeline.Formats.Trec;

namespace Pipeline.Evaluation.Tests.Ranking;

public class ScoreRadixSortTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(1000)]
    public void Positions_come_out_by_score_descending_with_ties_in_file_order(int count)
    {
        var random = new Random(count);
        double[] pool = [-1e300, -2.5, -1, -0.0, 0.0, double.Epsilon, 0.25, 1, 3.5, 1e300];
        var docs = Enumerable.Range(0, count).Select(i => new ScoredDoc("d" + i, pool[random.Next(pool.Length)])).ToArray();
        var expected = Enumerable.Range(0, count).OrderByDescending(i => docs[i].Score).ToArray();
        var sort = new ScoreRadixSort();

        sort.Sort(docs);

        Assert.Equal(expected, sort.Order[..count].ToArray());
    }

    [Fact]
    public void Zero_and_negative_zero_get_one_key()
    {
        Assert.Equal(ScoreRadixSort.DescendingKey(0.0), ScoreRadixSort.DescendingKey(-0.0));
    }
}
