using System.Buffers.Binary;
using Course.Core.Narration;

namespace Course.Core.Tests.Narration;

public class PcmWavTests
{
    [Fact]
    public void A_written_wav_reads_back_the_same_and_its_header_times_it()
    {
        var audio = new PcmAudio(24_000, 2, [.. Enumerable.Range(0, 48_000).Select(i => (short)(i % 2000 - 1000))]);

        var wav = PcmWav.Write(audio);
        var read = PcmWav.Read(wav)!;

        Assert.Equal(audio.SampleRate, read.SampleRate);
        Assert.Equal(2, read.Channels);
        Assert.Equal(audio.Samples, read.Samples);
        Assert.Equal(1000, WavDuration.Milliseconds(wav));
        Assert.Equal(1000, read.Milliseconds);
        Assert.Same(AudioFormat.Wav, AudioFormat.Sniff(wav.AsSpan(0, AudioFormat.SniffLength)));
    }

    [Fact]
    public void Stereo_is_averaged_to_mono_and_a_slice_keeps_whole_frames()
    {
        var audio = new PcmAudio(8000, 2, [16384, 0, -32768, -32768, 100, 300]);

        Assert.Equal([0.25f, -1f, 200 / 32768f], audio.Mono());
        Assert.Equal([-32768, -32768, 100, 300], audio.Slice(1, 3).Samples);
    }

    public static TheoryData<string, int, int, int, int> Unreadable => new()
    {
        { "24-bit", 1, 48_000, 24, 1 },
        { "32-bit float", 3, 48_000, 32, 1 },
        { "six channels", 1, 48_000, 16, 6 },
        { "a sample rate of 1 Hz", 1, 1, 16, 1 },
        { "a sample rate of 4 GHz", 1, -1, 16, 1 },
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public void A_wav_the_server_cannot_trim_is_not_read(string what, int format, int rate, int bits, int channels)
    {
        var wav = PcmWav.Write(new PcmAudio(8000, 1, new short[800]));
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), (short)format);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), (short)channels);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), rate);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), (short)bits);

        Assert.True(PcmWav.Read(wav) is null, what);
    }

    [Fact]
    public void A_data_chunk_longer_than_the_file_reads_what_is_there_and_text_is_not_a_wav()
    {
        var wav = PcmWav.Write(new PcmAudio(8000, 1, new short[800]));

        Assert.Equal(400, PcmWav.Read(wav.AsSpan(0, 44 + 800))!.Samples.Length);
        Assert.Null(PcmWav.Read("RIFF, but a text file"u8));
    }

    [Theory]
    [InlineData(0x7FFF_FFF0u)]
    [InlineData(0xFFFF_FFF0u)]
    [InlineData(0xFFFF_FFFFu)]
    public void A_chunk_that_claims_more_bytes_than_the_file_has_ends_the_walk_instead_of_failing(uint claimed)
    {
        // "RIFF", "WAVE", then a chunk whose declared size points far past the end of the file (a crafted upload).
        var wav = new byte[12 + 8 + 4];
        "RIFF"u8.CopyTo(wav);
        "WAVE"u8.CopyTo(wav.AsSpan(8));
        "junk"u8.CopyTo(wav.AsSpan(12));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(16), claimed);

        Assert.Null(PcmWav.Read(wav));
        Assert.Null(WavDuration.Milliseconds(wav));
    }
}
