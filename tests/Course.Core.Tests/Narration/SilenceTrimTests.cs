using Course.Core.Narration;

namespace Course.Core.Tests.Narration;

/// <summary>
/// Where a recording's sound starts and ends, as input → expected tables: synthetic clips described piece by piece
/// ("silence 1000" is digital silence, "tone 1000" a 220 Hz tone at -10 dBFS, "noise 1000 -50" noise at -50 dBFS
/// RMS, "voice 1000 -50" the tone over that noise). Kept times include the 120 ms margin at each end.
/// </summary>
public class SilenceTrimTests
{
    public static TheoryData<string, int, TrimOutcome, int, int> Clips => new()
    {
        { "silence 1000, tone 1000, silence 1000", 8000, TrimOutcome.Trimmed, 880, 2120 },
        { "silence 1000, tone 1000, silence 1000", 48_000, TrimOutcome.Trimmed, 880, 2120 },
        { "noise 1000 -50, voice 1000 -50, noise 1000 -50", 24_000, TrimOutcome.Trimmed, 880, 2120 },
        { "noise 700 -30, voice 800 -30, noise 1200 -30", 24_000, TrimOutcome.Trimmed, 580, 1620 },
        { "tone 1000, silence 1000", 16_000, TrimOutcome.Trimmed, 0, 1120 },
        { "silence 800, tone 700", 16_000, TrimOutcome.Trimmed, 680, 1500 },
        { "silence 500, tone 500, silence 400, tone 500, silence 500", 8000, TrimOutcome.Trimmed, 380, 2020 },
        { "silence 1000, tone 50, silence 950", 8000, TrimOutcome.Trimmed, 875, 1175 },
        { "tone 1500", 24_000, TrimOutcome.NothingToTrim, 0, 1500 },
        { "silence 30, tone 1000, silence 10", 24_000, TrimOutcome.NothingToTrim, 0, 1040 },
        { "silence 2000", 24_000, TrimOutcome.AllSilent, 0, 2000 },
        { "noise 2000 -70", 24_000, TrimOutcome.AllSilent, 0, 2000 },
        { "tone 5", 8000, TrimOutcome.NothingToTrim, 0, 5 },
    };

    [Theory]
    [MemberData(nameof(Clips))]
    public void A_clip_keeps_its_sound_with_a_margin_and_loses_the_silence_at_its_ends(string clip, int sampleRate, TrimOutcome outcome, int startMs, int endMs)
    {
        var samples = Synthesize(clip, sampleRate);

        var result = SilenceTrim.Find(samples, sampleRate);

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(samples.Length, result.Length);
        Assert.Equal(startMs, SilenceTrim.Milliseconds(result.Start, sampleRate));
        Assert.Equal(endMs, SilenceTrim.Milliseconds(result.End, sampleRate));
        Assert.True(result.Kept >= Math.Min(samples.Length, sampleRate * SilenceTrim.MinKeptMilliseconds / 1000), "kept less than the minimum");
    }

    [Fact]
    public void An_empty_clip_has_nothing_to_trim()
    {
        Assert.Equal(new SilenceTrimResult(TrimOutcome.NothingToTrim, 0, 0, 0), SilenceTrim.Find([], 24_000));
    }

    /// <summary>Builds mono samples from "kind milliseconds [dBFS]" pieces separated by commas.</summary>
    public static float[] Synthesize(string clip, int sampleRate)
    {
        var random = new Random(14);
        var samples = new List<float>();
        foreach (var piece in clip.Split(',', StringSplitOptions.TrimEntries))
        {
            var parts = piece.Split(' ');
            var count = sampleRate * int.Parse(parts[1]) / 1000;
            var noise = parts.Length > 2 ? Math.Pow(10, double.Parse(parts[2]) / 20) * Math.Sqrt(3) : 0; // uniform noise of that RMS
            for (var i = 0; i < count; i++)
            {
                var n = samples.Count;
                var tone = parts[0] is "tone" or "voice" ? 0.316 * Math.Sqrt(2) * Math.Sin(2 * Math.PI * 220 * n / sampleRate) : 0;
                var hiss = parts[0] is "noise" or "voice" ? noise * (2 * random.NextDouble() - 1) : 0;
                samples.Add((float)(tone + hiss));
            }
        }

        return [.. samples];
    }
}
