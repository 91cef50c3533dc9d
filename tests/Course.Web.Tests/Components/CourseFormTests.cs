using System.Globalization;
using Bunit;
using Course.Web.Components.Pages.Studio;
using Course.Web.Components.Pages.Studio.Courses;
using Course.Web.Data;
using Course.Web.Studio;
using Course.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Components;

/// <summary>The studio's course form against the real service: what it refuses, in the reader's language, stores nothing.</summary>
[Collection(SharedAppCollection.Name)]
public class CourseFormTests : BunitContext
{
    private readonly CourseAppFactory app;

    public CourseFormTests(CourseAppFactory app)
    {
        this.app = app;
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        Services.AddSingleton(app.Services.CreateScope().ServiceProvider.GetRequiredService<CourseStudio>());
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Theory]
    [InlineData("en", "español", "", "“español” is not a language tag such as es, en or es-ES.")]
    [InlineData("es", "español", "", "“español” no es una etiqueta de idioma como es, en o es-ES.")]
    [InlineData("es", "es", "301", "La descripción tiene más de 300 caracteres.")]
    public async Task A_bad_value_is_refused_in_the_interface_language_and_nothing_is_stored(string culture, string language, string description, string expected)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        var title = "Form " + Guid.NewGuid().ToString("N")[..8];
        var cut = Render<CourseForm>(p => p.Add(c => c.IdPrefix, "new-course"));

        cut.Find("#new-course-title").Change(title);
        cut.Find("#new-course-language").Change(language);
        cut.Find("#new-course-description").Change(description == "301" ? new string('a', 301) : description);
        await cut.Find("form").SubmitAsync();

        Assert.Equal(expected, cut.Find(".form-error").TextContent);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Courses.AnyAsync(c => c.Title == title));
    }
}
