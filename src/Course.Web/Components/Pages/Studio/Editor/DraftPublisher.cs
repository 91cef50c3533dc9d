using Course.Web.Chapters;
using Course.Web.Studio;

namespace Course.Web.Components.Pages.Studio.Editor;

/// <summary>Publishes an editor session's draft as a version: what is typed is saved first, and only then published.</summary>
public sealed class DraftPublisher(EditorSession session, IEditorHost host)
{
    public bool Publishing { get; private set; }

    /// <summary>Not while a publication is under way, nor while a conflict waits for the author's choice.</summary>
    public bool CanPublish => !Publishing && session.Conflict is null;

    /// <summary>Answers the store's answer, or null when publishing could not start (a conflict, or a save that did not go through).</summary>
    public async Task<PublishResult?> PublishAsync()
    {
        if (!CanPublish)
        {
            return null;
        }

        Publishing = true;
        try
        {
            if (session.Dirty)
            {
                await session.SaveAsync();
                if (session.Conflict is not null || session.Dirty)
                {
                    return null;
                }
            }

            var result = await host.PublishAsync(session.Revision);
            switch (result)
            {
                case PublishResult.Published published:
                    await session.PublishedAsync(published.Revision);
                    break;
                case PublishResult.Conflict theirs:
                    await session.ShowConflictAsync(new SaveResult.Conflict(theirs.TheirText, theirs.TheirRevision, theirs.TheirAuthor, theirs.TheirAt));
                    break;
                case PublishResult.NotFound:
                    session.Missing = true;
                    break;
            }

            return result;
        }
        finally
        {
            Publishing = false;
        }
    }
}
