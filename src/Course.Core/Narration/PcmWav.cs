using System.Buffers.Binary;

namespace Course.Core.Narration;

/// <summary>16-bit PCM audio (interleaved when several channels), as a WAV file carries it.</summary>
public sealed record PcmAudio(int SampleRate, int Channels, short[] Samples)
{
    public int Frames => Samples.Length / Channels;

    public int Milliseconds => SilenceTrim.Milliseconds(Frames, SampleRate);

    /// <summary>One float per frame, the channels averaged, -1 … 1: what <see cref="SilenceTrim.Find"/> reads.</summary>
    public float[] Mono()
    {
        var mono = new float[Frames];
        for (var f = 0; f < mono.Length; f++)
        {
            var sum = 0;
            for (var c = 0; c < Channels; c++)
            {
                sum += Samples[f * Channels + c];
            }

            mono[f] = sum / (Channels * 32768f);
        }

        return mono;
    }

    /// <summary>Frames [start, end).</summary>
    public PcmAudio Slice(int start, int end) => this with { Samples = Samples[(start * Channels)..(end * Channels)] };
}

/// <summary>Reads and writes the WAV files the server can trim: 16-bit integer PCM, 1 or 2 channels, 8 … 96 kHz.</summary>
public static class PcmWav
{
    public const int MinSampleRate = 8000;
    public const int MaxSampleRate = 96_000;

    /// <summary>The audio, or null when the file is not a WAV of 16-bit PCM with sane, bounded fields.</summary>
    public static PcmAudio? Read(ReadOnlySpan<byte> wav)
    {
        if (!WaveChunks.IsWave(wav))
        {
            return null;
        }

        int? rate = null, channels = null;
        var chunks = new WaveChunks(wav);
        while (chunks.MoveNext())
        {
            var id = chunks.Id;
            var size = chunks.Size;
            var body = chunks.Body;
            if (id.SequenceEqual("fmt "u8) && size >= 16 && body + 16 <= wav.Length)
            {
                var format = BinaryPrimitives.ReadUInt16LittleEndian(wav.Slice(body, 2));
                var bits = BinaryPrimitives.ReadUInt16LittleEndian(wav.Slice(body + 14, 2));
                var extensiblePcm = format == 0xFFFE && size >= 40 && body + 26 <= wav.Length
                    && BinaryPrimitives.ReadUInt16LittleEndian(wav.Slice(body + 24, 2)) == 1;
                if ((format != 1 && !extensiblePcm) || bits != 16)
                {
                    return null;
                }

                channels = BinaryPrimitives.ReadUInt16LittleEndian(wav.Slice(body + 2, 2));
                rate = (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32LittleEndian(wav.Slice(body + 4, 4)));
                if (channels is not (1 or 2) || rate is < MinSampleRate or > MaxSampleRate)
                {
                    return null;
                }
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (rate is not { } sampleRate || channels is not { } count)
                {
                    return null;
                }

                var available = (long)wav.Length - body;
                var length = size == 0 || size == uint.MaxValue ? available : Math.Min(size, available);
                var frames = (int)(length / (2 * count));
                var samples = new short[frames * count];
                for (var i = 0; i < samples.Length; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(wav.Slice(body + i * 2, 2));
                }

                return new PcmAudio(sampleRate, count, samples);
            }
        }

        return null;
    }

    /// <summary>A canonical 44-byte-header WAV of the audio.</summary>
    public static byte[] Write(PcmAudio audio)
    {
        var data = audio.Samples.Length * 2;
        var wav = new byte[44 + data];
        "RIFF"u8.CopyTo(wav);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), wav.Length - 8);
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), (short)audio.Channels);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), audio.SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), audio.SampleRate * audio.Channels * 2);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(32), (short)(audio.Channels * 2));
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), 16);
        "data"u8.CopyTo(wav.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), data);
        for (var i = 0; i < audio.Samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(44 + i * 2), audio.Samples[i]);
        }

        return wav;
    }
}
