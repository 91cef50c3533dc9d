using Course.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Course.Web.Tests.Infrastructure;

/// <summary>
/// Contexts on the app's database (whichever provider this run uses) with an interceptor added, to make
/// something happen at an exact point of an operation (e.g. just before it begins its transaction).
/// </summary>
public sealed class InterceptedContextFactory(IDbContextFactory<CourseDbContext> app, IInterceptor interceptor) : IDbContextFactory<CourseDbContext>
{
    public CourseDbContext CreateDbContext()
    {
        string connectionString;
        bool postgres;
        using (var probe = app.CreateDbContext())
        {
            connectionString = probe.Database.GetConnectionString()!;
            postgres = probe is PostgresCourseDbContext;
        }

        if (postgres)
        {
            var options = new DbContextOptionsBuilder<PostgresCourseDbContext>();
            DatabaseSetup.ConfigurePostgres(options, connectionString);
            return new PostgresCourseDbContext(options.AddInterceptors(interceptor).Options);
        }

        var sqlite = new DbContextOptionsBuilder<CourseDbContext>();
        DatabaseSetup.ConfigureSqlite(sqlite, connectionString);
        return new CourseDbContext(sqlite.AddInterceptors(interceptor).Options);
    }
}

/// <summary>Runs an action, once, just before the first transaction an intercepted context begins.</summary>
public sealed class BeforeFirstTransaction(Func<Task> action) : DbTransactionInterceptor
{
    private int ran;

    public override async ValueTask<InterceptionResult<System.Data.Common.DbTransaction>> TransactionStartingAsync(
        System.Data.Common.DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<System.Data.Common.DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref ran, 1) == 0)
        {
            await action();
        }

        return result;
    }
}
