namespace Course.Core.Playback;

/// <summary>
/// How the server bounds a recorded clip's reading phase. The browser reports when the clip really ended (its
/// 'ended' event), and that ends the phase; but the report is the browser's word, so it is held to the clip's
/// stored duration: a report earlier than <see cref="Earliest"/> of the played time ends the phase only when that
/// much has been played (a client cannot reveal lines or reach a checkpoint faster than the recording lasts),
/// and a report that never comes (a stalled download, a closed tab) ends it at <see cref="Latest"/>.
/// Both are at normal speed; the player scales them like every other duration.
/// </summary>
public static class ClipTiming
{
    /// <summary>The longest clip the player believes: a stored duration beyond it is capped (input is bounded).</summary>
    public const int MaximumMilliseconds = 10 * 60 * 1000;

    /// <summary>The earliest a clip's reading may end: 90% of its stored duration (encoders and decoders round a little).</summary>
    public static int Earliest(int clipMilliseconds) => (int)(Bound(clipMilliseconds) * 9L / 10);

    /// <summary>When the reading ends if the browser never reports: the duration and half again, and 5 s for loading.</summary>
    public static int Latest(int clipMilliseconds) => Bound(clipMilliseconds) + Bound(clipMilliseconds) / 2 + 5000;

    /// <summary>A stored duration the player can use, or null for none (a clip of no length is not played).</summary>
    public static int? Usable(int? clipMilliseconds) =>
        clipMilliseconds is int d && d > 0 ? Math.Min(d, MaximumMilliseconds) : null;

    private static int Bound(int milliseconds) => Math.Clamp(milliseconds, 0, MaximumMilliseconds);
}
