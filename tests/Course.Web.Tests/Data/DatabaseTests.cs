using Course.Web.Data;
using Course.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Course.Web.Seed;

namespace Course.Web.Tests.Data;

public sealed class DatabaseTests : IDisposable
{
    private readonly CourseAppFactory app = new();

    public void Dispose() => app.Dispose();

    private Task<CourseDbContext> Db() =>
        app.Services.GetRequiredService<IDbContextFactory<CourseDbContext>>().CreateDbContextAsync();

    [Fact]
    public async Task First_start_applies_every_migration_of_the_configured_provider()
    {
        await using var db = await Db();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(app.OnPostgres ? typeof(PostgresCourseDbContext) : typeof(CourseDbContext), db.GetType());
        Assert.Equal(app.OnPostgres ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", db.Database.ProviderName);
    }

    [SqliteFact]
    public async Task On_sqlite_the_database_is_a_file_in_the_data_directory_in_wal_mode()
    {
        await using var db = await Db();
        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "course.db")));
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Seeding_again_duplicates_nothing_and_keeps_an_instructors_changes()
    {
        await using (var db = await Db())
        {
            var chapter = await db.Chapters.SingleAsync();
            chapter.Title = "Título cambiado por una instructora";
            await db.SaveChangesAsync();
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var seeder = scope.ServiceProvider.GetRequiredService<CourseSeeder>();
            await seeder.SeedAsync();
            await seeder.SeedAsync();
        }

        await using (var db = await Db())
        {
            Assert.Equal(1, await db.Courses.CountAsync());
            var chapter = await db.Chapters.SingleAsync();
            Assert.Equal("Título cambiado por una instructora", chapter.Title);
            Assert.Equal(73, await db.Slides.CountAsync());
            Assert.Equal(211, await db.Segments.CountAsync());
        }
    }

    [Fact]
    public async Task Seeded_chapter_is_published_with_unique_stable_slide_keys()
    {
        await using var db = await Db();

        var chapter = await db.Chapters.Include(c => c.Course).Include(c => c.Slides).SingleAsync();

        Assert.Equal(("ai-engineering", "Ingeniería de IA"), (chapter.Course.Slug, chapter.Course.Title));
        Assert.Equal((1, "foundation-models", "es", ChapterStatus.Published), (chapter.Number, chapter.Slug, chapter.Language, chapter.Status));
        Assert.Equal(73, chapter.Slides.Select(s => s.Key).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 73), chapter.Slides.Select(s => s.Position).Order());
    }
}
