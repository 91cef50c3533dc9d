namespace Course.Web.Studio;

/// <summary>Settings under "Packages": how large a course package this instance imports.</summary>
public sealed class PackageOptions
{
    public const string Section = "Packages";

    /// <summary>
    /// The default: 64 MB. A course recorded at the recorder's 32 kbit/s takes about 240 KB a minute, but trimmed clips
    /// are WAV (about 2.9 MB a minute), so a fully trimmed chapter of the seed's length (17 spoken minutes) is about 50 MB.
    /// </summary>
    public const int DefaultMaxBytes = 64 * 1024 * 1024;

    /// <summary>The most any setting may allow: an import holds the package and its unpacked clips in memory.</summary>
    public const int LimitMaxBytes = 512 * 1024 * 1024;

    /// <summary>The largest package file (ZIP or JSON) accepted, in bytes; a setting outside 1 MB … 512 MB is refused at startup.</summary>
    public int MaxBytes { get; set; } = DefaultMaxBytes;
}
