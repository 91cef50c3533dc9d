using System.Text;

namespace Course.Core.Narration;

/// <summary>An audio container the platform accepts for a narration clip, with the media type it is served as.</summary>
public sealed record AudioFormat(string Name, string MediaType, string Extension)
{
    public static readonly AudioFormat WebM = new("WebM", "audio/webm", "webm");
    public static readonly AudioFormat Ogg = new("Ogg", "audio/ogg", "ogg");
    public static readonly AudioFormat Mp3 = new("MP3", "audio/mpeg", "mp3");
    public static readonly AudioFormat Mp4 = new("M4A/AAC", "audio/mp4", "m4a");
    public static readonly AudioFormat Wav = new("WAV", "audio/wav", "wav");

    public static IReadOnlyList<AudioFormat> All { get; } = [WebM, Ogg, Mp3, Mp4, Wav];

    /// <summary>How many leading bytes <see cref="Sniff"/> needs at most.</summary>
    public const int SniffLength = 64;

    /// <summary>
    /// The format a file's first bytes show, or null: the content decides, never the file's name or the
    /// type the browser claims, so a text file renamed <c>.mp3</c> is refused.
    /// </summary>
    public static AudioFormat? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("RIFF"u8) && head.Length >= 12 && head[8..12].SequenceEqual("WAVE"u8))
        {
            return Wav;
        }

        if (head.StartsWith("OggS"u8))
        {
            return Ogg;
        }

        // EBML header; the doctype element (42 82) says webm rather than Matroska video.
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]) && head.IndexOf("webm"u8) > 0)
        {
            return WebM;
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8) && IsAudioBrand(head[8..12]))
        {
            return Mp4;
        }

        if (head.StartsWith("ID3"u8) || IsMpegAudioFrame(head))
        {
            return Mp3;
        }

        return null;
    }

    private static bool IsAudioBrand(ReadOnlySpan<byte> brand) =>
        Encoding.ASCII.GetString(brand) is "M4A " or "M4B " or "mp42" or "mp41" or "isom" or "iso2" or "dash";

    // An MPEG-1/2 layer III frame header: 11 sync bits, a version that exists, layer III, a bitrate index
    // that is neither free nor bad, a sample rate that exists.
    private static bool IsMpegAudioFrame(ReadOnlySpan<byte> head) =>
        head.Length >= 4
        && head[0] == 0xFF
        && (head[1] & 0xE0) == 0xE0
        && (head[1] & 0x18) != 0x08
        && (head[1] & 0x06) == 0x02
        && (head[2] & 0xF0) is not (0x00 or 0xF0)
        && (head[2] & 0x0C) != 0x0C;
}
