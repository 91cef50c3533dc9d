using Course.Web.Components.Shared;
using Course.Web.Data;
using Course.Web.Studio;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;

namespace Course.Web.Components.Pages.Studio.Courses;

/// <summary>
/// The studio's courses and their chapters: rename, reorder, delete or retire. Creating a chapter and
/// importing files are the forms' own (<see cref="NewChapterForm"/>, <see cref="ImportForm"/>, <see cref="PackageImportForm"/>).
/// </summary>
public sealed partial class StudioChapters : ComponentBase, IAsyncDisposable
{
    private IReadOnlyList<StudioCourseRow> courses = [];
    private JsModule? module;
    private string author = "";

    /// <summary>The course the new-chapter and import forms start on: the first, or the one just created.</summary>
    private int chosenCourseId;

    // Details (rename, language, description) of one chapter at a time.
    private int? detailsFor;
    private string detailsTitle = "";
    private string detailsLanguage = "";
    private string detailsDescription = "";
    private string? detailsError;

    // Delete or retire, after a confirmation.
    private int? confirmingRemove;

    private string? announcement;

    [Inject]
    private ChapterStudio Studio { get; set; } = null!;

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    [Inject]
    private IJSRuntime JS { get; set; } = null!;

    [Inject]
    private IStringLocalizer<SharedResource> L { get; set; } = null!;

    [CascadingParameter]
    private Task<AuthenticationState>? Authentication { get; set; }


    /// <summary>The circuit's user is no instructor (markers replayed from another's page): nothing is loaded.</summary>
    private bool denied;

    protected override async Task OnInitializedAsync()
    {
        if (!await StudioAccess.IsInstructorAsync(Authentication))
        {
            denied = true;
            return;
        }

        author = (await Authentication!).User.Identity?.Name ?? "";
        await LoadAsync();
        if (courses.Count > 0)
        {
            chosenCourseId = courses[0].CourseId;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            try
            {
                module = await JsModule.ImportAsync(JS, Assets["js/studio.js"]);
                StateHasChanged();
            }
            catch (JSDisconnectedException)
            {
            }
        }
    }

    private async Task LoadAsync() => courses = await Studio.ListAsync();

    // ---- Courses -------------------------------------------------------------------------------

    private int? courseDetailsFor;

    private void ToggleCourseDetails(int courseId) => courseDetailsFor = courseDetailsFor == courseId ? null : courseId;

    private async Task CourseSavedAsync(int courseId)
    {
        courseDetailsFor = null;
        await LoadAsync();
        announcement = L["StudioDetailsSaved", courses.FirstOrDefault(c => c.CourseId == courseId)?.Title ?? ""];
        await FocusAsync($"course-details-{courseId}");
    }

    /// <summary>A new course is where the next chapter goes: the new-chapter form turns to it.</summary>
    private async Task CourseCreatedAsync(int courseId)
    {
        await LoadAsync();
        if (courses.FirstOrDefault(c => c.CourseId == courseId) is { } course)
        {
            chosenCourseId = courseId;
            announcement = L["StudioCourseCreated", course.Title];
            await FocusAsync("new-title");
        }
    }

    /// <summary>A package brought a course (new or updated): the list shows it, and the form says which.</summary>
    private async Task<string?> PackageImportedAsync(int courseId)
    {
        await LoadAsync();
        return courses.FirstOrDefault(c => c.CourseId == courseId)?.Title;
    }

    // ---- Details -------------------------------------------------------------------------------

    private async Task OpenDetailsAsync(StudioChapterRow chapter)
    {
        confirmingRemove = null;
        detailsError = null;
        if (detailsFor == chapter.ChapterId)
        {
            detailsFor = null;
            return;
        }

        var draft = await Studio.GetDraftAsync(chapter.ChapterId);
        detailsFor = chapter.ChapterId;
        detailsTitle = chapter.Title;
        detailsLanguage = chapter.Language;
        detailsDescription = draft?.Description ?? "";
    }

    private async Task SaveDetailsAsync(StudioChapterRow chapter)
    {
        detailsError = ChapterFields.Problem(L, detailsTitle.Trim(), detailsLanguage.Trim());
        if (detailsError is null && detailsDescription.Trim().Length > 0)
        {
            detailsError = ScriptErrorText.SayMetadataProblem(L, "description", detailsDescription.Trim());
        }

        if (detailsError is not null)
        {
            return;
        }

        await Studio.UpdateDetailsAsync(chapter.ChapterId, detailsTitle.Trim(), detailsLanguage.Trim(), detailsDescription.Trim());
        detailsFor = null;
        announcement = L["StudioDetailsSaved", detailsTitle.Trim()];
        await LoadAsync();
        await FocusAsync($"details-{chapter.ChapterId}");
    }

    // ---- Order ---------------------------------------------------------------------------------

    private async Task MoveAsync(StudioChapterRow chapter, int direction)
    {
        await Studio.MoveAsync(chapter.ChapterId, direction);
        await LoadAsync();
        var moved = courses.SelectMany(c => c.Chapters).FirstOrDefault(c => c.ChapterId == chapter.ChapterId);
        if (moved is null)
        {
            return;
        }

        var siblings = courses.First(c => c.Chapters.Contains(moved)).Chapters;
        var position = siblings.ToList().IndexOf(moved) + 1;
        announcement = L["StudioMoved", moved.Title, position];
        StateHasChanged();

        // Keep the focus on the button pressed, or on its twin when the chapter reached an end.
        var up = position > 1;
        var down = position < siblings.Count;
        var target = direction < 0 ? (up ? "up" : "down") : (down ? "down" : "up");
        await FocusAsync($"{target}-{chapter.ChapterId}");
    }

    // ---- Delete or retire ----------------------------------------------------------------------

    private static bool CanDelete(StudioChapterRow chapter) => chapter.Status == ChapterStatus.Draft && chapter.Versions == 0;

    private async Task AskRemoveAsync(StudioChapterRow chapter)
    {
        detailsFor = null;
        confirmingRemove = chapter.ChapterId;
        StateHasChanged();
        await FocusAsync($"confirm-{chapter.ChapterId}");
    }

    private async Task CancelRemoveAsync(StudioChapterRow chapter)
    {
        confirmingRemove = null;
        StateHasChanged();
        await FocusAsync($"remove-{chapter.ChapterId}");
    }

    private async Task RemoveAsync(StudioChapterRow chapter)
    {
        var outcome = await Studio.DeleteOrRetireAsync(chapter.ChapterId);
        confirmingRemove = null;
        announcement = outcome == ChapterStatus.Retired ? L["StudioRetired", chapter.Title] : L["StudioDeleted", chapter.Title];
        await LoadAsync();
    }

    // ---- Helpers -------------------------------------------------------------------------------

    private Task FocusAsync(string id) => module?.CallAsync("focus", id) ?? Task.CompletedTask;

    private string StatusName(ChapterStatus status) => status switch
    {
        ChapterStatus.Published => L["StudioStatusPublished"],
        ChapterStatus.Retired => L["StudioStatusRetired"],
        _ => L["StudioStatusDraft"],
    };

    public async ValueTask DisposeAsync()
    {
        if (module is not null)
        {
            await module.DisposeAsync();
        }
    }
}
