using Course.Web.Data;
using Course.Web.Seed;
using Course.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Course.Web.Tests.Browser;

/// <summary>
/// Chromium with a fake microphone that loops a WAV the derived fixture makes (48 kHz mono 16-bit), and an app of
/// its own: recording and publishing clips on the seeded chapter must not change what other browser tests play.
/// </summary>
public abstract class MicrophoneBrowser : BrowserFixture
{
    private readonly string folder = Directory.CreateTempSubdirectory("course-mic-").FullName;

    private string SoundFile => Path.Combine(folder, "microphone.wav");

    /// <summary>What the microphone hears, from the start each time it opens.</summary>
    protected abstract byte[] Sound();

    protected override IEnumerable<string> ExtraArguments =>
        ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", "--use-file-for-fake-audio-capture=" + SoundFile];

    protected override Task PrepareAsync() => File.WriteAllBytesAsync(SoundFile, Sound());

    /// <summary>The seeded chapter's id.</summary>
    public async Task<int> SeedChapterIdAsync()
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();
        return await db.Chapters.Where(c => c.Slug == CourseSeeder.ChapterSlug).Select(c => c.Id).SingleAsync();
    }

    /// <summary>A new instructor's signed-in page.</summary>
    public async Task<IPage> InstructorPageAsync(string name)
    {
        var email = $"{name}-{Guid.NewGuid():N}@example.com";
        await SignedInClient.CreateUserAsync(App, email, Password, instructor: true);
        return await SignedInPageAsync(email);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}

/// <summary>A fake microphone playing 3 s of a 440 Hz tone.</summary>
public sealed class ToneMicrophone : MicrophoneBrowser
{
    protected override byte[] Sound() => Wav.Tone(3000, rate: 48_000);
}
