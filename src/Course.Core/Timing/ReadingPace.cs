namespace Course.Core.Timing;

/// <summary>
/// How long a segment stays on screen as the newest before its pause, when nobody is narrating it.
/// 150 words a minute is an unhurried narration pace (Spanish and English audiobooks sit at 140–160),
/// so a silent reveal keeps the rhythm the script was written for. A short segment still gets
/// a moment to be read.
/// </summary>
public sealed record ReadingPace(int WordsPerMinute = 150, int MinimumMilliseconds = 1200)
{
    public static readonly ReadingPace Default = new();

    public int ReadingMilliseconds(string plainText)
    {
        var words = CountWords(plainText);
        return words == 0 ? 0 : Math.Max(MinimumMilliseconds, (int)Math.Round(words * 60_000.0 / WordsPerMinute));
    }

    public static int CountWords(string text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var wordChar = char.IsLetterOrDigit(c);
            if (wordChar && !inWord)
            {
                words++;
            }

            inWord = wordChar || (inWord && c is '\'' or '’' or '-');
        }

        return words;
    }
}
