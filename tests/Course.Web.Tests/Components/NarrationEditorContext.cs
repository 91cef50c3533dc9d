using Bunit;
using Course.Web.Accounts;
using Course.Web.Catalog;
using Course.Web.Chapters;
using Course.Web.Components.Pages.Studio.Editor;
using Course.Web.Lessons;
using Course.Web.Narration;
using Course.Web.Studio;
using Course.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Components;

/// <summary>
/// The chapter editor with its narration panel against the real store, clip library and database, signed in as an
/// instructor (English): what the recorder, Record mode and trimming tests share.
/// </summary>
public abstract class NarrationEditorContext : BunitContext
{
    protected const string Author = "prof@example.com";

    protected NarrationEditorContext(CourseAppFactory app)
    {
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new("en");
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        var scope = app.Services.CreateScope();
        Studio = scope.ServiceProvider.GetRequiredService<ChapterStudio>();
        Store = scope.ServiceProvider.GetRequiredService<ChapterStore>();
        Services.AddSingleton(Studio);
        Services.AddSingleton(Store);
        Services.AddSingleton(app.Services.GetRequiredService<ClipLibrary>());
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(scope.ServiceProvider.GetRequiredService<IChapterSource>());
        Services.AddSingleton(new PlayerConnection());
        Services.AddSingleton(app.Services.GetRequiredService<Course.Web.Operations.CourseMetrics>());
        Services.AddSingleton(app.Services.GetRequiredService<Course.Web.Progress.ProgressRecorder>());
        Auth = AddAuthorization();
        Auth.SetAuthorized(Author);
        Auth.SetRoles(Roles.Instructor);
        JSInterop.Mode = JSRuntimeMode.Loose;
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        CourseId = Task.Run(() => Studio.ListAsync()).Result[0].CourseId;
    }

    protected ChapterStudio Studio { get; }

    protected ChapterStore Store { get; }

    protected Bunit.TestDoubles.BunitAuthorizationContext Auth { get; }

    protected int CourseId { get; }

    /// <summary>A new chapter of this script, opened in the editor's Slides view.</summary>
    protected async Task<(int Id, IRenderedComponent<ChapterEditor> Editor)> OpenSlidesAsync(string titlePrefix, string script)
    {
        var id = await Studio.CreateChapterAsync(CourseId, titlePrefix + " " + Guid.NewGuid().ToString("N")[..8], "en", Author, script);
        var cut = Render<ChapterEditor>(p => p.Add(c => c.ChapterId, id));
        cut.WaitForElement(".editor[data-ready='true']", TimeSpan.FromSeconds(10));
        cut.FindAll("button.view-toggle").Single(b => b.TextContent == "Slides").Click();
        cut.WaitForElement("[data-testid=narration-panel]", TimeSpan.FromSeconds(10));
        return (id, cut);
    }
}
