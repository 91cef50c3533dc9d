using Course.Core.Scripts;
using Course.Web.Studio;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Course.Web.Components.Pages.Studio.Courses;

/// <summary>Importing a script, a Markdown file or a course package: studio.js uploads it over plain HTTP and hands back the answer.</summary>
public sealed partial class StudioChapters
{
    private ElementReference importFile;
    private ElementReference packageFile;
    private int importCourseId;
    private int importTarget; // 0: a new chapter; else the chapter to receive a new draft
    private bool importing;
    private string? importMessage;
    private string? importProblem;
    private IReadOnlyList<ScriptError> importErrors = [];
    private bool importingPackage;
    private string? packageMessage;
    private string? packageProblem;

    private StudioCourseRow? ImportCourse => courses.FirstOrDefault(c => c.CourseId == importCourseId);

    private void OnImportCourseChanged(ChangeEventArgs e)
    {
        if (int.TryParse(e.Value?.ToString(), out var id))
        {
            importCourseId = id;
            importTarget = 0;
        }
    }

    private async Task ImportAsync()
    {
        if (module is null || importing)
        {
            return;
        }

        importing = true;
        importMessage = importProblem = null;
        importErrors = [];
        try
        {
            var revision = 0;
            if (importTarget != 0)
            {
                revision = (await Studio.GetDraftAsync(importTarget))?.Revision ?? 0;
            }

            var answer = await module.InvokeAsync<UploadAnswer>("upload", importFile, StudioLinks.Import, new Dictionary<string, object?>
            {
                ["courseId"] = importCourseId,
                ["chapterId"] = importTarget == 0 ? null : importTarget,
                ["revision"] = importTarget == 0 ? null : revision,
            });
            switch (answer.Status)
            {
                case 0:
                    importProblem = L["StudioChooseFile"];
                    break;
                case 200:
                    await module.InvokeVoidAsync("clearFile", importFile);
                    Navigation.NavigateTo(StudioLinks.Editor(answer.ChapterId));
                    break;
                case 409:
                    importProblem = L["StudioImportConflict"];
                    break;
                default:
                    importProblem = Problem(answer);
                    importErrors = [.. answer.Errors.Select(e => new ScriptError(e.Line, e.Column, e.Message)
                    {
                        Code = Enum.TryParse<ScriptErrorCode>(e.Code, out var code) ? code : null,
                        Arguments = e.Arguments ?? [],
                    })];
                    break;
            }
        }
        catch (JSDisconnectedException)
        {
        }
        finally
        {
            importing = false;
        }
    }

    private async Task ImportPackageAsync()
    {
        if (module is null || importingPackage)
        {
            return;
        }

        importingPackage = true;
        packageMessage = packageProblem = null;
        try
        {
            var answer = await module.InvokeAsync<UploadAnswer>("upload", packageFile, StudioLinks.Packages, new Dictionary<string, object?>());
            switch (answer.Status)
            {
                case 0:
                    packageProblem = L["StudioChooseFile"];
                    break;
                case 200:
                    await module.InvokeVoidAsync("clearFile", packageFile);
                    await LoadAsync();
                    packageMessage = L["StudioPackageImported", courses.FirstOrDefault(c => c.CourseId == answer.CourseId)?.Title ?? ""];
                    break;
                default:
                    var details = answer.Errors.Select(e => e.Line > 0 ? $"{e.Line}:{e.Column}: {e.Message}" : e.Message);
                    packageProblem = string.Join(" ", new[] { Problem(answer) }.Concat(details));
                    break;
            }
        }
        catch (JSDisconnectedException)
        {
        }
        finally
        {
            importingPackage = false;
        }
    }

    private string Problem(UploadAnswer answer) => answer.Status switch
    {
        -1 => L["StudioUploadFailed"],
        413 => string.IsNullOrEmpty(answer.Detail) ? L["StudioFileTooLarge"] : answer.Detail,
        _ => string.Join(" ", new[] { answer.Title, answer.Detail }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } said
            ? said
            : L["StudioImportFailed"],
    };

    internal sealed record UploadAnswer(int Status, int ChapterId, int CourseId, int Revision, string? Title, string? Detail, IReadOnlyList<UploadError> Errors)
    {
        public IReadOnlyList<UploadError> Errors { get; init; } = Errors ?? [];
    }

    internal sealed record UploadError(int Line, int Column, string Message, string? Code = null, IReadOnlyList<string>? Arguments = null);
}
