using Pipeline.Reporting.Html.Charts;

namespace Pipeline.Reporting.Tests.Html.Charts;

public class AxisTicksTests
{
    [Fact]
    public void Range_from_minus_0_3_to_0_48_gets_steps_of_0_2()
    {
        var ticks = AxisTicks.Create(-0.3, 0.48, 6);

        Assert.Equal(new AxisTicks(-0.4, 0.6, 0.2, 1), ticks);
        Assert.Equal(new[] { -0.4, -0.2, 0, 0.2, 0.4, 0.6 }, ticks.Values);
    }

    [Fact]
    public void Small_range_gets_small_steps_and_more_decimals()
    {
        var ticks = AxisTicks.Create(0.3853, 0.5525, 5);

        Assert.Equal(new AxisTicks(0.35, 0.6, 0.05, 2), ticks);
        Assert.Equal(new[] { 0.35, 0.4, 0.45, 0.5, 0.55, 0.6 }, ticks.Values);
    }

    [Fact]
    public void Bounds_already_on_a_step_are_kept()
    {
        var ticks = AxisTicks.Create(0.3, 0.7, 4);

        Assert.Equal(new[] { 0.3, 0.4, 0.5, 0.6, 0.7 }, ticks.Values);
    }
}
