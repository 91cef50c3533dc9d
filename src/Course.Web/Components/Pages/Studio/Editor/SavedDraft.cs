namespace Course.Web.Components.Pages.Studio.Editor;

/// <summary>
/// What the server holds of an editor's text: the text last saved (or published), the chapter's content
/// revision it is at, and whether it is a draft (not the published text itself).
/// </summary>
public sealed class SavedDraft(string text, int revision, bool hasDraft, DateTimeOffset? at)
{
    public string Text { get; private set; } = ScriptBuffer.Normalize(text);

    /// <summary>The chapter's content revision the editor's text is based on (stated on every save and publish).</summary>
    public int Revision { get; private set; } = revision;

    public bool HasDraft { get; private set; } = hasDraft;

    public DateTimeOffset? At { get; private set; } = at;

    public void Saved(int newRevision, DateTimeOffset savedAt, string savedText)
    {
        HasDraft |= newRevision != Revision; // the same revision back: the text was the published one, nothing kept
        Revision = newRevision;
        At = savedAt;
        Text = savedText;
    }

    /// <summary>A save from this page that did not come through the session (the background save on hiding it).</summary>
    public void SavedElsewhere(int newRevision, DateTimeOffset savedAt, string? savedText)
    {
        Revision = newRevision;
        HasDraft = true;
        At = savedAt;
        Text = savedText ?? Text;
    }

    /// <summary>The draft became a version: the next edit starts a new draft.</summary>
    public void Published(int newRevision, string text)
    {
        Revision = newRevision;
        HasDraft = false;
        Text = text;
    }

    /// <summary>The author took their text in a conflict: it is what is saved now.</summary>
    public void Took(string theirText, int theirRevision, DateTimeOffset theirAt)
    {
        Revision = theirRevision;
        Text = theirText;
        At = theirAt;
    }
}
