using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Course.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class DatabaseSetup
{
    /// <summary><c>Database:Provider</c>: Sqlite (the default) or Postgres.</summary>
    public static DatabaseProvider Provider(IConfiguration configuration)
    {
        var configured = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return DatabaseProvider.Sqlite;
        }

        return Enum.TryParse<DatabaseProvider>(configured, ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new InvalidOperationException(
                $"Database:Provider is '{configured}'; use 'Sqlite' (one machine) or 'Postgres' (several instances).");
    }

    /// <summary>
    /// Registers <see cref="IDbContextFactory{CourseDbContext}"/> (and a scoped context for Identity) on the
    /// configured provider. On PostgreSQL the context is a <see cref="PostgresCourseDbContext"/>, so its own
    /// migrations apply; the rest of the app only sees <see cref="CourseDbContext"/>.
    /// </summary>
    public static IServiceCollection AddCourseDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        switch (Provider(configuration))
        {
            case DatabaseProvider.Postgres:
                var postgres = configuration.GetConnectionString("Course");
                if (string.IsNullOrWhiteSpace(postgres))
                {
                    throw new InvalidOperationException(
                        "Database:Provider is Postgres but ConnectionStrings:Course is empty; set it (environment: ConnectionStrings__Course).");
                }

                services.AddDbContextFactory<PostgresCourseDbContext>(options => ConfigurePostgres(options, postgres));
                services.AddSingleton<IDbContextFactory<CourseDbContext>>(sp =>
                    new DerivedContextFactory<PostgresCourseDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresCourseDbContext>>()));
                services.AddScoped<CourseDbContext>(sp => sp.GetRequiredService<PostgresCourseDbContext>());
                break;
            default:
                var sqlite = SqliteConnectionString(configuration, environment);
                services.AddDbContextFactory<CourseDbContext>(options => ConfigureSqlite(options, sqlite));
                break;
        }

        return services;
    }

    public static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(CourseDbContext).Assembly.FullName));

    public static void ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(CourseDbContext).Assembly.FullName));

    public static DbContextOptions<TContext> PostgresOptions<TContext>(string connectionString)
        where TContext : DbContext
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        ConfigurePostgres(builder, connectionString);
        return builder.Options;
    }

    public static DbContextOptions<CourseDbContext> SqliteOptions(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<CourseDbContext>();
        ConfigureSqlite(builder, connectionString);
        return builder.Options;
    }

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
        return SqliteFileConnectionString(Path.Combine(directory, "course.db"));
    }

    public static string SqliteFileConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        ForeignKeys = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>Applies pending migrations and, on SQLite, switches to write-ahead logging.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<CourseDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await MigrateAsync(db, cancellationToken);
    }

    public static async Task MigrateAsync(CourseDbContext db, CancellationToken cancellationToken = default)
    {
        // On PostgreSQL, EF takes a database lock while migrating, so two instances starting together
        // cannot both apply the same migration; deployments still migrate once (docs/deployment.md).
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets learners read while an instructor writes; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>Hands out the provider's context type as the <see cref="CourseDbContext"/> the app asks for.</summary>
    private sealed class DerivedContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<CourseDbContext>
        where TContext : CourseDbContext
    {
        public CourseDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<CourseDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }
}
