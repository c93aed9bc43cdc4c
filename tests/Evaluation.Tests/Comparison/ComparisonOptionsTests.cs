using Pipeline.Evaluation.Comparison;

namespace Pipeline.Evaluation.Tests.Comparison;

public sealed class ComparisonOptionsTests
{
    [Fact]
    public void Defaults_are_the_documented_values()
    {
        var options = new ComparisonOptions();
        Assert.Equal(10_000, options.Permutations);
        Assert.Equal(20, options.ExactRandomizationMaxQueries);
        Assert.Equal(10_000, options.BootstrapResamples);
        Assert.Equal(0.95, options.ConfidenceLevel);
        Assert.Equal(42UL, options.Seed);
        Assert.Equal(1e-12, options.TieEpsilon);
        Assert.Equal(0.05, options.SignificanceLevel);
    }

    [Theory]
    [InlineData(nameof(ComparisonOptions.Permutations))]
    [InlineData(nameof(ComparisonOptions.ExactRandomizationMaxQueries))]
    [InlineData(nameof(ComparisonOptions.BootstrapResamples))]
    [InlineData(nameof(ComparisonOptions.ConfidenceLevel))]
    [InlineData(nameof(ComparisonOptions.TieEpsilon))]
    [InlineData(nameof(ComparisonOptions.SignificanceLevel))]
    public void Validation_names_the_setting_that_is_out_of_bounds(string setting)
    {
        var options = setting switch
        {
            nameof(ComparisonOptions.Permutations) => new ComparisonOptions { Permutations = 0 },
            nameof(ComparisonOptions.ExactRandomizationMaxQueries) => new ComparisonOptions { ExactRandomizationMaxQueries = 41 },
            nameof(ComparisonOptions.BootstrapResamples) => new ComparisonOptions { BootstrapResamples = -1 },
            nameof(ComparisonOptions.ConfidenceLevel) => new ComparisonOptions { ConfidenceLevel = 1.0 },
            nameof(ComparisonOptions.TieEpsilon) => new ComparisonOptions { TieEpsilon = double.NaN },
            _ => new ComparisonOptions { SignificanceLevel = 0 },
        };
        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(setting, error.ParamName);
    }
}
