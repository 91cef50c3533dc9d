namespace Course.Core.Playback;

/// <summary>What the browser's voice is told as the player's state changes.</summary>
public enum VoiceCue
{
    /// <summary>Nothing changes for the voice.</summary>
    None,

    /// <summary>Play the newest line's recorded clip (the same step again resumes it where it was paused).</summary>
    PlayClip,

    /// <summary>Speak the newest line with the browser's speech synthesis.</summary>
    Speak,

    /// <summary>Paused in the middle of a line: hold the clip where it is (speech, which cannot resume well, stops).</summary>
    Pause,

    /// <summary>Stop whatever speaks: the learner moved on, or a held clip will not resume.</summary>
    Stop,
}

/// <summary>
/// The voice's side of the player: each step's line is voiced once (its clip, else speech when the browser can speak,
/// else nothing: a line inside a clip was spoken in it), a clip paused mid-line is held so Play resumes it, and
/// anything else that stops the reading stops the voice. Keeps which step it voiced; one per player.
/// </summary>
public sealed class VoiceCues
{
    private long spokenStep = -1;
    private long heldStep = -1; // the step whose clip is paused in the browser, waiting to resume

    /// <param name="current">The player's new state.</param>
    /// <param name="inClip">The newest segment is spoken inside its line's clip (a break within a recorded line).</param>
    /// <param name="hasClip">The newest segment's line has a recorded clip.</param>
    /// <param name="canSpeak">The browser can speak the chapter's language.</param>
    public VoiceCue Next(PlaybackState current, bool inClip, bool hasClip, bool canSpeak)
    {
        if (current.AwaitsSpeech)
        {
            if (current.Step == spokenStep)
            {
                return VoiceCue.None;
            }

            spokenStep = current.Step;
            heldStep = -1;
            return inClip ? VoiceCue.None : hasClip ? VoiceCue.PlayClip : canSpeak ? VoiceCue.Speak : VoiceCue.None;
        }

        if (spokenStep != -1)
        {
            var paused = !current.IsPlaying && current.Step == spokenStep && current.Phase == PlaybackPhase.Reading;
            heldStep = paused ? spokenStep : -1;
            spokenStep = -1;
            return paused ? VoiceCue.Pause : VoiceCue.Stop;
        }

        if (heldStep != -1 && current.Step != heldStep)
        {
            heldStep = -1; // moved on while paused: the held clip will not resume
            return VoiceCue.Stop;
        }

        return VoiceCue.None;
    }
}
