using System.Buffers.Binary;

namespace Course.Web.Tests.Narration;

/// <summary>Real WAV files the tests generate: 16-bit mono PCM at 8 kHz, a tone whose pitch makes each file's bytes differ.</summary>
public static class TestAudio
{
    public static byte[] Wav(int milliseconds, double hertz = 440, int sampleRate = 8000)
    {
        var samples = (int)((long)sampleRate * milliseconds / 1000);
        var wav = new byte[44 + samples * 2];
        "RIFF"u8.CopyTo(wav);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), wav.Length - 8);
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), 1); // mono
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), 16);
        "data"u8.CopyTo(wav.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), samples * 2);
        for (var i = 0; i < samples; i++)
        {
            var value = (short)(8000 * Math.Sin(2 * Math.PI * hertz * i / sampleRate));
            BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(44 + i * 2), value);
        }

        return wav;
    }

    /// <summary>Digital silence, a 440 Hz tone at about -12 dBFS, silence: a recording with room to trim at both ends.</summary>
    public static byte[] SilenceToneSilence(int leadMilliseconds, int toneMilliseconds, int trailMilliseconds, int sampleRate = 8000)
    {
        var wav = Wav(leadMilliseconds + toneMilliseconds + trailMilliseconds, 440, sampleRate);
        var (toneStart, toneEnd) = (sampleRate * leadMilliseconds / 1000, sampleRate * (leadMilliseconds + toneMilliseconds) / 1000);
        for (var i = 0; 44 + i * 2 < wav.Length; i++)
        {
            if (i < toneStart || i >= toneEnd)
            {
                BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(44 + i * 2), 0);
            }
        }

        return wav;
    }
}
