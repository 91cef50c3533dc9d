using System.Text;
using Course.Core.Narration;

namespace Course.Core.Tests.Narration;

public class AudioFormatTests
{
    public static TheoryData<string, byte[], string?> Heads => new()
    {
        { "WAV from a recorder", [.. "RIFF"u8, 0x24, 0x08, 0, 0, .. "WAVEfmt "u8], "audio/wav" },
        { "Ogg Opus", [.. "OggS"u8, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, .. "OpusHead"u8], "audio/ogg" },
        { "MediaRecorder WebM", [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, .. "webm"u8], "audio/webm" },
        { "Matroska video is not WebM audio", [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x82, 0x88, .. "matroska"u8], null },
        { "M4A", [0, 0, 0, 0x20, .. "ftypM4A "u8, 0, 0, 0, 0], "audio/mp4" },
        { "MP4 video brand", [0, 0, 0, 0x20, .. "ftypqt  "u8, 0, 0, 0, 0], null },
        { "MP3 with ID3 tag", [.. "ID3"u8, 4, 0, 0, 0, 0, 0, 0], "audio/mpeg" },
        { "MP3 frame, 128 kbit/s 44.1 kHz", [0xFF, 0xFB, 0x90, 0x64], "audio/mpeg" },
        { "MP3 frame with a bad bitrate", [0xFF, 0xFB, 0xF0, 0x64], null },
        { "text renamed .mp3", Encoding.UTF8.GetBytes("Hola, esto no es audio.\n"), null },
        { "HTML", Encoding.UTF8.GetBytes("<!doctype html><script>alert(1)</script>"), null },
        { "empty", [], null },
        { "RIFF but AVI", [.. "RIFF"u8, 0, 0, 0, 0, .. "AVI "u8], null },
    };

    [Theory]
    [MemberData(nameof(Heads))]
    public void A_file_is_known_by_its_first_bytes(string what, byte[] head, string? mediaType)
    {
        Assert.True(head.Length <= AudioFormat.SniffLength, what);
        Assert.Equal(mediaType, AudioFormat.Sniff(head)?.MediaType);
    }
}
