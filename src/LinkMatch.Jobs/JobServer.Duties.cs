
namespace LinkMatch.Jobs;

public sealed partial class JobServer
{
    private static readonly AttemptError WorkerLost = new(
        "The worker stopped heartbeating and is presumed dead; the attempt was abandoned.",
        "LinkMatch.Jobs.WorkerLost", null);

    private async Task EveryAsync(string name, TimeSpan interval, Func<CancellationToken, Task> duty,
        CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await duty(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (TransientErrors.IsTransient(e))
            {
                JobLog.LoopFailed(_logger, e, name);
            }
            catch (Exception e)
            {
                // Not a passing failure, but a loop that ended would stop the heartbeat, staging or rescue silently.
                JobLog.LoopBroken(_logger, e, name);
            }
            await DelayAsync(interval, cancellationToken);
        }
    }

    internal async Task HeartbeatOnceAsync(CancellationToken cancellationToken)
    {
        var running = _running.Values.ToArray();
        if (running.Length == 0)
        {
            return;
        }
        var owned = await _store.HeartbeatAsync(running.Select(r => r.Id).ToArray(),
            running.Select(r => r.Attempt).ToArray(), cancellationToken);
        foreach (var job in running)
        {
            if (!owned.Contains(job.Id) && !job.Finishing && _running.TryGetValue(job.Id, out var current)
                && ReferenceEquals(current, job))
            {
                JobLog.OwnershipLost(_logger, job.Id, job.Attempt);
                job.MarkLost();
            }
        }
    }

    /// <summary>Gives another attempt to jobs whose worker stopped heartbeating; the abandoned attempt counts.</summary>
    internal async Task<int> RescueOnceAsync(CancellationToken cancellationToken)
    {
        var rescued = 0;
        foreach (var (id, attempt, owner) in await _store.FindStaleAsync(_options.HeartbeatTimeout, cancellationToken))
        {
            var state = await _store.FailAsync(id, attempt, WorkerLost with { Details = $"owner: {owner}" },
                Backoff.Delay(attempt, _options), discard: false, staleAfter: _options.HeartbeatTimeout,
                cancellationToken);
            if (state is not null)
            {
                rescued++;
                JobLog.Rescued(_logger, id, attempt, owner, state);
            }
        }
        return rescued;
    }

    internal async Task StageOnceAsync(CancellationToken cancellationToken)
    {
        if (await _store.StageDueAsync(cancellationToken) > 0)
        {
            Wake();
        }
    }

    internal async Task RetentionOnceAsync(CancellationToken cancellationToken)
    {
        var deleted = await _store.DeleteExpiredAsync(_options.SucceededRetention, _options.DiscardedRetention,
            cancellationToken);
        if (deleted > 0)
        {
            JobLog.Deleted(_logger, deleted);
        }
    }

    internal Task<int> FireDueSchedulesAsync(CancellationToken cancellationToken) =>
        _scheduler.FireDueAsync(cancellationToken);

    private async Task SchedulerAsync(CancellationToken cancellationToken)
    {
        // The definitions in code are written to the table first; a database that is not up yet is waited for.
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _scheduler.SyncAsync(cancellationToken);
                break;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (TransientErrors.IsTransient(e))
            {
                JobLog.LoopFailed(_logger, e, "schedule sync");
                await DelayAsync(_options.SchedulerInterval * 5, cancellationToken);
            }
        }
        await EveryAsync("scheduler", _options.SchedulerInterval, async ct => await _scheduler.FireDueAsync(ct),
            cancellationToken);
    }
}
