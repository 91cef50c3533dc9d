using System.IO.Compression;
using Course.Fuzzing;
using Course.Web.Studio;

namespace Course.Web.Tests.Studio;

/// <summary>The package archive's bounds: every count and size read from it is bounded, a damaged or foreign archive is refused with what is wrong.</summary>
public sealed class PackageArchiveTests
{
    private static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                stream.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    private static List<string> Problems(byte[] archive, long maxBytes = PackageOptions.DefaultMaxBytes) =>
        [.. Assert.Throws<CoursePackageException>(() => CoursePackages.Read(archive, maxBytes)).Problems];

    [Fact]
    public void More_clips_than_the_bound_are_refused_before_any_is_read()
    {
        var archive = Zip([("course.json", "{}"u8.ToArray()), .. Enumerable.Range(0, PackageClips.MaxClips + 1).Select(i => ($"clips/{i}.wav", Array.Empty<byte>()))]);

        Assert.Equal([$"the archive holds {PackageClips.MaxClips + 2} files; a package carries course.json and at most {PackageClips.MaxClips} clips"], Problems(archive));
    }

    [Fact]
    public void An_archive_that_unpacks_past_the_bound_is_refused_naming_the_file()
    {
        const int limit = 1024 * 1024;
        var archive = Zip(("course.json", "{}"u8.ToArray()), ("clips/zeros.wav", new byte[PackageArchive.UnpackedBound(limit)]));

        Assert.True(archive.Length < limit);
        Assert.Equal([$"clips/zeros.wav: the archive unpacks to more than {2 * limit} bytes"], Problems(archive, limit));
    }

    [Fact]
    public void An_archive_over_the_package_limit_is_refused_with_the_limit()
    {
        var archive = Zip(("course.json", System.Text.Encoding.UTF8.GetBytes(ImporterFuzz.SeedPackage())), ("clips/a.wav", new byte[16]));

        Assert.Equal([$"the package is larger than {archive.Length - 1} bytes"], Problems(archive, archive.Length - 1));
    }

    [Fact]
    public void A_damaged_archive_or_one_holding_other_files_is_refused_with_what_is_wrong()
    {
        var good = Zip(("course.json", System.Text.Encoding.UTF8.GetBytes(ImporterFuzz.SeedPackage())));

        Assert.Contains("not a course package: the ZIP archive is damaged", Problems(good[..(good.Length / 2)]).Single(), StringComparison.Ordinal);
        Assert.Equal(["not a course package: the archive has no course.json", "notes.txt: not part of a course package (it holds course.json and clips/<sha256>.<ext>)"],
            Problems(Zip(("notes.txt", "hola"u8.ToArray()))));
        Assert.Equal(["clips/1234.wav: a file the package's \"clips\" do not list"],
            Problems(Zip(("course.json", System.Text.Encoding.UTF8.GetBytes(ImporterFuzz.SeedPackage())), ("clips/1234.wav", "x"u8.ToArray()))));
    }
}
