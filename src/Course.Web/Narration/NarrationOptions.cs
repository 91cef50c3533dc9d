namespace Course.Web.Narration;

/// <summary>Settings under "Narration".</summary>
public sealed class NarrationOptions
{
    public const string Section = "Narration";

    /// <summary>The largest clip the default setting accepts: 10 MB, about ten minutes of Opus speech.</summary>
    public const int DefaultMaxClipBytes = 10 * 1024 * 1024;

    /// <summary>The most any setting may allow: clips are held in memory and in one database row.</summary>
    public const int LimitMaxClipBytes = 50 * 1024 * 1024;

    /// <summary>The largest clip accepted, in bytes; a setting outside 1 KB … 50 MB is refused at startup.</summary>
    public int MaxClipBytes { get; set; } = DefaultMaxClipBytes;
}
