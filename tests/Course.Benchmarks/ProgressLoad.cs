using System.Diagnostics;
using Course.Web.Catalog;
using Course.Web.Progress;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Benchmarks;

/// <summary>
/// 32 learners reveal segments as fast as they can, all at once, through the real recorder into SQLite.
/// Reports events written per second (until every event is in the database) and any write failure.
/// </summary>
public static class ProgressLoad
{
    public static async Task<int> RunAsync(int learners, int eventsPerLearner)
    {
        using var app = new AppUnderLoad();
        _ = app.Server; // start: migrate and seed
        var users = await app.CreateLearnersAsync(learners);
        using var scope = app.Services.CreateScope();
        var chapter = (await scope.ServiceProvider.GetRequiredService<CatalogReader>().GetChapterAsync("ai-engineering", "foundation-models"))!;
        var recorder = app.Services.GetRequiredService<ProgressRecorder>();
        var start = DateTimeOffset.UtcNow;

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(users.Select(user => Task.Run(() =>
        {
            for (var i = 0; i < eventsPerLearner; i++)
            {
                var slide = chapter.Slides[i / 3 % chapter.Slides.Count];
                recorder.Record(new ProgressEvent(user, chapter.Chapter.ChapterId, slide.Key, 1 + i % slide.Segments.Count, start.AddMilliseconds(i * 250), slide.Segments.Count, 10_000));
            }
        })));
        var queued = clock.Elapsed;
        await recorder.FlushAsync();
        var written = clock.Elapsed;

        var total = learners * eventsPerLearner;
        Console.WriteLine($"{learners} learners, {total:N0} progress events");
        Console.WriteLine($"queued in {queued.TotalMilliseconds:N0} ms; all written to {Course.Web.Data.DatabaseSetup.Provider(app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>())} in {written.TotalMilliseconds:N0} ms");
        Console.WriteLine($"throughput: {total / written.TotalSeconds:N0} events/s");
        return 0;
    }
}
