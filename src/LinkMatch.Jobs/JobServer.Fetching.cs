using System.Diagnostics;
using System.Threading.Channels;

namespace LinkMatch.Jobs;

public sealed partial class JobServer
{
    private async Task DispatchAsync(ChannelReader<bool> wake, CancellationToken stopping)
    {
        var failures = 0;
        var backlog = false;
        while (!stopping.IsCancellationRequested)
        {
            int taken;
            try
            {
                taken = await TakeSlotsAsync(backlog, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            // A notification that arrives during the fetch is kept and makes the next wait return at once.
            while (wake.TryRead(out _))
            {
            }
            IReadOnlyList<FetchedJob> jobs;
            try
            {
                // Not cancelled by the stop: a fetch cut off after its commit would leave jobs nobody runs.
                jobs = await _store.FetchAsync(_queues, taken, Name, CancellationToken.None);
                failures = 0;
            }
            catch (Exception e) when (TransientErrors.IsTransient(e))
            {
                _slots.Release(taken);
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(100 * Math.Pow(2, failures), 5000));
                JobLog.FetchFailed(_logger, e, delay);
                await DelayAsync(delay, stopping);
                continue;
            }
            if (jobs.Count < taken)
            {
                _slots.Release(taken - jobs.Count);
            }
            foreach (var job in jobs)
            {
                Start(job);
            }
            backlog = jobs.Count == taken;
            if (!backlog)
            {
                await WaitForWakeAsync(wake, stopping);
            }
        }
    }

    /// <summary>Takes the worker slots for the next fetch: at least one, and every slot free now. While jobs are
    /// waiting (the last fetch came back full), it also waits a moment for half a batch of slots, so that short jobs
    /// are fetched in batches rather than one round trip each.</summary>
    private async Task<int> TakeSlotsAsync(bool backlog, CancellationToken stopping)
    {
        await _slots.WaitAsync(stopping);
        var taken = 1;
        var batch = Math.Min(_options.FetchBatchSize, _options.Workers);
        while (taken < batch && _slots.Wait(0, CancellationToken.None))
        {
            taken++;
        }
        if (backlog && taken < batch / 2)
        {
            var gather = Stopwatch.StartNew();
            try
            {
                while (taken < batch / 2 && gather.Elapsed < BatchGatherTime
                    && await _slots.WaitAsync(BatchGatherTime - gather.Elapsed, stopping))
                {
                    taken++;
                }
            }
            catch (OperationCanceledException)
            {
                _slots.Release(taken);
                throw;
            }
        }
        return taken;
    }

    private async Task WaitForWakeAsync(ChannelReader<bool> wake, CancellationToken stopping)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(_options.PollInterval);
        try
        {
            await wake.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
