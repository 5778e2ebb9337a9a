using Npgsql;

namespace LinkMatch.Jobs;

/// <summary>The failures the job server's loops log and retry after a pause rather than stop on: the database or the
/// network went away, a command timed out, a connection was in the wrong state.</summary>
internal static class TransientErrors
{
    public static bool IsTransient(Exception e) =>
        e is NpgsqlException or IOException or TimeoutException or InvalidOperationException;
}
