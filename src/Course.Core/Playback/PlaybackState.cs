namespace Course.Core.Playback;

public enum PlaybackPhase
{
    /// <summary>The newest segment is being read (by the learner, on a timer, or by the narrator).</summary>
    Reading,

    /// <summary>The newest segment has been read; its pause is running.</summary>
    Pausing,

    /// <summary>The slide is over and a checkpoint quiz is offered; playing on skips it.</summary>
    Checkpoint,

    /// <summary>The last slide's last pause is over.</summary>
    Finished,
}

/// <summary>An immutable picture of the player, for rendering.</summary>
public sealed record PlaybackState(
    int SlideIndex,
    int Revealed,
    PlaybackPhase Phase,
    bool IsPlaying,
    double Speed,
    bool Narration,
    long Step)
{
    /// <summary>The index of the newest revealed segment on the slide.</summary>
    public int CurrentSegment => Revealed - 1;

    /// <summary>True while the narrator should be speaking the newest segment.</summary>
    public bool AwaitsSpeech => IsPlaying && Narration && Phase == PlaybackPhase.Reading;
}
