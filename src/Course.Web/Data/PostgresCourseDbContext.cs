using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Course.Web.Data;

/// <summary>The same model on PostgreSQL, with migrations of its own in Data/Migrations/Postgres.</summary>
public sealed class PostgresCourseDbContext(DbContextOptions<PostgresCourseDbContext> options) : CourseDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // PostgreSQL has a real timestamp type (timestamptz), so dates are not stored as ticks here.
    }
}

/// <summary>
/// Lets <c>dotnet ef migrations add … --context PostgresCourseDbContext</c> build the model without a server.
/// </summary>
internal sealed class PostgresCourseDbContextDesignFactory : IDesignTimeDbContextFactory<PostgresCourseDbContext>
{
    public PostgresCourseDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.PostgresOptions<PostgresCourseDbContext>("Host=localhost;Database=course"));
}

/// <summary>
/// The SQLite twin of the factory above. Without it, EF's tools would build <see cref="CourseDbContext"/>
/// with the PostgreSQL factory (the factory interface is covariant) and mix up the two migration sets.
/// </summary>
internal sealed class SqliteCourseDbContextDesignFactory : IDesignTimeDbContextFactory<CourseDbContext>
{
    public CourseDbContext CreateDbContext(string[] args) =>
        new(DatabaseSetup.SqliteOptions(DatabaseSetup.SqliteFileConnectionString("design-time.db")));
}
