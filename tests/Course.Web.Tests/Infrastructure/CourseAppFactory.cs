using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Course.Web.Tests.Infrastructure;

/// <summary>
/// The real app on real Kestrel (a free loopback port) with a database of its own, migrated and seeded
/// exactly as on a first start: a SQLite file in a temporary folder, or, when COURSE_TEST_POSTGRES names
/// a PostgreSQL server, a fresh database there (how CI runs the suite a second time). Disposing it
/// deletes the folder and drops that database.
/// </summary>
public sealed class CourseAppFactory : WebApplicationFactory<Program>
{
    /// <summary>A PostgreSQL server to run against, e.g. <c>Host=127.0.0.1;Port=55432;Username=postgres</c>.</summary>
    public const string PostgresVariable = "COURSE_TEST_POSTGRES";

    private readonly IReadOnlyDictionary<string, string?> settings;
    private readonly Action<IWebHostBuilder>? configure;
    private readonly Action<IServiceCollection>? services;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("course-tests-").FullName;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The PostgreSQL database this app uses, or null on SQLite.</summary>
    public string? PostgresConnectionString { get; }

    public bool OnPostgres => PostgresConnectionString is not null;

    public CourseAppFactory()
        : this(null, null)
    {
    }

    /// <summary>
    /// An app with more settings, or sharing another app's PostgreSQL database (then it does not drop it);
    /// <paramref name="configure"/> adds to its host (e.g. a logger provider that captures what it logs).
    /// </summary>
    public static CourseAppFactory With(IReadOnlyDictionary<string, string?>? settings = null, string? sharedPostgresDatabase = null,
        Action<IWebHostBuilder>? configure = null) =>
        new(settings, sharedPostgresDatabase, configure: configure) { OwnsDatabase = sharedPostgresDatabase is null };

    /// <summary>An app with some of its services replaced (e.g. a failing database under one component).</summary>
    public static CourseAppFactory WithServices(Action<IServiceCollection> services) => new(null, null, services: services);

    /// <summary>An app on SQLite whatever the run (e.g. the source of a copy to PostgreSQL).</summary>
    public static CourseAppFactory OnSqlite() => new(null, null, sqliteOnly: true);

    private CourseAppFactory(IReadOnlyDictionary<string, string?>? settings, string? postgresConnectionString, bool sqliteOnly = false,
        Action<IWebHostBuilder>? configure = null, Action<IServiceCollection>? services = null)
    {
        this.settings = settings ?? new Dictionary<string, string?>();
        this.configure = configure;
        this.services = services;
        PostgresConnectionString = sqliteOnly ? null : postgresConnectionString ?? CreatePostgresDatabase();
        OwnsDatabase = postgresConnectionString is null;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        try
        {
            StartServer();
        }
        catch
        {
            // An app that refuses to start (a test of bad settings) still gives back its folder and database.
            Dispose();
            throw;
        }

        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.First());
    }

    /// <summary>A new, empty database on the test PostgreSQL server; null when none is configured.</summary>
    public static string? CreatePostgresDatabase()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            return null;
        }

        var name = "course_test_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public static void DropPostgresDatabase(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var name = builder.Database;
        builder.Database = "postgres";
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:DataDirectory", DataDirectory);
        // Tests sign in far more often than a person; the limit itself is tested with a low setting.
        builder.UseSetting("RateLimits:AccountPostsPerMinute", "100000");
        if (PostgresConnectionString is not null)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Course", PostgresConnectionString);
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        configure?.Invoke(builder);
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress };

    /// <summary>Whether this app owns its PostgreSQL database (a second app sharing it must not drop it).</summary>
    public bool OwnsDatabase { get; init; } = true;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing)
        {
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (PostgresConnectionString is not null && OwnsDatabase)
        {
            DropPostgresDatabase(PostgresConnectionString);
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying connection; the OS temp cleaner will take it.
        }
    }
}

/// <summary>One app shared by the tests that only read, so the suite starts the server once.</summary>
[CollectionDefinition(Name)]
public sealed class SharedAppCollection : ICollectionFixture<CourseAppFactory>
{
    public const string Name = "Shared app";
}
