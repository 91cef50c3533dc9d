using System.Buffers.Binary;

namespace Course.Core.Narration;

/// <summary>
/// Walks the chunks of a RIFF/WAVE file in order — each one's id, declared size and where its body starts — for the
/// readers that time (<see cref="WavDuration"/>) and decode (<see cref="PcmWav"/>) WAV files. A declared size is
/// whatever the file says: the walk stops at the end of the bytes, never past it, however large the size.
/// </summary>
public ref struct WaveChunks(ReadOnlySpan<byte> file)
{
    private readonly ReadOnlySpan<byte> file = file;
    private long next = 12;

    /// <summary>Whether the file starts as a RIFF file of WAVE form.</summary>
    public static bool IsWave(ReadOnlySpan<byte> file) =>
        file.Length >= 12 && file.StartsWith("RIFF"u8) && file[8..12].SequenceEqual("WAVE"u8);

    public ReadOnlySpan<byte> Id { get; private set; }

    /// <summary>The size the chunk's header declares (it may exceed the bytes there are).</summary>
    public uint Size { get; private set; }

    /// <summary>Where the chunk's body starts in the file.</summary>
    public int Body { get; private set; }

    public bool MoveNext()
    {
        if (next + 8 > file.Length)
        {
            return false;
        }

        var at = (int)next;
        Id = file.Slice(at, 4);
        Size = BinaryPrimitives.ReadUInt32LittleEndian(file.Slice(at + 4, 4));
        Body = at + 8;
        next = Body + (long)Size + (Size & 1); // chunks are padded to even sizes
        return true;
    }
}
