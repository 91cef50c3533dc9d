namespace Course.Web.Tests.Infrastructure;

/// <summary>
/// A test about SQLite itself (its file, its pragmas). On the PostgreSQL run (<see cref="CourseAppFactory.PostgresVariable"/>
/// set) it is reported as skipped with this reason, never run and passed without checking anything.
/// </summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(CourseAppFactory.PostgresVariable)))
        {
            Skip = $"SQLite only: this run's database is PostgreSQL ({CourseAppFactory.PostgresVariable} is set); the SQLite run checks it.";
        }
    }
}
