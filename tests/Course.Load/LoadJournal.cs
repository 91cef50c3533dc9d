using System.Globalization;

namespace Course.Load;

/// <summary>
/// What the server confirmed to each learner, one line an action, written as it happens (<c>--journal FILE</c>):
/// <c>sent-ms confirmed-ms account kind detail</c>, tab-separated, times in Unix milliseconds. A crash test reads
/// it after killing the server: a confirmed quiz submission must be stored, and progress confirmed long enough
/// before the kill must be too.
/// </summary>
public sealed class LoadJournal(string path) : IDisposable
{
    private readonly StreamWriter writer = new(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    private readonly Lock gate = new();

    public void Write(string? account, string kind, DateTimeOffset sent, string detail = "")
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{sent.ToUnixTimeMilliseconds()}\t{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}\t{account ?? "anonymous"}\t{kind}\t{detail}");
        lock (gate)
        {
            writer.WriteLine(line);
        }
    }

    public void Dispose() => writer.Dispose();
}
