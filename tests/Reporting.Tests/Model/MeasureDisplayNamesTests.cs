using Pipeline.Reporting.Model;

namespace Pipeline.Reporting.Tests.Model;

public class MeasureDisplayNamesTests
{
    [Theory]
    [InlineData("ndcg_cut_10", "nDCG@10")]
    [InlineData("ndcg_cut_1000", "nDCG@1000")]
    [InlineData("recip_rank", "MRR")]
    [InlineData("map", "MAP")]
    [InlineData("map_cut_100", "MAP@100")]
    [InlineData("P_5", "P@5")]
    [InlineData("recall_1000", "R@1000")]
    [InlineData("success_1", "Success@1")]
    [InlineData("Rprec", "R-Prec")]
    [InlineData("bpref", "bpref")]
    public void Known_trec_eval_ids_get_their_display_names(string id, string expected)
    {
        Assert.Equal(expected, MeasureDisplayNames.Get(id));
    }

    [Theory]
    [InlineData("ndcg")]
    [InlineData("num_rel_ret")]
    [InlineData("ndcg_cut_")]
    [InlineData("P_x")]
    [InlineData("p_10")]
    [InlineData("recall_10a")]
    [InlineData("MAP")]
    [InlineData("recip_rank_10")]
    public void Other_ids_are_returned_unchanged(string id)
    {
        Assert.Equal(id, MeasureDisplayNames.Get(id));
    }

    [Fact]
    public void A_measure_without_a_display_name_takes_the_mapped_one()
    {
        var measure = new ReportMeasure("ndcg_cut_10");

        Assert.Equal(("ndcg_cut_10", "nDCG@10"), (measure.Id, measure.DisplayName));
    }

    [Fact]
    public void A_measure_keeps_an_explicit_display_name()
    {
        var measure = new ReportMeasure("recip_rank", "MRR@10");

        Assert.Equal(("recip_rank", "MRR@10"), (measure.Id, measure.DisplayName));
    }
}
