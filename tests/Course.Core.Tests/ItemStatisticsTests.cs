using Course.Core.Analytics;

namespace Course.Core.Tests;

public class ItemStatisticsTests
{
    private static AttemptScores A(double total, double q) => new(total, new Dictionary<string, double> { ["q"] = q });

    [Fact]
    public void Facility_is_the_mean_score()
    {
        Assert.Equal(0.5, ItemStatistics.Facility([A(1, 1), A(0, 0), A(0.5, 0.5), A(0.5, 0.5)], "q"));
    }

    [Fact]
    public void Discrimination_compares_the_top_and_bottom_thirds()
    {
        AttemptScores[] attempts = [A(0.1, 0), A(0.2, 0), A(0.5, 1), A(0.6, 0), A(0.9, 1), A(1.0, 1)];

        Assert.Equal(1.0, ItemStatistics.Discrimination(attempts, "q"));
        Assert.Equal(-1.0, ItemStatistics.Discrimination([A(0.1, 1), A(0.5, 0), A(0.9, 0)], "q"));
        Assert.Null(ItemStatistics.Discrimination([A(1, 1), A(0, 0)], "q"));
    }

    [Fact]
    public void Scores_fall_into_ten_bands()
    {
        Assert.Equal([1, 0, 0, 0, 0, 1, 0, 0, 0, 2], ItemStatistics.Distribution([0, 0.55, 0.95, 1.0]));
    }

    [Theory]
    [InlineData(new long[0], 0)]
    [InlineData(new long[] { 5 }, 5)]
    [InlineData(new long[] { 9, 1, 5 }, 5)]
    [InlineData(new long[] { 4, 1, 3, 2 }, 2.5)]
    public void Median(long[] values, double expected)
    {
        Assert.Equal(expected, ItemStatistics.Median(values));
    }
}
