using Microsoft.Extensions.Logging;
using Npgsql;

namespace LinkMatch.Jobs;

/// <summary>Holds one LISTEN connection per process and wakes the workers on every notification. Reconnects with
/// backoff when the connection breaks; polling keeps the queue moving meanwhile.</summary>
internal sealed class NotificationListener(NpgsqlDataSource dataSource, Action wake, ILogger logger)
{
    /// <summary>The <c>application_name</c> of the listening session, as seen in <c>pg_stat_activity</c>.</summary>
    public const string ApplicationName = "linkmatch-jobs-listener";

    // A connection that silently died (no FIN) is noticed by the next round trip.
    private static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var retryDelay = FirstRetryDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                connection.Notification += (_, _) => wake();
                await using (var command = new NpgsqlCommand(
                    $"set application_name = '{ApplicationName}'; listen {JobQueue.NotificationChannel}", connection))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
                retryDelay = FirstRetryDelay;
                JobLog.Listening(logger);
                // Jobs enqueued while nobody listened notified no one.
                wake();
                while (!cancellationToken.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(KeepAliveInterval, cancellationToken))
                    {
                        await using var ping = new NpgsqlCommand("select 1", connection);
                        await ping.ExecuteScalarAsync(cancellationToken);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (TransientErrors.IsTransient(e))
            {
                JobLog.ListenerFailed(logger, e, retryDelay);
                try
                {
                    await Task.Delay(retryDelay, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }
}
