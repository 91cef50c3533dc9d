using System.Diagnostics;

namespace Course.Load.Rendering;

/// <summary>Conditions awaited on the page, checked after every render batch; the owner serialises access.</summary>
public sealed class EffectWaiters
{
    private readonly List<(Func<ClientDom, bool> Condition, long Since, TaskCompletionSource<TimeSpan> Done)> waiters = [];

    /// <summary>Completes with the time from <paramref name="since"/> to the batch after which the condition held.</summary>
    public Task<TimeSpan> Add(ClientDom dom, Func<ClientDom, bool> condition, long since)
    {
        if (condition(dom))
        {
            return Task.FromResult(Stopwatch.GetElapsedTime(since));
        }

        var done = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        waiters.Add((condition, since, done));
        return done.Task;
    }

    /// <summary>After a batch that arrived at <paramref name="arrived"/> was applied.</summary>
    public void Resolve(ClientDom dom, long arrived)
    {
        for (var i = waiters.Count - 1; i >= 0; i--)
        {
            if (waiters[i].Condition(dom))
            {
                waiters[i].Done.TrySetResult(Stopwatch.GetElapsedTime(waiters[i].Since, arrived));
                waiters.RemoveAt(i);
            }
        }
    }

    public void FailAll(Exception error)
    {
        foreach (var waiter in waiters)
        {
            waiter.Done.TrySetException(error);
        }

        waiters.Clear();
    }
}
