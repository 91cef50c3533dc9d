using System.Globalization;

namespace Course.Load;

/// <summary>
/// The server's CPU and resident memory from /proc, when it runs on this machine: by process id, or found as
/// the process listening on the server's port (/proc/net/tcp's listening socket, then whose file descriptor it is).
/// </summary>
public sealed class ServerStats(int pid)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux
    private (double CpuSeconds, DateTime At)? last;

    public int Pid { get; } = pid;

    /// <summary>CPU use since the previous sample (100 % = one core) and resident memory in MB; null if gone.</summary>
    public (double CpuPercent, double RssMb)? Sample()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{Pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var cpu = (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
            var rssLine = File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            var rssKb = double.Parse(rssLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            var now = DateTime.UtcNow;
            var percent = last is { } previous ? (cpu - previous.CpuSeconds) / (now - previous.At).TotalSeconds * 100 : 0;
            last = (cpu, now);
            return (percent, rssKb / 1024);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The local process listening on <paramref name="port"/>, if this user can see it.</summary>
    public static ServerStats? ForPort(int port)
    {
        var inodes = new HashSet<string>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var local = f[1];
                if (f[3] == "0A" && int.Parse(local[(local.LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                {
                    inodes.Add($"socket:[{f[9]}]");
                }
            }
        }

        if (inodes.Count == 0)
        {
            return null;
        }

        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(process), out var pid))
            {
                continue;
            }

            try
            {
                if (Directory.EnumerateFileSystemEntries($"{process}/fd").Any(fd => new FileInfo(fd).LinkTarget is { } target && inodes.Contains(target)))
                {
                    return new ServerStats(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another user's process, or one that just ended.
            }
        }

        return null;
    }
}
