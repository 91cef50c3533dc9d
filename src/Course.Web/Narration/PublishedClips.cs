namespace Course.Web.Narration;
/// <summary>A recorded clip of a published chapter's line: slide by its stable key, line index within the slide (from 0).</summary>
public sealed record PublishedClip(string SlideKey, int Line, string Url, int DurationMilliseconds, bool TextChanged);
/// <summary>The clips learners hear for a chapter's published version (empty when none are recorded).</summary>
public interface IPublishedClips
{
    Task<IReadOnlyList<PublishedClip>> ForChapterAsync(int chapterId, CancellationToken cancellationToken = default);
}
