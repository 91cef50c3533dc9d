using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Course.Web.Data;

public static class DatabaseFailures
{
    /// <summary>
    /// A failure that may pass by itself, so the same work may be tried again: a busy or locked SQLite
    /// file, a lost, refused or timed-out connection (what the provider calls transient), wherever it is
    /// in the chain of inner exceptions (EF wraps them in DbUpdateException and others).
    /// </summary>
    public static bool IsTransient(Exception failure) => failure switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode is SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED,
        DbException { IsTransient: true } => true,
        TimeoutException => true,
        { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };
}
