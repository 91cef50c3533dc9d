namespace Course.Web.Components.Pages.Studio.Editor;

/// <summary>Work that runs once things have been quiet for a while: every <see cref="Restart"/> moves it later.</summary>
public sealed class Debounce(TimeProvider clock, TimeSpan delay, Action due) : IDisposable
{
    private ITimer? timer;

    public void Restart()
    {
        timer ??= clock.CreateTimer(_ => due(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        timer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    public void Stop() => timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    public void Dispose() => timer?.Dispose();
}
