using System.Buffers.Binary;
using Course.Core.Authoring;
using Course.Core.Narration;

namespace Course.Core.Tests.Narration;

/// <summary>How clips count a slide's lines, and a WAV's length read from its header.</summary>
public class ScriptLinesTests
{
    [Fact]
    public void A_break_inside_a_line_keeps_it_one_line_and_a_pause_alone_still_counts_as_a_line()
    {
        var slides = ScriptLines.Of([
            new KeyedSlide("k1", "Hola, <break time=\"300ms\"/> mundo. <break time=\"1s\"/>\n<break time=\"2s\"/>\nAdiós.\n"),
            new KeyedSlide("k2", "Dos.\n"),
        ]);

        Assert.Equal(["Hola, mundo.", "", "Adiós."], slides[0].Lines);
        Assert.Equal(("k2", "Dos."), (slides[1].SlideKey, slides[1].Lines.Single()));
    }

    [Theory]
    [InlineData(8000, 1, 16, 16000, 1000)] // 8 kHz mono 16-bit: 16 000 bytes a second
    [InlineData(44100, 2, 16, 44100 * 4 / 2, 500)]
    public void A_wav_is_timed_from_its_format_and_data_chunks(int rate, int channels, int bits, int dataBytes, int expected)
    {
        var wav = Wav(rate, channels, bits, dataBytes, extraChunk: true);

        Assert.Equal(expected, WavDuration.Milliseconds(wav));
    }

    [Fact]
    public void Bytes_that_are_not_a_wav_or_lack_a_format_have_no_duration()
    {
        Assert.Null(WavDuration.Milliseconds("RIFF\0\0\0\0WAVEdata\0\0\0\0"u8));
        Assert.Null(WavDuration.Milliseconds("not audio at all, just text"u8));
    }

    private static byte[] Wav(int rate, int channels, int bits, int dataBytes, bool extraChunk)
    {
        var list = new List<byte>();
        list.AddRange("RIFF\0\0\0\0WAVE"u8.ToArray());
        if (extraChunk)
        {
            list.AddRange("LIST"u8.ToArray());
            list.AddRange(BitConverter.GetBytes(3));
            list.AddRange(new byte[4]); // 3 bytes and the pad byte
        }

        var fmt = new byte[24];
        "fmt "u8.CopyTo(fmt);
        BinaryPrimitives.WriteInt32LittleEndian(fmt.AsSpan(4), 16);
        BinaryPrimitives.WriteInt16LittleEndian(fmt.AsSpan(8), 1);
        BinaryPrimitives.WriteInt16LittleEndian(fmt.AsSpan(10), (short)channels);
        BinaryPrimitives.WriteInt32LittleEndian(fmt.AsSpan(12), rate);
        BinaryPrimitives.WriteInt32LittleEndian(fmt.AsSpan(16), rate * channels * bits / 8);
        BinaryPrimitives.WriteInt16LittleEndian(fmt.AsSpan(20), (short)(channels * bits / 8));
        BinaryPrimitives.WriteInt16LittleEndian(fmt.AsSpan(22), (short)bits);
        list.AddRange(fmt);
        list.AddRange("data"u8.ToArray());
        list.AddRange(BitConverter.GetBytes(dataBytes));
        list.AddRange(new byte[dataBytes]);
        return [.. list];
    }
}
