using System.Diagnostics;
using System.Text;
using Course.Web.Tests.Infrastructure;

namespace Course.Web.Tests.Cli;

/// <summary>
/// The app as operators get it: <c>dotnet publish -c Release</c> into a temporary folder, once per test run,
/// then run as <c>dotnet Course.Web.dll …</c> from that folder (the image's WORKDIR), each run with a database
/// of its own: a new SQLite folder, or a new PostgreSQL database when the run has COURSE_TEST_POSTGRES.
/// </summary>
public sealed class PublishedApp : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("course-published-").FullName;

    public PublishedApp()
    {
        var project = Path.Combine(RepositoryRoot(), "src", "Course.Web", "Course.Web.csproj");
        // The test build has restored already. No build servers: one would outlive the publish holding its pipes.
        var publish = Start("dotnet", ["publish", project, "-c", "Release", "-o", Folder, "--no-restore", "--disable-build-servers", "-nologo"],
            Folder, new Dictionary<string, string?>());
        var result = publish.WaitAsync().GetAwaiter().GetResult();
        if (result.Exit != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({result.Exit}):\n{Encoding.UTF8.GetString(result.Output)}\n{result.Error}");
        }
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    /// <summary>Runs <c>dotnet Course.Web.dll args</c> in an environment (Development, Production) on a fresh database.</summary>
    public async Task<CommandRun> RunAsync(string environment, params string[] args)
    {
        var data = Directory.CreateTempSubdirectory("course-published-data-").FullName;
        var postgres = CourseAppFactory.CreatePostgresDatabase();
        var variables = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["DOTNET_ENVIRONMENT"] = environment,
            ["Database__DataDirectory"] = data,
            ["Database__Provider"] = postgres is null ? null : "Postgres",
            ["ConnectionStrings__Course"] = postgres,
        };
        try
        {
            var (exit, output, error) = await Start("dotnet", [Path.Combine(Folder, "Course.Web.dll"), .. args], Folder, variables).WaitAsync();
            return new CommandRun(exit, output, error, postgres is null ? "SQLite" : "PostgreSQL");
        }
        finally
        {
            if (postgres is not null)
            {
                CourseAppFactory.DropPostgresDatabase(postgres);
            }

            Directory.Delete(data, recursive: true);
        }
    }

    private static RunningProcess Start(string file, string[] args, string workingDirectory, Dictionary<string, string?> variables)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        args.ToList().ForEach(start.ArgumentList.Add);

        // What the test process carries must not reach the app: only the variables this run sets.
        foreach (var name in start.Environment.Keys.Where(IsAppSetting).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return new RunningProcess(process);
    }

    private static bool IsAppSetting(string name) =>
        name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || name.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
        || name.Contains("__", StringComparison.Ordinal) || name.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase);

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Course.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException($"no Course.sln above {AppContext.BaseDirectory}");
    }

    private sealed class RunningProcess(Process process)
    {
        // Both streams are read at once, so neither fills its pipe and stalls the app.
        private readonly Task<byte[]> output = ReadAllAsync(process.StandardOutput.BaseStream);
        private readonly Task<byte[]> error = ReadAllAsync(process.StandardError.BaseStream);

        public async Task<(int Exit, byte[] Output, string Error)> WaitAsync()
        {
            using (process)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
                await process.WaitForExitAsync(timeout.Token);
                return (process.ExitCode, await output, Encoding.UTF8.GetString(await error));
            }
        }

        private static async Task<byte[]> ReadAllAsync(Stream stream)
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            return buffer.ToArray();
        }
    }
}

/// <summary>A published-app run: its exit code, its standard output byte for byte, its standard error.</summary>
public sealed record CommandRun(int Exit, byte[] OutputBytes, string Error, string Provider)
{
    public string Output => Encoding.UTF8.GetString(OutputBytes);
}

/// <summary>The tests that run the published app, so it is published once.</summary>
[CollectionDefinition(Name)]
public sealed class PublishedAppCollection : ICollectionFixture<PublishedApp>
{
    public const string Name = "Published app";
}
