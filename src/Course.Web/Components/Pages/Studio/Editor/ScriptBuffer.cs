namespace Course.Web.Components.Pages.Studio.Editor;

/// <summary>
/// The editor's copy of the script in the browser's textarea, kept in step by small edits (studio.js sends
/// what changed, in pieces of a few thousand characters, so no circuit message nears its 32 KB limit).
/// <see cref="Epoch"/> changes whenever the server replaces the text itself, so an edit computed against
/// the text before that is ignored instead of being applied to the wrong text.
/// </summary>
public sealed class ScriptBuffer(string text)
{
    private bool pending; // a long edit has arrived in part

    public string Text { get; private set; } = Normalize(text);

    /// <summary>The text as the browser's textarea holds it: lines end in "\n" alone.</summary>
    public static string Normalize(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n');

    public int Epoch { get; private set; }

    /// <summary>The browser's count of edits that <see cref="Text"/> includes.</summary>
    public long Version { get; private set; }

    /// <summary>The server replaces the text (the slides view, take theirs, …): edits made before it no longer apply.</summary>
    public void Replace(string newText, long version)
    {
        Text = newText;
        Version = version;
        pending = false;
        Epoch++;
    }

    public void SetVersion(long version) => Version = version;

    /// <summary>
    /// Applies one piece of an edit: <paramref name="remove"/> characters at <paramref name="start"/> replaced by
    /// <paramref name="insert"/> (-1 replaces everything). On the last piece the text must have
    /// <paramref name="length"/> characters. Answers whether the copy is still in step; the outcome
    /// <see cref="EditOutcome.Complete"/> means a whole edit has been applied.
    /// </summary>
    public EditOutcome Apply(int epoch, long version, int start, int remove, string insert, bool final, int length)
    {
        if (epoch != Epoch)
        {
            return EditOutcome.Stale;
        }

        if (remove < 0)
        {
            Text = insert;
        }
        else if (start < 0 || start > Text.Length || remove > Text.Length - start)
        {
            pending = false;
            return EditOutcome.OutOfStep;
        }
        else
        {
            Text = string.Concat(Text.AsSpan(0, start), insert, Text.AsSpan(start + remove));
        }

        if (!final)
        {
            pending = true;
            return EditOutcome.Partial;
        }

        pending = false;
        if (Text.Length != length)
        {
            return EditOutcome.OutOfStep;
        }

        Version = version;
        return EditOutcome.Complete;
    }

    /// <summary>Whether the text is mid-way through a long edit (not to be parsed or saved as it is).</summary>
    public bool IsPending => pending;
}

public enum EditOutcome
{
    Complete,
    Partial,
    Stale,
    OutOfStep,
}
