using Npgsql;

namespace LinkMatch.Api.Database;

/// <summary>The connection and transaction one handler's work runs in, disposed together: the shell of the shared
/// handler starts (a workflow action, a change to a vacancy, the handlers of one seeker). Nothing is kept unless the
/// handler commits.</summary>
internal abstract class HandlerTransaction(NpgsqlConnection conn, NpgsqlTransaction tx) : IAsyncDisposable
{
    public NpgsqlConnection Conn { get; } = conn;
    public NpgsqlTransaction Tx { get; } = tx;

    public Task CommitAsync(CancellationToken ct) => Tx.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await Tx.DisposeAsync();
        await Conn.DisposeAsync();
    }
}
