using System.Security.Cryptography;
using Course.Core.Narration;
using Course.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Course.Web.Narration;

/// <summary>How many unused clips pruning removed (or would remove), and their bytes (as counted before removing).</summary>
public sealed record PrunedClips(int Count, long Bytes);

/// <summary>What storing a clip came to.</summary>
public abstract record ClipUpload
{
    public sealed record Stored(string Hash, AudioFormat Format, int DurationMilliseconds, string Url) : ClipUpload;

    /// <summary>Over <see cref="NarrationOptions.MaxClipBytes"/>.</summary>
    public sealed record TooLarge(int MaxBytes) : ClipUpload;

    /// <summary>The content is none of the accepted audio formats, whatever its name says.</summary>
    public sealed record NotAudio : ClipUpload;

    /// <summary>Empty, or a length that cannot be timed (no browser measure for a compressed format, or out of bounds).</summary>
    public sealed record BadDuration : ClipUpload;
}

/// <summary>
/// Narration clips' bytes in the database, by their SHA-256: the same recording stored twice is one row.
/// Checks the size and the format by content; a WAV's duration is read from its header, other formats'
/// from what the instructor's browser measured, bounded to 1 ms … 10 min.
/// </summary>
public sealed class ClipLibrary(IDbContextFactory<CourseDbContext> contextFactory, IOptions<NarrationOptions> options, TimeProvider clock)
{
    public const int MinDurationMilliseconds = 1;
    public const int MaxDurationMilliseconds = 10 * 60 * 1000;

    public int MaxBytes => options.Value.MaxClipBytes;

    public static string UrlOf(string hash, string extension) => $"/api/narration/clips/{hash}.{extension}";

    /// <summary>Reads at most <see cref="MaxBytes"/> + 1 bytes of <paramref name="content"/> and stores them as a clip.</summary>
    public async Task<ClipUpload> StoreAsync(Stream content, int? measuredMilliseconds, CancellationToken cancellationToken = default)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                return new ClipUpload.TooLarge(MaxBytes);
            }
        }

        return await StoreAsync(buffer.ToArray(), measuredMilliseconds, cancellationToken);
    }

    /// <summary>
    /// What storing <paramref name="bytes"/> would refuse (size, format by content, duration), or null when
    /// they would be stored: every clip, uploaded or imported in a course package, passes this check.
    /// </summary>
    public ClipUpload? Refusal(byte[] bytes, int? measuredMilliseconds) => Check(bytes, measuredMilliseconds).Refusal;

    private (ClipUpload? Refusal, AudioFormat? Format, int Duration) Check(byte[] bytes, int? measuredMilliseconds)
    {
        if (bytes.Length > MaxBytes)
        {
            return (new ClipUpload.TooLarge(MaxBytes), null, 0);
        }

        if (AudioFormat.Sniff(bytes.AsSpan(0, Math.Min(bytes.Length, AudioFormat.SniffLength))) is not { } format)
        {
            return (new ClipUpload.NotAudio(), null, 0);
        }

        var duration = format == AudioFormat.Wav ? WavDuration.Milliseconds(bytes) : measuredMilliseconds;
        return duration is >= MinDurationMilliseconds and <= MaxDurationMilliseconds
            ? (null, format, duration.Value)
            : (new ClipUpload.BadDuration(), null, 0);
    }

    public async Task<ClipUpload> StoreAsync(byte[] bytes, int? measuredMilliseconds, CancellationToken cancellationToken = default)
    {
        var (refusal, checkedFormat, duration) = Check(bytes, measuredMilliseconds);
        if (refusal is not null)
        {
            return refusal;
        }

        var format = checkedFormat!;
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.NarrationClips.AsNoTracking().Where(c => c.Hash == hash)
            .Select(c => new { c.DurationMilliseconds }).SingleOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            // Stored again: about to be placed, so its grace period before pruning starts again.
            await KeepAsync(hash, cancellationToken);
            return new ClipUpload.Stored(hash, format, existing.DurationMilliseconds, UrlOf(hash, format.Extension));
        }

        db.NarrationClips.Add(new NarrationClip
        {
            Hash = hash,
            Extension = format.Extension,
            MediaType = format.MediaType,
            ByteLength = bytes.Length,
            DurationMilliseconds = duration,
            Bytes = bytes,
            CreatedAt = clock.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same bytes stored by another upload between our check and our insert: one row, as wanted.
            if (!await ExistsAsync(hash, cancellationToken))
            {
                throw;
            }
        }

        return new ClipUpload.Stored(hash, format, duration, UrlOf(hash, format.Extension));
    }

    /// <summary>A stored clip's format extension and duration, or null when there is no such clip.</summary>
    public async Task<(string Extension, int DurationMilliseconds)?> DescribeAsync(string hash, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var clip = await db.NarrationClips.AsNoTracking().Where(c => c.Hash == hash)
            .Select(c => new { c.Extension, c.DurationMilliseconds }).SingleOrDefaultAsync(cancellationToken);
        return clip is null ? null : (clip.Extension, clip.DurationMilliseconds);
    }

    /// <summary>A stored clip's bytes, or null.</summary>
    public async Task<byte[]?> BytesAsync(string hash, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.NarrationClips.Where(c => c.Hash == hash).Select(c => c.Bytes).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// A clip set aside that may be placed again (a trimmed clip's original, which Undo puts back): its grace period
    /// before <see cref="PruneAsync"/> may remove it starts again now.
    /// </summary>
    public async Task KeepAsync(string hash, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.NarrationClips.Where(c => c.Hash == hash).ExecuteUpdateAsync(s => s.SetProperty(c => c.CreatedAt, now), cancellationToken);
    }

    /// <summary>
    /// Removes the clips placed on no line of any chapter's draft or version and stored (or last kept, see
    /// <see cref="KeepAsync"/>) more than <paramref name="unusedFor"/> ago — re-recorded lines, deleted lines, trimmed
    /// originals, an import that failed — or, with <paramref name="dryRun"/>, only counts them. One statement decides
    /// and deletes, so a clip placed meanwhile is kept (the placement's foreign key refuses the other order).
    /// </summary>
    public async Task<PrunedClips> PruneAsync(TimeSpan unusedFor, bool dryRun, CancellationToken cancellationToken = default)
    {
        var storedBefore = clock.GetUtcNow() - unusedFor;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var unused = db.NarrationClips.Where(c => c.CreatedAt < storedBefore && !db.ClipPlacements.Any(p => p.ClipHash == c.Hash));
        var count = await unused.CountAsync(cancellationToken);
        var found = new PrunedClips(count, count == 0 ? 0 : await unused.SumAsync(c => (long)c.ByteLength, cancellationToken));
        if (dryRun || count == 0)
        {
            return found;
        }

        var removed = await unused.ExecuteDeleteAsync(cancellationToken);
        return removed == found.Count ? found : found with { Count = removed };
    }

    private async Task<bool> ExistsAsync(string hash, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.NarrationClips.AnyAsync(c => c.Hash == hash, cancellationToken);
    }
}
