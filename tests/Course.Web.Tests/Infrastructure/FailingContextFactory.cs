using Course.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Course.Web.Tests.Infrastructure;

/// <summary>
/// The app's context factory with a fault switch: while <see cref="Failure"/> names an exception (and
/// <see cref="FailuresLeft"/> is above zero), creating a context throws it, as an unreachable database would.
/// </summary>
public sealed class FailingContextFactory(IDbContextFactory<CourseDbContext> inner) : IDbContextFactory<CourseDbContext>
{
    private int failuresLeft;
    private int attempts;

    public Func<Exception>? Failure { get; set; }

    /// <summary>How many more attempts fail (int.MaxValue: until switched off).</summary>
    public int FailuresLeft
    {
        get => Volatile.Read(ref failuresLeft);
        set => Volatile.Write(ref failuresLeft, value);
    }

    /// <summary>Every context asked for, failed or not.</summary>
    public int Attempts => Volatile.Read(ref attempts);

    public CourseDbContext CreateDbContext()
    {
        Interlocked.Increment(ref attempts);
        if (Failure is { } failure && Interlocked.Decrement(ref failuresLeft) >= 0)
        {
            throw failure();
        }

        return inner.CreateDbContext();
    }

    /// <summary>While set and not complete, every context asked for asynchronously waits for it: a slow database.</summary>
    public Task? Hold { get; set; }

    public async Task<CourseDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
    {
        if (Hold is { } hold)
        {
            await hold.WaitAsync(cancellationToken);
        }

        return CreateDbContext();
    }

    /// <summary>Fails the next <paramref name="times"/> attempts with what <paramref name="failure"/> makes.</summary>
    public void FailNext(int times, Func<Exception> failure)
    {
        Failure = failure;
        FailuresLeft = times;
    }

    public void Heal() => FailuresLeft = 0;
}
