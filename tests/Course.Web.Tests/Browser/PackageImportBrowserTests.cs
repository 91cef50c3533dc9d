using Course.Web.Tests.Infrastructure;
using Course.Web.Tests.Studio;
using Microsoft.Playwright;

namespace Course.Web.Tests.Browser;

/// <summary>
/// The studio's package import form in real Chromium, on an app with a recorded course (<see cref="RecordedCourseFixture"/>):
/// a package of about 12 MB of WAV clips, past the app's 10 MB request limit, goes through the form's upload
/// (studio.js, fetch) and the course appears in the list.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class PackageImportBrowserTests(BrowserFixture browser, RecordedCourseFixture course)
    : IClassFixture<RecordedCourseFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    [Fact]
    public async Task An_instructor_imports_a_package_of_recorded_clips_larger_than_the_apps_request_limit()
    {
        var (package, _) = course.LargeCopy("copia-navegador");
        var page = await browser.SignedInPageAsync(RecordedCourseFixture.Instructor, course.App);
        await page.GotoAsync("/studio");
        var form = page.Locator("form").Filter(new() { Has = page.GetByLabel("Package file") });
        await Assertions.Expect(form.GetByRole(AriaRole.Button, new() { Name = "Import" })).ToBeEnabledAsync();

        await page.GetByLabel("Package file").SetInputFilesAsync(new FilePayload { Name = "copia.course.zip", MimeType = "application/zip", Buffer = package });
        await form.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();

        await Assertions.Expect(form.Locator(".form-ok")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Course imported: "), new() { Timeout = 60_000 });
        await Assertions.Expect(form.Locator(".form-error")).ToHaveCountAsync(0);
    }
}
