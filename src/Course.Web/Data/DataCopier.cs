using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Course.Web.Data;

/// <summary>A database named on the command line: <c>sqlite:&lt;file&gt;</c> or <c>postgres:&lt;connection string&gt;</c>.</summary>
public sealed record DatabaseLocation(DatabaseProvider Provider, string ConnectionString)
{
    public static DatabaseLocation Parse(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon > 0 ? value[..colon].ToLowerInvariant() : "";
        var rest = colon > 0 ? value[(colon + 1)..] : "";
        return scheme switch
        {
            "sqlite" when rest.Length > 0 => new(DatabaseProvider.Sqlite, DatabaseSetup.SqliteFileConnectionString(Path.GetFullPath(rest))),
            "postgres" or "postgresql" when rest.Length > 0 => new(DatabaseProvider.Postgres, rest),
            _ => throw new FormatException($"'{value}' is not a database: write sqlite:<file> or postgres:<connection string>."),
        };
    }

    public string? SqliteFile => Provider == DatabaseProvider.Sqlite
        ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource
        : null;

    /// <summary>For messages: the file, or host and database without the password.</summary>
    public override string ToString()
    {
        if (SqliteFile is { } file)
        {
            return "sqlite:" + file;
        }

        var postgres = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"postgres:{postgres.Host}:{postgres.Port}/{postgres.Database}";
    }

    public CourseDbContext CreateContext() => Provider switch
    {
        DatabaseProvider.Postgres => new PostgresCourseDbContext(DatabaseSetup.PostgresOptions<PostgresCourseDbContext>(ConnectionString)),
        _ => new CourseDbContext(DatabaseSetup.SqliteOptions(ConnectionString)),
    };
}

/// <summary>One table's result: rows copied and the checksum both sides agree on.</summary>
public sealed record TableCopy(string Table, long Rows, string Checksum);

public sealed class DataCopyException(string message) : Exception(message);

/// <summary>
/// Copies every table of one Course database into an empty one (SQLite to PostgreSQL when a school
/// grows), in one transaction, then compares each table's row count and checksum on both sides.
/// On any failure the target is left as empty as it was.
/// </summary>
public sealed class DataCopier(TextWriter log)
{
    private const int BatchSize = 2000;

    public async Task<IReadOnlyList<TableCopy>> CopyAsync(DatabaseLocation from, DatabaseLocation to, CancellationToken cancellationToken = default)
    {
        if (from.SqliteFile is { } file && !File.Exists(file))
        {
            throw new DataCopyException($"{file}: no such file.");
        }

        await using var source = from.CreateContext();
        await using var target = to.CreateContext();
        var pending = (await source.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            throw new DataCopyException(
                $"{from} lacks {pending.Count} migration(s) of this version (first: {pending[0]}); run 'migrate' on it first, then copy.");
        }

        await DatabaseSetup.MigrateAsync(target, cancellationToken);
        var tables = CopyOrder(target.Model);
        foreach (var type in tables)
        {
            if (await CountAsync(target, type, cancellationToken) > 0)
            {
                throw new DataCopyException(
                    $"{to} is not empty: table {type.GetTableName()} has rows. migrate-data only copies into an empty database, so nothing there is overwritten.");
            }
        }

        await using (var transaction = await target.Database.BeginTransactionAsync(cancellationToken))
        {
            foreach (var type in tables)
            {
                var rows = await CopyTableAsync(source, target, type, cancellationToken);
                await log.WriteLineAsync($"copied {type.GetTableName()}: {rows} rows");
            }

            if (target is PostgresCourseDbContext)
            {
                await AdvanceIdentitySequencesAsync(target, tables, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var results = new List<TableCopy>();
        foreach (var type in tables)
        {
            var expected = await ChecksumAsync(source, type, cancellationToken);
            var actual = await ChecksumAsync(target, type, cancellationToken);
            if (expected != actual)
            {
                throw new DataCopyException(
                    $"{type.GetTableName()} differs after the copy: {expected.Rows} rows ({expected.Checksum}) in {from}, {actual.Rows} rows ({actual.Checksum}) in {to}.");
            }

            results.Add(expected);
        }

        return results;
    }

    /// <summary>Each table after the tables it refers to, so foreign keys hold at every insert.</summary>
    public static IReadOnlyList<IEntityType> CopyOrder(IModel model)
    {
        var types = model.GetEntityTypes().Where(t => t.GetTableName() is not null && !t.IsOwned()).OrderBy(t => t.GetTableName(), StringComparer.Ordinal).ToList();
        var ordered = new List<IEntityType>();
        var visiting = new HashSet<IEntityType>();

        void Visit(IEntityType type)
        {
            if (ordered.Contains(type) || !visiting.Add(type))
            {
                return;
            }

            foreach (var principal in type.GetForeignKeys().Select(fk => fk.PrincipalEntityType).Where(p => p != type))
            {
                Visit(principal);
            }

            ordered.Add(type);
        }

        types.ForEach(Visit);
        return ordered;
    }

    private static Task<int> CountAsync(CourseDbContext db, IEntityType type, CancellationToken cancellationToken) =>
        (Task<int>)typeof(DataCopier).GetMethod(nameof(CountGenericAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type.ClrType).Invoke(null, [db, cancellationToken])!;

    private static Task<int> CountGenericAsync<T>(CourseDbContext db, CancellationToken cancellationToken)
        where T : class => db.Set<T>().CountAsync(cancellationToken);

    private static Task<long> CopyTableAsync(CourseDbContext source, CourseDbContext target, IEntityType type, CancellationToken cancellationToken) =>
        (Task<long>)typeof(DataCopier).GetMethod(nameof(CopyTableGenericAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type.ClrType).Invoke(null, [source, target, cancellationToken])!;

    private static async Task<long> CopyTableGenericAsync<T>(CourseDbContext source, CourseDbContext target, CancellationToken cancellationToken)
        where T : class
    {
        long rows = 0;
        var pending = 0;
        // Untracked rows have no navigations filled in, so marking each one Added inserts that row alone,
        // with its own key: references between tables stay exactly as they were.
        await foreach (var row in source.Set<T>().AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            target.Entry(row).State = EntityState.Added;
            rows++;
            if (++pending == BatchSize)
            {
                await target.SaveChangesAsync(cancellationToken);
                target.ChangeTracker.Clear();
                pending = 0;
            }
        }

        await target.SaveChangesAsync(cancellationToken);
        target.ChangeTracker.Clear();
        return rows;
    }

    /// <summary>Rows were inserted with their own ids, so each identity column must continue after the largest.</summary>
    private static async Task AdvanceIdentitySequencesAsync(CourseDbContext target, IEnumerable<IEntityType> tables, CancellationToken cancellationToken)
    {
        foreach (var type in tables)
        {
            var table = type.GetTableName()!;
            foreach (var key in type.FindPrimaryKey()!.Properties.Where(p => p.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAdd
                         && (p.ClrType == typeof(int) || p.ClrType == typeof(long))))
            {
                var column = key.GetColumnName(StoreObjectIdentifier.Table(table, type.GetSchema()))!;
                // Names come from our own model, never from input.
                var sql = string.Concat(
                    "SELECT setval(pg_get_serial_sequence('\"", table, "\"', '", column, "'), COALESCE(MAX(\"", column, "\"), 0) + 1, false) FROM \"", table, "\"");
                await target.Database.ExecuteSqlRawAsync(sql, cancellationToken);
            }
        }
    }

    private static Task<TableCopy> ChecksumAsync(CourseDbContext db, IEntityType type, CancellationToken cancellationToken) =>
        (Task<TableCopy>)typeof(DataCopier).GetMethod(nameof(ChecksumGenericAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type.ClrType).Invoke(null, [db, type.GetTableName()!, cancellationToken])!;

    /// <summary>
    /// Count plus an order-independent checksum: the sum of every row's SHA-256 prefix, over all mapped
    /// properties in a provider-neutral form (timestamps to the microsecond, PostgreSQL's precision).
    /// </summary>
    private static async Task<TableCopy> ChecksumGenericAsync<T>(CourseDbContext db, string table, CancellationToken cancellationToken)
        where T : class
    {
        var properties = db.Model.FindEntityType(typeof(T))!.GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        ulong sum = 0;
        long rows = 0;
        var text = new StringBuilder();
        await foreach (var row in db.Set<T>().AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            text.Clear();
            foreach (var property in properties)
            {
                var value = property.PropertyInfo?.GetValue(row) ?? property.FieldInfo?.GetValue(row);
                text.Append(property.Name).Append('=').Append(Canonical(value)).Append('\u001f');
            }

            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
            sum = unchecked(sum + BitConverter.ToUInt64(hash, 0));
            rows++;
        }

        return new TableCopy(table, rows, sum.ToString("x16", CultureInfo.InvariantCulture));
    }

    private static string Canonical(object? value) => value switch
    {
        null => "\u2400",
        DateTimeOffset d => (d.UtcTicks / 10).ToString(CultureInfo.InvariantCulture),
        DateTime d => (d.Ticks / 10).ToString(CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
