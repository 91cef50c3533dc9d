namespace Course.Web.Components.Pages.Studio.Courses;

/// <summary>What studio.js's upload hands back: the endpoint's status and answer (0: no file chosen; -1: the upload failed).</summary>
internal sealed record UploadAnswer(int Status, int ChapterId, int CourseId, int Revision, string? Title, string? Detail, IReadOnlyList<UploadError> Errors)
{
    public IReadOnlyList<UploadError> Errors { get; init; } = Errors ?? [];

    /// <summary>What went wrong, as the endpoint said it or in the page's words.</summary>
    public string Problem(Microsoft.Extensions.Localization.IStringLocalizer localizer) => Status switch
    {
        -1 => localizer["StudioUploadFailed"],
        413 => string.IsNullOrEmpty(Detail) ? localizer["StudioFileTooLarge"] : Detail,
        _ => string.Join(" ", new[] { Title, Detail }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } said
            ? said
            : localizer["StudioImportFailed"],
    };
}

internal sealed record UploadError(int Line, int Column, string Message, string? Code = null, IReadOnlyList<string>? Arguments = null);
