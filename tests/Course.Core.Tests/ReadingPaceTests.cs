using Course.Core.Timing;

namespace Course.Core.Tests;

public class ReadingPaceTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("Hola", 1200)] // the minimum
    [InlineData("uno dos tres cuatro cinco", 2000)] // 5 words at 150 wpm
    [InlineData("can't wait: state-of-the-art, ¿sí?", 1600)] // 4 words
    public void Reading_time_follows_the_words_per_minute_rate(string text, int expected)
    {
        Assert.Equal(expected, ReadingPace.Default.ReadingMilliseconds(text));
    }

    [Fact]
    public void A_faster_pace_reads_sooner()
    {
        Assert.Equal(1000, new ReadingPace(WordsPerMinute: 300, MinimumMilliseconds: 0).ReadingMilliseconds("uno dos tres cuatro cinco"));
    }
}
