using System.IO.Compression;
using System.Text;
using Course.Web.Quizzes;

namespace Course.Web.Studio;

/// <summary>
/// A course package with recorded clips is a ZIP archive: <c>course.json</c> (the package, format version 2)
/// and a <c>clips/</c> folder with one file per clip, <c>&lt;sha256&gt;.&lt;ext&gt;</c>. Written the same way
/// every time (entries sorted, one fixed date); read within bounds: the archive no larger than the instance's
/// package limit (<see cref="PackageOptions.MaxBytes"/>), at most <see cref="PackageClips.MaxClips"/> clips, and at
/// most <see cref="UnpackedBound"/> unpacked.
/// </summary>
public static class PackageArchive
{
    public const string ManifestName = "course.json";

    /// <summary>
    /// The most bytes an archive's entries may unpack to together: twice the package limit. Export stores clips
    /// uncompressed, so its archives unpack to about their own size; a WAV deflated by another tool grows back a little.
    /// </summary>
    public static long UnpackedBound(long maxBytes) => 2 * maxBytes;

    private static readonly DateTimeOffset FixedDate = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static bool IsArchive(ReadOnlySpan<byte> bytes) => bytes.StartsWith("PK\u0003\u0004"u8);

    public static byte[] Write(string json, IReadOnlyDictionary<string, byte[]> files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, ManifestName, Encoding.UTF8.GetBytes(json), CompressionLevel.Optimal);
            foreach (var (name, bytes) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                // Recorded audio is compressed already; storing it keeps export fast and its bytes as they were.
                Add(zip, name, bytes, CompressionLevel.NoCompression);
            }
        }

        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] bytes, CompressionLevel level)
    {
        var entry = zip.CreateEntry(name, level);
        entry.LastWriteTime = FixedDate;
        using var stream = entry.Open();
        stream.Write(bytes);
    }

    /// <summary>The package's JSON and its clip files by name (<c>clips/…</c>).</summary>
    /// <exception cref="CoursePackageException">The archive is damaged, over a bound, or holds something else.</exception>
    public static (string Json, Dictionary<string, byte[]> Files) Read(byte[] archive, long maxBytes)
    {
        if (archive.Length > maxBytes)
        {
            throw new CoursePackageException([$"the package is larger than {maxBytes} bytes"]);
        }

        var maxUnpacked = UnpackedBound(maxBytes);

        try
        {
            using var zip = new ZipArchive(new MemoryStream(archive, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > PackageClips.MaxClips + 1)
            {
                throw new CoursePackageException([$"the archive holds {zip.Entries.Count} files; a package carries {ManifestName} and at most {PackageClips.MaxClips} clips"]);
            }

            string? json = null;
            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            var problems = new List<string>();
            long unpacked = 0;
            foreach (var entry in zip.Entries.Where(e => !e.FullName.EndsWith('/')))
            {
                var name = entry.FullName;
                if (name != ManifestName && !(name.StartsWith("clips/", StringComparison.Ordinal) && name.IndexOf('/', 6) < 0))
                {
                    problems.Add($"{QuizBankCheck.Shown(name)}: not part of a course package (it holds {ManifestName} and clips/<sha256>.<ext>)");
                    continue;
                }

                if (name == ManifestName ? json is not null : files.ContainsKey(name))
                {
                    problems.Add($"{QuizBankCheck.Shown(name)}: in the archive twice");
                    continue;
                }

                var bytes = ReadBounded(entry, maxUnpacked - unpacked);
                if (bytes is null)
                {
                    throw new CoursePackageException([$"{QuizBankCheck.Shown(name)}: the archive unpacks to more than {maxUnpacked} bytes"]);
                }

                unpacked += bytes.Length;
                if (name == ManifestName)
                {
                    json = new StreamReader(new MemoryStream(bytes), Encoding.UTF8).ReadToEnd();
                }
                else
                {
                    files[name] = bytes;
                }
            }

            if (json is null)
            {
                problems.Insert(0, $"not a course package: the archive has no {ManifestName}");
            }

            return problems.Count > 0 ? throw new CoursePackageException(problems) : (json!, files);
        }
        catch (InvalidDataException e)
        {
            throw new CoursePackageException([$"not a course package: the ZIP archive is damaged ({QuizBankCheck.Shown(e.Message)})"]);
        }
        catch (NotSupportedException e)
        {
            // An entry compressed or encrypted in a way .NET does not read (export writes Deflate or stored entries only).
            throw new CoursePackageException([$"not a course package this instance can read: {QuizBankCheck.Shown(e.Message)}"]);
        }
    }

    /// <summary>The entry's bytes, or null past <paramref name="budget"/> (its stated length is not trusted).</summary>
    private static byte[]? ReadBounded(ZipArchiveEntry entry, long budget)
    {
        if (entry.Length > budget)
        {
            return null;
        }

        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > budget)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }
}
