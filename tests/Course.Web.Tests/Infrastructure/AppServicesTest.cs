using Course.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Infrastructure;

/// <summary>
/// A test class that calls the app's services in-process on a database of its own (SQLite, or PostgreSQL when
/// COURSE_TEST_POSTGRES is set): one app per test, one service scope for its scoped services (the studio's, the
/// chapter store), and a fresh <see cref="CourseDbContext"/> per look at the database.
/// </summary>
public abstract class AppServicesTest : IDisposable
{
    private readonly AsyncServiceScope scope;

    protected AppServicesTest() => scope = App.Services.CreateAsyncScope();

    protected CourseAppFactory App { get; } = new();

    /// <summary>A service of the test's scope.</summary>
    protected T Get<T>()
        where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    protected async Task<CourseDbContext> Db() =>
        await App.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();

    /// <summary>The seeded course's id (every app starts with it).</summary>
    protected async Task<int> SeedCourseIdAsync()
    {
        await using var db = await Db();
        return (await db.Courses.SingleAsync()).Id;
    }

    public void Dispose()
    {
        scope.DisposeAsync().AsTask().GetAwaiter().GetResult();
        App.Dispose();
        GC.SuppressFinalize(this);
    }
}
