using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Course.Web.Data;

public static class DatabaseSetup
{
    /// <summary>
    /// The SQLite connection string: <c>ConnectionStrings:Course</c> when given, otherwise
    /// <c>course.db</c> in <c>Database:DataDirectory</c> (default: App_Data under the content root).
    /// </summary>
    public static string SqliteConnectionString(IConfiguration configuration, IHostEnvironment environment)
    {
        if (configuration.GetConnectionString("Course") is { Length: > 0 } configured)
        {
            return configured;
        }

        var directory = Path.GetFullPath(configuration["Database:DataDirectory"] ?? "App_Data", environment.ContentRootPath);
        Directory.CreateDirectory(directory);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, "course.db"),
            ForeignKeys = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>Applies pending migrations and switches SQLite to write-ahead logging.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<CourseDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets learners read while an instructor writes; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
