using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Course.Web.Tests.Infrastructure;

namespace Course.Web.Tests.Api;

[Collection(SharedAppCollection.Name)]
public class CatalogApiTests(CourseAppFactory app)
{
    private readonly HttpClient client = app.CreateHttpClient();

    [Fact]
    public async Task Courses_lists_the_seeded_course_with_its_chapter()
    {
        var courses = await client.GetFromJsonAsync<JsonElement>("/api/courses");

        var course = courses.EnumerateArray().Single(c => c.GetProperty("slug").GetString() == "ai-engineering");
        Assert.Equal("Ingeniería de IA", course.GetProperty("title").GetString());
        var chapter = course.GetProperty("chapters").EnumerateArray().Single();
        Assert.Equal("foundation-models", chapter.GetProperty("slug").GetString());
        Assert.Equal(73, chapter.GetProperty("slideCount").GetInt32());
    }

    [Fact]
    public async Task Chapter_has_every_slide_segment_and_pause_of_the_seed()
    {
        var chapter = await client.GetFromJsonAsync<JsonElement>("/api/courses/ai-engineering/chapters/foundation-models");

        Assert.Equal("Desarrollo de software con Foundation Models", chapter.GetProperty("title").GetString());
        Assert.Equal("es", chapter.GetProperty("language").GetString());
        var slides = chapter.GetProperty("slides").EnumerateArray().ToList();
        Assert.Equal(73, slides.Count);
        var segments = slides.SelectMany(s => s.GetProperty("segments").EnumerateArray()).ToList();
        Assert.Equal(211, segments.Count);
        Assert.Equal(172_000, segments.Sum(s => s.GetProperty("pauseMilliseconds").GetInt32()));
        Assert.Equal(172_000, chapter.GetProperty("totalPauseMilliseconds").GetInt32());
        Assert.True(chapter.GetProperty("estimatedMilliseconds").GetInt32() > 172_000);

        var bullet = slides[2].GetProperty("segments")[1];
        Assert.Equal("- Una cantidad enorme de electricidad para funcionar", bullet.GetProperty("text").GetString());
        Assert.Equal("Una cantidad enorme de electricidad para funcionar", bullet.GetProperty("html").GetString());
        Assert.Equal("bullet", bullet.GetProperty("list").GetString());
        Assert.Equal(500, bullet.GetProperty("pauseMilliseconds").GetInt32());

        // A slide's fields, and that the estimate is its slides' durations added up (one computation).
        Assert.Equal(["number", "key", "segments", "tokenSample", "firstLine", "durationMilliseconds"],
            slides[2].EnumerateObject().Select(p => p.Name));
        Assert.Equal(chapter.GetProperty("estimatedMilliseconds").GetInt32(), slides.Sum(s => s.GetProperty("durationMilliseconds").GetInt32()));
    }

    [Fact]
    public async Task Script_is_byte_identical_to_the_seed_file()
    {
        using var response = await client.GetAsync("/api/courses/ai-engineering/chapters/foundation-models/script");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(SeedFile.Bytes(), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Script_with_front_matter_carries_the_chapter_metadata()
    {
        var script = await client.GetStringAsync("/api/courses/ai-engineering/chapters/foundation-models/script?frontMatter=true");

        Assert.StartsWith("---\ntitle: Desarrollo de software con Foundation Models\nlanguage: es\nslug: foundation-models\n---\n\n¡Hola!", script);
    }

    [Fact]
    public async Task Ssml_is_an_xml_speak_document_in_the_chapter_language()
    {
        using var response = await client.GetAsync("/api/courses/ai-engineering/chapters/foundation-models/ssml");

        Assert.Equal("application/ssml+xml", response.Content.Headers.ContentType?.MediaType);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("speak", document.Root!.Name.LocalName);
        Assert.Equal("es", (string?)document.Root.Attribute(XNamespace.Xml + "lang"));
        Assert.Equal(211, document.Descendants().Count(e => e.Name.LocalName == "break"));
    }

    [Fact]
    public async Task Captions_are_webvtt_with_one_cue_per_spoken_line_of_the_seed()
    {
        using var response = await client.GetAsync("/api/courses/ai-engineering/chapters/foundation-models/captions.vtt");
        var seedLines = System.Text.Encoding.UTF8.GetString(SeedFile.Bytes()).Split('\n').Count(line => line.Trim().Length > 0);

        Assert.Equal("text/vtt", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var vtt = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("WEBVTT\n\n1-1\n00:00:00.000 --> ", vtt);
        Assert.Equal(seedLines, System.Text.RegularExpressions.Regex.Matches(vtt, " --> ").Count);
    }

    [Fact]
    public async Task The_transcript_page_gives_every_slide_under_a_heading_that_leads_to_it()
    {
        var html = await client.GetStringAsync("/courses/ai-engineering/chapters/foundation-models/transcript");
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);

        var headings = page.QuerySelectorAll("section.transcript__slide > h2 > a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(Enumerable.Range(1, 73).Select(n => $"/courses/ai-engineering/chapters/foundation-models/slides/{n}"), headings);
        Assert.Contains("¡Hola!", html);
    }

    [Theory]
    [InlineData("/api/courses/ai-engineering/chapters/nope/captions.vtt", "Chapter not found")]
    [InlineData("/api/courses/nope", "Course not found")]
    [InlineData("/api/courses/nope/chapters/foundation-models", "Chapter not found")]
    [InlineData("/api/courses/ai-engineering/chapters/nope", "Chapter not found")]
    [InlineData("/api/courses/ai-engineering/chapters/nope/script", "Chapter not found")]
    [InlineData("/api/courses/ai-engineering/chapters/nope/ssml", "Chapter not found")]
    public async Task Unknown_course_or_chapter_is_a_404_problem(string url, string title)
    {
        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }
}
