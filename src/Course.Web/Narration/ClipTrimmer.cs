using Course.Core.Narration;
using Microsoft.JSInterop;

namespace Course.Web.Narration;

/// <summary>What trimming a clip's silence came to.</summary>
public abstract record ClipTrim
{
    /// <summary>A new WAV clip, stored: the sound of the old one without the silence at its ends. The old clip stays stored.</summary>
    public sealed record Trimmed(string Hash, int BeforeMilliseconds, int AfterMilliseconds) : ClipTrim;

    /// <summary>Sound reaches (nearly) both ends: no new clip.</summary>
    public sealed record NothingToTrim : ClipTrim;

    /// <summary>The clip is silent throughout: nothing is cut, no new clip.</summary>
    public sealed record AllSilent : ClipTrim;

    /// <summary>Decoded, the clip is larger than a clip may be (about 3.5 minutes at 24 kHz): no new clip.</summary>
    public sealed record TooLong(int MaxBytes) : ClipTrim;

    /// <summary>No such clip, or neither the server nor the browser could decode it.</summary>
    public sealed record CannotDecode : ClipTrim;
}

/// <summary>
/// Cuts the silence at a clip's ends (decision 8). Detection is always <see cref="SilenceTrim"/> on the server. A
/// stored 16-bit PCM WAV is decoded here; any other clip (Opus, MP3, AAC, other WAVs) is decoded by the instructor's
/// browser into a 16-bit mono WAV that the server reads like any WAV. The result is a new WAV clip, timed from its
/// header; the original is never changed or deleted.
/// </summary>
public static class ClipTrimmer
{
    /// <param name="library">Where the clip is stored, and the trimmed clip goes.</param>
    /// <param name="hash">The clip to trim.</param>
    /// <param name="decodeInBrowser">The clip decoded by the browser as a WAV; null or empty when it cannot decode it.</param>
    public static async Task<ClipTrim> TrimSilenceAsync(this ClipLibrary library, string hash, Func<Task<IJSStreamReference?>> decodeInBrowser, CancellationToken cancellationToken = default)
    {
        if (await library.DescribeAsync(hash, cancellationToken) is not { } clip)
        {
            return new ClipTrim.CannotDecode();
        }

        var audio = clip.Extension == AudioFormat.Wav.Extension && await library.BytesAsync(hash, cancellationToken) is { } bytes ? PcmWav.Read(bytes) : null;
        if (audio is null)
        {
            await using var decoded = await decodeInBrowser();
            if (decoded is null || decoded.Length == 0)
            {
                return new ClipTrim.CannotDecode();
            }

            if (decoded.Length > library.MaxBytes)
            {
                return new ClipTrim.TooLong(library.MaxBytes);
            }

            await using var stream = await decoded.OpenReadStreamAsync(library.MaxBytes, cancellationToken);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            audio = PcmWav.Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            if (audio is null)
            {
                return new ClipTrim.CannotDecode();
            }
        }

        var found = SilenceTrim.Find(audio.Mono(), audio.SampleRate);
        switch (found.Outcome)
        {
            case TrimOutcome.AllSilent:
                return new ClipTrim.AllSilent();
            case TrimOutcome.NothingToTrim:
                return new ClipTrim.NothingToTrim();
        }

        var trimmed = await library.StoreAsync(PcmWav.Write(audio.Slice(found.Start, found.End)), null, cancellationToken);
        if (trimmed is ClipUpload.Stored)
        {
            await library.KeepAsync(hash, cancellationToken); // the original, set aside: Undo may put it back
        }

        return trimmed switch
        {
            ClipUpload.Stored stored => new ClipTrim.Trimmed(stored.Hash, clip.DurationMilliseconds, stored.DurationMilliseconds),
            ClipUpload.TooLarge tooLarge => new ClipTrim.TooLong(tooLarge.MaxBytes),
            _ => new ClipTrim.CannotDecode(),
        };
    }
}
