using System.Globalization;
using Bunit;
using Course.Web.Catalog;
using Course.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Components;

public class ChapterCardsTests : BunitContext
{
    private static readonly CourseSummary Course = new("ai-engineering", "Ingeniería de IA", "es", null,
        [new ChapterSummary(1, "foundation-models", "Desarrollo de software con Foundation Models", "es", null, 73, 211, 172_000, 819_600)]);

    public ChapterCardsTests() => Services.AddLocalization(options => options.ResourcesPath = "Resources");

    [Theory]
    [InlineData("en", 73, "Chapter 1", "73 slides", "14 min")]
    [InlineData("es", 73, "Capítulo 1", "73 diapositivas", "14 min")]
    [InlineData("en", 1, "Chapter 1", "1 slide", "14 min")]
    [InlineData("es", 1, "Capítulo 1", "1 diapositiva", "14 min")]
    [InlineData("en", 2, "Chapter 1", "2 slides", "18 s", 18_200)]
    public void Card_shows_number_slides_duration_and_language_in_the_interface_language(string culture, int slideCount, string number, string slides, string minutes, int estimated = 819_600)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            var course = Course with { Chapters = [Course.Chapters[0] with { SlideCount = slideCount, EstimatedMilliseconds = estimated }] };
            var cut = Render<ChapterCards>(p => p.Add(c => c.Course, course));

            var link = cut.Find("a.chapter-card__link");
            Assert.Equal("courses/ai-engineering/chapters/foundation-models", link.GetAttribute("href"));
            Assert.Equal(number, cut.Find(".chapter-card__number").TextContent);
            Assert.Equal("es", cut.Find(".chapter-card__title").GetAttribute("lang"));
            var meta = cut.Find(".chapter-card__meta").TextContent;
            Assert.Equal(slides, cut.Find(".chapter-card__meta span").TextContent);
            Assert.Contains(minutes, meta);
            Assert.Contains("Español", meta);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
