using System.Diagnostics;
using System.Text;

namespace Course.Web.Tests.Reliability;

/// <summary>
/// The published app (<see cref="Cli.PublishedApp"/>'s folder) running as a server process on a port, with only
/// the settings given; killed with SIGKILL (<see cref="Process.Kill()"/> on Linux) the way a crash or an
/// out-of-memory kill ends it, or run as an operator command against the same database.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    private ServerProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => process.Id;

    /// <summary>What the process wrote so far (its last 20,000 characters), for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.Length > 20_000 ? log.ToString(log.Length - 20_000, 20_000) : log.ToString();
            }
        }
    }

    private readonly Stopwatch sinceStart = Stopwatch.StartNew();

    /// <summary>When the process said it listens (Kestrel's "Now listening on"), from its start.</summary>
    public TimeSpan? Listening { get; private set; }

    private void Append(string? line)
    {
        if (line is not null)
        {
            if (Listening is null && line.Contains("Now listening on", StringComparison.Ordinal))
            {
                Listening = sinceStart.Elapsed;
            }

            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }

    /// <summary>Starts <c>dotnet Course.Web.dll args</c> from the published folder with these settings and no others.</summary>
    public static ServerProcess Start(string folder, IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(folder, "Course.Web.dll"));
        args.ToList().ForEach(start.ArgumentList.Add);
        foreach (var name in start.Environment.Keys.Where(IsAppSetting).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        return new ServerProcess(Process.Start(start)!);
    }

    private static bool IsAppSetting(string name) =>
        name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || name.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
        || name.Contains("__", StringComparison.Ordinal) || name.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase);

    /// <summary>Waits until <c>/health/ready</c> answers 200 (migrated, database reachable).</summary>
    public async Task WaitReadyAsync(Uri address, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with {process.ExitCode}:\n{Log}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(address, "/health/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"the server was not ready within {timeout.TotalSeconds:0} s:\n{Log}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no queue drained, nothing flushed.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync();
    }

    /// <summary>Waits for an operator command to end; its exit code.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return process.ExitCode;
    }

    private bool disposed;

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        await KillAsync();
        process.Dispose();
    }
}
