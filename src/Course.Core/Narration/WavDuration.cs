using System.Buffers.Binary;

namespace Course.Core.Narration;

/// <summary>A WAV file's length, read from its header: the data chunk's size over the format's bytes per second.</summary>
public static class WavDuration
{
    /// <summary>The duration in milliseconds, or null when the RIFF chunks do not describe PCM-like audio the server can time.</summary>
    public static int? Milliseconds(ReadOnlySpan<byte> wav)
    {
        if (!WaveChunks.IsWave(wav))
        {
            return null;
        }

        uint byteRate = 0;
        var chunks = new WaveChunks(wav);
        while (chunks.MoveNext())
        {
            var (size, body) = (chunks.Size, chunks.Body);
            if (chunks.Id.SequenceEqual("fmt "u8) && size >= 16 && body + 16 <= wav.Length)
            {
                byteRate = BinaryPrimitives.ReadUInt32LittleEndian(wav.Slice(body + 8, 4));
            }
            else if (chunks.Id.SequenceEqual("data"u8))
            {
                if (byteRate == 0)
                {
                    return null;
                }

                // A recorder that streamed the file may leave the size unset (0 or 0xFFFFFFFF): the rest of the file is data.
                var available = (long)wav.Length - body;
                var length = size == 0 || size == uint.MaxValue ? available : Math.Min(size, available);
                return (int)Math.Min(int.MaxValue, length * 1000 / byteRate);
            }
        }

        return null;
    }
}
