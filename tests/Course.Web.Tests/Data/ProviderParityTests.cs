using Course.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Course.Web.Tests.Data;

/// <summary>
/// One model, two migration sets: each provider's migrations must produce exactly the current model,
/// and both sets must describe the same tables and columns. No server is needed for either check.
/// </summary>
public sealed class ProviderParityTests
{
    private static CourseDbContext Sqlite() => new(DatabaseSetup.SqliteOptions("Data Source=:memory:"));

    private static PostgresCourseDbContext Postgres() =>
        new(DatabaseSetup.PostgresOptions<PostgresCourseDbContext>("Host=localhost;Database=parity"));

    public static TheoryData<string> Providers => new() { "Sqlite", "Postgres" };

    [Theory]
    [MemberData(nameof(Providers))]
    public void Each_providers_migrations_match_the_model(string provider)
    {
        using var db = provider == "Sqlite" ? Sqlite() : Postgres();

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changed since the last {provider} migration: add one to each provider (docs/architecture.md, 'Adding a migration').");
    }

    [Fact]
    public void Both_migration_sets_end_with_the_same_tables_and_columns()
    {
        using var sqlite = Sqlite();
        using var postgres = Postgres();

        Assert.Equal(Schema(sqlite), Schema(postgres));
    }

    [Fact]
    public void Each_migration_set_belongs_to_its_own_context()
    {
        using var sqlite = Sqlite();
        using var postgres = Postgres();
        var sqliteIds = sqlite.GetService<IMigrationsAssembly>().Migrations.Keys;
        var postgresIds = postgres.GetService<IMigrationsAssembly>().Migrations.Keys;

        Assert.Empty(sqliteIds.Intersect(postgresIds));
        Assert.All(sqlite.GetService<IMigrationsAssembly>().Migrations.Values, t => Assert.EndsWith(".Sqlite", t.Namespace));
        Assert.All(postgres.GetService<IMigrationsAssembly>().Migrations.Values, t => Assert.EndsWith(".Postgres", t.Namespace));
    }

    /// <summary>Table → sorted column names, from the model as the last migration's snapshot built it.</summary>
    private static string[] Schema(DbContext db)
    {
        var snapshot = db.GetService<IMigrationsAssembly>().ModelSnapshot!.Model;
        return [.. snapshot.GetEntityTypes()
            .Where(t => t.GetTableName() is not null)
            .Select(t => t.GetTableName() + "(" + string.Join(",", t.GetProperties().Select(p => p.GetColumnName()).Order(StringComparer.Ordinal)) + ")")
            .Order(StringComparer.Ordinal)];
    }
}
