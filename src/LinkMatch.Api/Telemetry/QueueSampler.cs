using System.Diagnostics.Metrics;
using LinkMatch.Api.Matching.Models;
using LinkMatch.Jobs;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LinkMatch.Api.Telemetry;

/// <summary>The job queue's depth and age and the serving model's version, read from the database when a collection
/// asks and the last reading is older than <see cref="TelemetryOptions.QueueSampleSeconds"/>. Gauges are read
/// synchronously, so a stale reading starts a new one in the background and the collection takes the last; only the
/// very first collection waits (briefly) for one. Nobody scraping means no queries.</summary>
public sealed class QueueSampler(JobAdmin jobs, NpgsqlDataSource db, IOptions<TelemetryOptions> options,
    TimeProvider time, ILogger<QueueSampler> logger)
{
    private static readonly TimeSpan FirstReadingWait = TimeSpan.FromSeconds(2);
    private readonly Lock _gate = new();
    private Reading? _last;
    private Task? _reading;

    public IEnumerable<Measurement<long>> Depth() =>
        Current()?.Stats.Queues.SelectMany(q => new[]
        {
            Measure(q.Depth, q.Queue, "available"), Measure(q.Scheduled, q.Queue, "scheduled"),
            Measure(q.Retryable, q.Queue, "retryable"), Measure(q.Processing, q.Queue, "processing"),
        }) ?? [];

    public IEnumerable<Measurement<double>> OldestAge() =>
        Current()?.Stats.Queues.Select(q => new Measurement<double>(q.OldestAvailableAge?.TotalSeconds ?? 0,
            new KeyValuePair<string, object?>("queue", q.Queue))) ?? [];

    public IEnumerable<Measurement<long>> ServingModel() =>
        Current() is { ServingVersion: { } version } ? [new Measurement<long>(version)] : [];

    private static Measurement<long> Measure(long value, string queue, string state) =>
        new(value, new KeyValuePair<string, object?>("queue", queue), new KeyValuePair<string, object?>("state", state));

    private Reading? Current()
    {
        Task? pending;
        lock (_gate)
        {
            var maxAge = TimeSpan.FromSeconds(options.Value.QueueSampleSeconds);
            if (_reading is null && (_last is null || time.GetUtcNow() - _last.At > maxAge))
            {
                _reading = Task.Run(ReadAsync);
            }

            pending = _last is null ? _reading : null;
        }

        pending?.Wait(FirstReadingWait);
        return _last;
    }

    private async Task ReadAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var stats = await jobs.GetStatsAsync(timeout.Token);
            int? serving;
            await using (var conn = await db.OpenConnectionAsync(timeout.Token))
            {
                serving = await ModelRegistry.ServingVersionAsync(conn, null, timeout.Token);
            }

            _last = new Reading(time.GetUtcNow(), stats, serving);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            // The last reading stays; the health checks report the database.
            logger.LogWarning("Could not read the job queue's figures for metrics: {Reason}", e.Message);
        }
        finally
        {
            lock (_gate)
            {
                _reading = null;
            }
        }
    }

    private sealed record Reading(DateTimeOffset At, JobStats Stats, int? ServingVersion);
}
