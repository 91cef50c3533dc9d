namespace Course.Web.Narration;

/// <summary>
/// No chapter has recorded clips: every line is narrated by speech synthesis. The default until clip storage
/// registers its own <see cref="IPublishedClips"/> (registered with TryAddSingleton, so any other registration wins).
/// </summary>
public sealed class NoPublishedClips : IPublishedClips
{
    public Task<IReadOnlyList<PublishedClip>> ForChapterAsync(int chapterId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PublishedClip>>([]);
}
