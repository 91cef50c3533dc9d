namespace Course.Web.Catalog;

/// <summary>Where the player gets a published, rendered chapter (a seam for component tests).</summary>
public interface IChapterSource
{
    Task<ChapterView?> GetChapterAsync(string courseSlug, string chapterSlug, CancellationToken cancellationToken = default);
}
