using Course.Web.Data;

namespace Course.Web.Cli;

/// <summary>
/// <c>migrate-data --from sqlite:&lt;file&gt; --to postgres:&lt;connection string&gt;</c>: copies a whole
/// database into an empty one and verifies it. It starts no web host and never touches the database
/// the app is configured with.
/// </summary>
public static class DataMigrationCommand
{
    public static bool IsCommand(string[] args) => args is ["migrate-data", ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        DatabaseLocation from, to;
        try
        {
            var command = CommandLine.Parse(args);
            command.OnlyOptions("from", "to");
            from = DatabaseLocation.Parse(command.Required("from"));
            to = DatabaseLocation.Parse(command.Required("to"));
        }
        catch (Exception e) when (e is UsageException or FormatException or ArgumentException)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            await error.WriteLineAsync("usage: migrate-data --from sqlite:<file> --to postgres:<connection string>");
            return OperatorCommands.UsageError;
        }

        try
        {
            var tables = await new DataCopier(output).CopyAsync(from, to);
            await output.WriteLineAsync(
                $"Copied {tables.Sum(t => t.Rows)} rows in {tables.Count} tables from {from} to {to}; every table's row count and checksum match.");
            return OperatorCommands.Ok;
        }
        catch (DataCopyException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return OperatorCommands.InvalidInput;
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            await error.WriteLineAsync($"error: {e.GetBaseException().Message} (nothing was committed to {to})");
            return OperatorCommands.InvalidInput;
        }
    }
}
