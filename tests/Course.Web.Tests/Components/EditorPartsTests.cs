using Course.Web.Chapters;
using System.Globalization;
using Bunit;
using Course.Web.Components.Pages.Studio.Editor;
using Course.Web.Data;
using Course.Web.Studio;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Components;

/// <summary>The editor's small parts on their own: the publish bar's states and the conflict panel's two texts.</summary>
public class EditorPartsTests : BunitContext
{
    private static readonly DraftView Draft = new(
        5, "course", "chapter", "Title", "en", null, ChapterStatus.Published, "One", 3, true, "me@example.com", null, "One");

    public EditorPartsTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en");
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private IRenderedComponent<PublishBar> Bar(bool publishing, bool blocked, Action? onPublish = null) =>
        Render<PublishBar>(p => p
            .Add(c => c.Draft, Draft)
            .Add(c => c.Publishing, publishing)
            .Add(c => c.Blocked, blocked)
            .Add(c => c.OnPublish, onPublish ?? (() => { })));

    [Fact]
    public void The_publish_bar_publishes_when_free_and_links_the_chapters_other_pages()
    {
        var published = 0;
        var cut = Bar(publishing: false, blocked: false, () => published++);

        var button = cut.Find("button.button--primary");
        Assert.Equal("Publish", button.TextContent);
        button.Click();

        Assert.Equal(1, published);
        Assert.Equal("/studio/chapters/5/history", cut.FindAll("a").Single(a => a.TextContent == "History").GetAttribute("href"));
        Assert.Contains(cut.FindAll(".menu__list a"), a => a.GetAttribute("href") == "/studio/chapters/5/export?format=script&source=draft");
    }

    [Theory]
    [InlineData(true, false, "Publishing…")]
    [InlineData(false, true, "Publish")]
    public void The_publish_bar_cannot_publish_while_publishing_or_blocked(bool publishing, bool blocked, string label)
    {
        var cut = Bar(publishing, blocked);

        var button = cut.Find("button.button--primary");
        Assert.Equal(label, button.TextContent);
        Assert.True(button.HasAttribute("disabled"));
    }

    [Fact]
    public void The_conflict_panel_shows_both_texts_who_saved_theirs_and_what_is_typed_meanwhile()
    {
        var theirs = new SaveResult.Conflict("One\nTheirs", 4, "ana@example.com", new DateTimeOffset(2026, 12, 5, 10, 42, 0, TimeSpan.Zero));
        var kept = 0;
        var taken = 0;
        var cut = Render<ConflictPanel>(p => p
            .Add(c => c.Theirs, theirs)
            .Add(c => c.Mine, "One\nMine")
            .Add(c => c.LocalTime, at => at.ToString("HH:mm", CultureInfo.InvariantCulture))
            .Add(c => c.OnKeepMine, () => kept++)
            .Add(c => c.OnTakeTheirs, () => taken++));

        Assert.Contains("ana@example.com", cut.Find(".conflict").TextContent);
        Assert.Contains("10:42", cut.Find(".conflict").TextContent);
        Assert.Equal("One\nTheirs", cut.Find("#theirs-text").TextContent);
        Assert.Equal("One\nMine", cut.Find("#mine-text").TextContent);

        cut.Render(p => p.Add(c => c.Mine, "One\nMine, still typing"));
        Assert.Equal("One\nMine, still typing", cut.Find("#mine-text").TextContent);
        Assert.Equal("One\nTheirs", cut.Find("#theirs-text").TextContent);

        cut.FindAll("button").Single(b => b.TextContent == "Keep mine").Click();
        cut.FindAll("button").Single(b => b.TextContent == "Take theirs").Click();
        Assert.Equal((1, 1), (kept, taken));
    }
}
