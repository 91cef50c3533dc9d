using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;

namespace Course.Web.Tests.Browser;

/// <summary>When a line's clip played and ended, and when the next line appeared, in the page's own clock (ms).</summary>
internal sealed record LineTiming(double Played, double NextAfterClipStart, double NextAfterClipEnd, TimeSpan HostDelay)
{
    public override string ToString() =>
        $"clip played {Played:0} ms; next line {NextAfterClipStart:0} ms after the clip started, {NextAfterClipEnd:0} ms after it ended; " +
        $"the test host's thread pool was at most {HostDelay.TotalMilliseconds:0} ms late meanwhile";
}

/// <summary>
/// Measures the reveal after a recorded clip in a learner's page, as recorded-narration tests need it.
/// The app runs inside the test process, whose thread pool every test class running in parallel shares: a burst of
/// their work (a load-client test's learners, a flood test) queues the app's reveal behind hundreds of items, and
/// queue delays up to a second were measured during a full run. A measurement taken while the pool was that late says
/// nothing of the player, so it is taken again with a new learner; one taken while the pool kept up is final.
/// </summary>
internal static class ClipTimingWatch
{
    /// <summary>A pool this late during a measurement makes it void.</summary>
    private static readonly TimeSpan Busy = TimeSpan.FromMilliseconds(100);

    private const int Attempts = 4;

    /// <summary>Notes when each clip plays and ends (media events do not bubble; a capturing listener sees them) and when line 2 appears.</summary>
    public const string Script = """
        (() => {
          window.__voice = [];
          window.__secondLineAt = null;
          for (const type of ['playing', 'ended']) {
            document.addEventListener(type, e => {
              if (e.target.matches && e.target.matches('[data-player-voice]')) window.__voice.push({ type, src: e.target.currentSrc || '', t: performance.now() });
            }, true);
          }
          new MutationObserver(() => {
            if (window.__secondLineAt === null && document.querySelectorAll('.segment').length >= 2) window.__secondLineAt = performance.now();
          }).observe(document, { childList: true, subtree: true });
        })();
        """;

    /// <summary>
    /// Presses Play in <paramref name="openPlayer"/>'s page (a new learner's, with <see cref="Script"/>, the player ready)
    /// and checks the timing of the clip at <paramref name="clipUrl"/> with <paramref name="assert"/>; again when that
    /// fails while the host was busy, at most <see cref="Attempts"/> times.
    /// </summary>
    public static async Task AssertAsync(
        Func<Task<IPage>> openPlayer, string clipUrl, Action<LineTiming> assert, Xunit.Abstractions.ITestOutputHelper output)
    {
        for (var attempt = 1; ; attempt++)
        {
            var page = await openPlayer();
            using var probe = PoolProbe.Start();
            await page.GetByRole(AriaRole.Button, new() { Name = "Play" }).ClickAsync();
            await Assertions.Expect(page.Locator(".segment")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
            await page.WaitForFunctionAsync("url => window.__voice.some(e => e.type === 'ended' && e.src.endsWith(url))", clipUrl);
            var timing = await ReadAsync(page, clipUrl, probe.Stop());
            output.WriteLine($"attempt {attempt}: {timing}");
            try
            {
                assert(timing);
                return;
            }
            catch (Xunit.Sdk.XunitException) when (timing.HostDelay >= Busy && attempt < Attempts)
            {
                output.WriteLine($"attempt {attempt} is void: the host was busy");
            }
        }
    }

    private static async Task<LineTiming> ReadAsync(IPage page, string clipUrl, TimeSpan hostDelay)
    {
        var events = await page.EvaluateAsync<JsonElement>("() => ({ voice: window.__voice, second: window.__secondLineAt })");
        var voice = events.GetProperty("voice").EnumerateArray()
            .Select(e => (Type: e.GetProperty("type").GetString(), Src: e.GetProperty("src").GetString()!, At: e.GetProperty("t").GetDouble()))
            .Where(e => e.Src.EndsWith(clipUrl, StringComparison.Ordinal))
            .ToList();
        Assert.True(voice.Any(e => e.Type == "playing") && voice.Any(e => e.Type == "ended"), $"the clip {clipUrl} did not play: " + string.Join("; ", voice));
        var started = voice.First(e => e.Type == "playing").At;
        var ended = voice.First(e => e.Type == "ended").At;
        var second = events.GetProperty("second").GetDouble();
        return new LineTiming(ended - started, second - started, second - ended, hostDelay);
    }

    /// <summary>
    /// A dedicated thread (not the pool's) that queues a tiny work item every 10 ms and notes how late the pool ran it:
    /// the delay any of the app's own work items (a circuit's event, a timer's callback) met meanwhile.
    /// </summary>
    private sealed class PoolProbe : IDisposable
    {
        private readonly Thread thread;
        private volatile bool stopped;
        private long worstTicks;

        private PoolProbe()
        {
            thread = new Thread(Run) { IsBackground = true, Name = "pool probe" };
            thread.Start();
        }

        public static PoolProbe Start() => new();

        public TimeSpan Stop()
        {
            stopped = true;
            thread.Join();
            return TimeSpan.FromTicks(Interlocked.Read(ref worstTicks));
        }

        public void Dispose()
        {
            if (!stopped)
            {
                Stop();
            }
        }

        private void Run()
        {
            using var ran = new ManualResetEventSlim();
            while (!stopped)
            {
                ran.Reset();
                var queued = Stopwatch.GetTimestamp();
                long delay = 0;
                ThreadPool.UnsafeQueueUserWorkItem(_ =>
                {
                    delay = Stopwatch.GetElapsedTime(queued).Ticks;
                    ran.Set();
                }, null);
                ran.Wait();
                if (delay > worstTicks)
                {
                    Interlocked.Exchange(ref worstTicks, delay);
                }

                Thread.Sleep(10);
            }
        }
    }
}
