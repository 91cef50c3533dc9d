using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Web.Tests.Infrastructure;

/// <summary>
/// The real app on real Kestrel (a free loopback port) with its own SQLite file in a temporary folder,
/// migrated and seeded exactly as on a first start. Disposing it deletes the folder.
/// </summary>
public sealed class CourseAppFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("course-tests-").FullName;

    public Uri BaseAddress { get; private set; } = null!;

    public CourseAppFactory()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:DataDirectory", DataDirectory);
    }

    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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
}

/// <summary>One app shared by the tests that only read, so the suite starts the server once.</summary>
[CollectionDefinition(Name)]
public sealed class SharedAppCollection : ICollectionFixture<CourseAppFactory>
{
    public const string Name = "Shared app";
}
