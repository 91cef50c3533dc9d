namespace Course.Core.Narration;

/// <summary>What <see cref="SilenceTrim.Find"/> found.</summary>
public enum TrimOutcome
{
    /// <summary>There is silence to cut at one end or both: keep <see cref="SilenceTrimResult.Start"/> … <see cref="SilenceTrimResult.End"/>.</summary>
    Trimmed,

    /// <summary>Sound reaches (nearly) both ends: the clip is kept whole.</summary>
    NothingToTrim,

    /// <summary>The whole clip is below the loudness a voice has: nothing is cut, so a recording is never lost to a quiet microphone.</summary>
    AllSilent,
}

/// <summary>The samples to keep, [Start, End), out of <see cref="Length"/>.</summary>
public sealed record SilenceTrimResult(TrimOutcome Outcome, int Start, int End, int Length)
{
    public int Kept => End - Start;
}

/// <summary>
/// Finds leading and trailing silence in a mono recording (issue 14): the first and last 10 ms window whose RMS
/// is above a threshold set by the clip itself, plus a margin at each end. The reference algorithm: the server
/// runs it on every trim; the browser only decodes.
/// </summary>
public static class SilenceTrim
{
    public const int WindowMilliseconds = 10;

    /// <summary>Kept before the first and after the last loud window, so a soft onset or a breath's tail is not clipped.</summary>
    public const int MarginMilliseconds = 120;

    /// <summary>A trim never leaves less than this (or the whole clip, when shorter).</summary>
    public const int MinKeptMilliseconds = 300;

    /// <summary>Less than this to cut in total is not worth a new clip.</summary>
    public const int MinTrimmedMilliseconds = 50;

    /// <summary>Below this loudness (-60 dBFS RMS) everywhere, a clip is silent.</summary>
    public const double SilentRms = 0.001;

    /// <summary>Sound is what is at most 40 dB below the loudest window …</summary>
    private const double BelowPeak = 0.01;

    /// <summary>… and at least 10 dB above the noise floor (the quietest tenth of the windows) …</summary>
    private const double AboveFloor = 3.16;

    /// <summary>… but never a threshold over 12 dB below the peak, so a clip that is all sound keeps its sound.</summary>
    private const double MaxBelowPeak = 0.25;

    /// <summary>Where the clip's sound starts and ends; samples are mono, -1 … 1.</summary>
    public static SilenceTrimResult Find(ReadOnlySpan<float> samples, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        var length = samples.Length;
        var window = Math.Max(1, sampleRate * WindowMilliseconds / 1000);
        var windows = length / window;
        if (windows == 0)
        {
            return new(TrimOutcome.NothingToTrim, 0, length, length);
        }

        var rms = new double[windows];
        for (var w = 0; w < windows; w++)
        {
            double sum = 0;
            foreach (var s in samples.Slice(w * window, window))
            {
                sum += (double)s * s;
            }

            rms[w] = Math.Sqrt(sum / window);
        }

        var peak = rms.Max();
        if (peak < SilentRms)
        {
            return new(TrimOutcome.AllSilent, 0, length, length);
        }

        var floor = rms.Order().ElementAt(windows / 10);
        var threshold = Math.Min(Math.Max(peak * BelowPeak, floor * AboveFloor), peak * MaxBelowPeak);
        var first = Array.FindIndex(rms, r => r >= threshold);
        var last = Array.FindLastIndex(rms, r => r >= threshold);

        var margin = (long)sampleRate * MarginMilliseconds / 1000;
        var start = (int)Math.Max(0, (long)first * window - margin);
        var end = (int)Math.Min(length, (long)(last + 1) * window + margin);
        if (last == windows - 1)
        {
            end = length; // the partial window after the last whole one goes with sound that reaches the end
        }

        (start, end) = KeepAtLeast(start, end, length, (int)Math.Min(length, (long)sampleRate * MinKeptMilliseconds / 1000));
        var trimmed = length - (end - start);
        return trimmed * 1000L < (long)MinTrimmedMilliseconds * sampleRate
            ? new(TrimOutcome.NothingToTrim, 0, length, length)
            : new(TrimOutcome.Trimmed, start, end, length);
    }

    /// <summary>Widens [start, end) evenly to <paramref name="minimum"/> samples, within the clip.</summary>
    private static (int Start, int End) KeepAtLeast(int start, int end, int length, int minimum)
    {
        if (end - start >= minimum)
        {
            return (start, end);
        }

        var missing = minimum - (end - start);
        start = Math.Max(0, start - missing / 2);
        end = Math.Min(length, start + minimum);
        return (end - minimum, end);
    }

    /// <summary>Milliseconds for a number of samples.</summary>
    public static int Milliseconds(int samples, int sampleRate) => (int)((long)samples * 1000 / sampleRate);
}
