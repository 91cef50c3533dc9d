namespace Course.Web.Chapters;

/// <summary>
/// Told after a chapter's content or details change, so caches of what learners see are dropped (the
/// catalogue's implementation evicts its pages). Declared here so the content owner needs no reader.
/// </summary>
public interface IChapterChanges
{
    ValueTask ChapterChangedAsync(CancellationToken cancellationToken = default);
}
