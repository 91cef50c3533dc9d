namespace Course.Core.Narration;

/// <summary>What a key does in the studio's Record mode.</summary>
public enum RecordModeAction
{
    None,
    RecordOrStop,
    Play,
    Next,
    Previous,
    NextUnrecorded,
    Leave,
}

/// <summary>Where the keyboard focus was when a key was pressed.</summary>
public enum KeyTarget
{
    /// <summary>The Record mode view itself (or its text).</summary>
    View,

    /// <summary>A button, checkbox or file input: Enter and Space keep their own meaning there.</summary>
    Control,

    /// <summary>A field that takes typing: no shortcut but Esc.</summary>
    TextField,
}

/// <summary>
/// Record mode's keys: R or Enter records and stops, Space or P plays the line's clip, → or N goes to the next
/// line, ← or B to the previous one, Shift+→ to the next line without a clip, Esc leaves. A key pressed with
/// Ctrl, Alt or Meta is the browser's; on a button Enter and Space press the button.
/// </summary>
public static class RecordModeKeys
{
    /// <summary>The keys in the order the view lists them, each with the action it does.</summary>
    public static IReadOnlyList<(string[] Keys, RecordModeAction Action)> Listed { get; } =
    [
        (["R", "Enter"], RecordModeAction.RecordOrStop),
        (["Space", "P"], RecordModeAction.Play),
        (["→", "N"], RecordModeAction.Next),
        (["←", "B"], RecordModeAction.Previous),
        (["Shift+→"], RecordModeAction.NextUnrecorded),
        (["Esc"], RecordModeAction.Leave),
    ];

    /// <param name="key">The browser's <c>KeyboardEvent.key</c>.</param>
    public static RecordModeAction For(string key, bool shift, bool otherModifier, KeyTarget target)
    {
        if (otherModifier)
        {
            return RecordModeAction.None;
        }

        if (key == "Escape")
        {
            return RecordModeAction.Leave;
        }

        if (target == KeyTarget.TextField || (target == KeyTarget.Control && key is "Enter" or " "))
        {
            return RecordModeAction.None;
        }

        return key switch
        {
            "r" or "R" or "Enter" => RecordModeAction.RecordOrStop,
            " " or "p" or "P" => RecordModeAction.Play,
            "ArrowRight" when shift => RecordModeAction.NextUnrecorded,
            "ArrowRight" or "n" or "N" => RecordModeAction.Next,
            "ArrowLeft" or "b" or "B" => RecordModeAction.Previous,
            _ => RecordModeAction.None,
        };
    }
}
