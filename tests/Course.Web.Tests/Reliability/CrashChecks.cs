using System.Globalization;
using System.Text.RegularExpressions;
using Course.Web.Data;
using Course.Web.Progress;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Course.Web.Tests.Reliability;

/// <summary>One action the server confirmed to a simulated learner (the load client's <c>--journal</c>).</summary>
public sealed record JournalLine(DateTimeOffset Sent, DateTimeOffset Confirmed, string Account, string Kind, string Detail)
{
    public static List<JournalLine> Read(string path) => !File.Exists(path) ? [] : File.ReadAllLines(path)
        .Select(line => line.Split('\t'))
        .Where(fields => fields.Length == 5) // a line cut short by the kill of the client is not a confirmation
        .Select(f => new JournalLine(Time(f[0]), Time(f[1]), f[2], f[3], f[4]))
        .ToList();

    private static DateTimeOffset Time(string ms) => DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(ms, CultureInfo.InvariantCulture));
}

/// <summary>A publish the instructor saw confirmed ("Version N published.") with the line it added.</summary>
public sealed record ConfirmedPublish(int Version, string Tag);

/// <summary>
/// What must hold in the database after a SIGKILL and a restart: the database's own integrity check, every
/// confirmed quiz submission stored once, progress confirmed more than <see cref="ProgressRecorder.WrittenWithin"/>
/// before the kill stored, and the published chapter whole (its slides are the latest version's, nothing between).
/// </summary>
public sealed partial class CrashChecks(string? postgres, string sqliteFile)
{
    public const string MarkerLine = "Nota de prueba";

    public CourseDbContext Open() => postgres is null
        ? new CourseDbContext(DatabaseSetup.SqliteOptions(DatabaseSetup.SqliteFileConnectionString(sqliteFile)))
        : new PostgresCourseDbContext(DatabaseSetup.PostgresOptions<PostgresCourseDbContext>(postgres));

    /// <summary>SQLite's <c>PRAGMA integrity_check</c>, or amcheck's <c>bt_index_check</c> (with heap check) over every B-tree index.</summary>
    public async Task<List<string>> IntegrityAsync()
    {
        var problems = new List<string>();
        if (postgres is null)
        {
            await using var sqlite = new SqliteConnection(DatabaseSetup.SqliteFileConnectionString(sqliteFile));
            await sqlite.OpenAsync();
            await using var check = new SqliteCommand("PRAGMA integrity_check", sqlite);
            await using var reader = await check.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (reader.GetString(0) != "ok")
                {
                    problems.Add("integrity_check: " + reader.GetString(0));
                }
            }

            return problems;
        }

        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using (var extension = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS amcheck", connection))
        {
            await extension.ExecuteNonQueryAsync();
        }

        const string indexes = """
            SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
            JOIN pg_namespace n ON n.oid = c.relnamespace WHERE am.amname = 'btree' AND n.nspname = 'public' AND i.indisvalid
            """;
        var names = new List<string>();
        await using (var list = new NpgsqlCommand(indexes, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        if (names.Count == 0)
        {
            problems.Add("amcheck: no index found to check");
        }

        foreach (var name in names)
        {
            try
            {
                await using var check = new NpgsqlCommand("SELECT bt_index_check(@index::regclass, true)", connection);
                check.Parameters.AddWithValue("index", $"\"{name}\"");
                await check.ExecuteNonQueryAsync();
            }
            catch (PostgresException e)
            {
                problems.Add($"amcheck {name}: {e.MessageText}");
            }
        }

        return problems;
    }

    /// <summary>
    /// Confirmed submissions each stored once. A learner's quiz may have one more attempt stored than confirmed per
    /// kill so far (submitted as the server died, its result never shown), never a copy of one.
    /// </summary>
    public async Task<List<string>> SubmissionsAsync(IReadOnlyList<JournalLine> journal, int unconfirmedAllowed)
    {
        var problems = new List<string>();
        await using var db = Open();
        foreach (var learner in journal.Where(l => l.Kind == "submit").GroupBy(l => (l.Account, Quiz: l.Detail)))
        {
            var user = await db.Users.Where(u => u.Email == learner.Key.Account).Select(u => u.Id).SingleOrDefaultAsync();
            var stored = await db.QuizAttemptRecords.Where(a => a.UserId == user && a.QuizSlug == learner.Key.Quiz)
                .Select(a => new { a.StartedAt, Answers = a.Answers.Count }).ToListAsync();
            var confirmed = learner.Count();
            if (stored.Count < confirmed || stored.Count > confirmed + unconfirmedAllowed)
            {
                problems.Add($"{learner.Key.Account} {learner.Key.Quiz}: {confirmed} submission(s) confirmed, {stored.Count} stored");
            }

            if (stored.Select(a => a.StartedAt).Distinct().Count() != stored.Count)
            {
                problems.Add($"{learner.Key.Account} {learner.Key.Quiz}: an attempt is stored twice");
            }

            if (stored.Any(a => a.Answers == 0))
            {
                problems.Add($"{learner.Key.Account} {learner.Key.Quiz}: an attempt is stored without its answers");
            }
        }

        return problems;
    }

    /// <summary>
    /// Each learner's last progress confirmed more than the writer's bound before the kill that followed it is in
    /// the database (what was confirmed within the bound before a kill may be lost with that kill).
    /// </summary>
    public async Task<List<string>> ProgressAsync(IReadOnlyList<JournalLine> journal, IReadOnlyList<DateTimeOffset> kills, int chapterId)
    {
        var problems = new List<string>();
        await using var db = Open();
        var killedAt = kills[^1];
        bool Due(JournalLine line) => kills.FirstOrDefault(k => k >= line.Confirmed) is var next && next != default && line.Confirmed <= next - ProgressRecorder.WrittenWithin;
        foreach (var learner in journal.Where(l => l.Kind == "progress" && Due(l)).GroupBy(l => l.Account))
        {
            var last = learner.Max(l => l.Sent);
            var user = await db.Users.Where(u => u.Email == learner.Key).Select(u => u.Id).SingleOrDefaultAsync();
            var stored = await db.ChapterProgress.Where(p => p.UserId == user && p.ChapterId == chapterId).Select(p => (DateTimeOffset?)p.LastActivityAt).SingleOrDefaultAsync();
            if (stored is null || stored < last)
            {
                problems.Add($"{learner.Key}: progress confirmed at {last:HH:mm:ss.fff} (kill at {killedAt:HH:mm:ss.fff}) is lost; stored: {stored?.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) ?? "none"}");
            }
        }

        return problems;
    }

    /// <summary>The chapter learners see is one published version, whole; every confirmed publish has its version.</summary>
    public async Task<List<string>> PublishedAsync(int chapterId, IReadOnlyList<ConfirmedPublish> confirmed)
    {
        var problems = new List<string>();
        await using var db = Open();
        var versions = await db.ChapterVersions.Where(v => v.ChapterId == chapterId).ToListAsync();
        var latest = versions.MaxBy(v => v.Number);
        var slides = await db.Slides.Where(s => s.ChapterId == chapterId).CountAsync();
        var markers = (await db.Segments.Where(s => db.Slides.Any(x => x.Id == s.SlideId && x.ChapterId == chapterId) && s.Text.StartsWith(MarkerLine))
            .Select(s => s.Text).ToListAsync()).Select(t => Marker().Match(t).Groups[1].Value).Order(StringComparer.Ordinal).ToList();
        var expected = latest is null ? [] : Marker().Matches(latest.ScriptText).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();
        if (latest is not null && slides != latest.SlideCount)
        {
            problems.Add($"the chapter has {slides} slides; its latest version {latest.Number} has {latest.SlideCount}");
        }

        if (!markers.SequenceEqual(expected))
        {
            problems.Add($"the chapter's slides carry [{string.Join(", ", markers)}]; its latest version {latest?.Number} carries [{string.Join(", ", expected)}]");
        }

        foreach (var publish in confirmed)
        {
            if (versions.SingleOrDefault(v => v.Number == publish.Version) is not { } version || !version.ScriptText.Contains($"{MarkerLine} {publish.Tag} ", StringComparison.Ordinal))
            {
                problems.Add($"the confirmed publish of version {publish.Version} ({publish.Tag}) is not stored");
            }
        }

        return problems;
    }

    [GeneratedRegex(MarkerLine + @" (\S+)")]
    private static partial Regex Marker();
}
