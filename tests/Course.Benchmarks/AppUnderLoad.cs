using Course.Web.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Course.Web.Data;

namespace Course.Benchmarks;

/// <summary>The real app (Production settings, its own SQLite file in a temp folder), hosted in-process for load runs.</summary>
public sealed class AppUnderLoad : WebApplicationFactory<Course.Web.SharedResource>
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("course-load-").FullName;

    public AppUnderLoad()
    {
        // The factory looks for the app's folder beside the solution; tell it where it is.
        var repo = new DirectoryInfo(AppContext.BaseDirectory);
        while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "Course.sln")))
        {
            repo = repo.Parent;
        }

        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_COURSE_WEB",
            Path.Combine(repo?.FullName ?? ".", "src", "Course.Web"));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:DataDirectory", DataDirectory);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    /// <summary>Creates learner accounts straight through the store (no password hashing, which is not what is measured).</summary>
    public async Task<List<string>> CreateLearnersAsync(int count)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Course.Web.Data.CourseDbContext>();
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var user = new AppUser { UserName = $"learner{i}@example.com", NormalizedUserName = $"LEARNER{i}@EXAMPLE.COM", Email = $"learner{i}@example.com", CreatedAt = DateTimeOffset.UtcNow };
            db.Users.Add(user);
            ids.Add(user.Id);
        }

        await db.SaveChangesAsync();
        return ids;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
