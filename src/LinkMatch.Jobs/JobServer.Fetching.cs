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
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // A dispatcher that stops leaves a worker that heartbeats but never takes a job: log and go on.
                await BackOffAsync(e, fetching: false);
                continue;
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
            catch (Exception e)
            {
                _slots.Release(taken);
                await BackOffAsync(e, fetching: true);
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

        // A failed fetch of a database out of reach is a warning; anything else is a defect, logged as an error.
        async Task BackOffAsync(Exception e, bool fetching)
        {
            failures++;
            var delay = TimeSpan.FromMilliseconds(Math.Min(100 * Math.Pow(2, failures), 5000));
            if (fetching && TransientErrors.IsTransient(e))
            {
                JobLog.FetchFailed(_logger, e, delay);
            }
            else
            {
                JobLog.DispatchFailed(_logger, e, delay);
            }
            await DelayAsync(delay, stopping);
        }
    }

    /// <summary>Takes the worker slots for the next fetch: at least one, and every slot free now. While jobs are
    /// waiting (the last fetch came back full), it also waits a moment for half a batch of slots, so that short jobs
    /// are fetched in batches rather than one round trip each. Holds no slot if it throws.</summary>
    private async Task<int> TakeSlotsAsync(bool backlog, CancellationToken stopping)
    {
        await _slots.WaitAsync(stopping);
        var taken = 1;
        try
        {
            var batch = Math.Min(_options.FetchBatchSize, _options.Workers);
            while (taken < batch && _slots.Wait(0, CancellationToken.None))
            {
                taken++;
            }
            if (backlog && taken < batch / 2)
            {
                var gather = Stopwatch.StartNew();
                taken += await GatherSlotsAsync(_slots, batch / 2 - taken, BatchGatherTime, () => gather.Elapsed, stopping);
            }
            return taken;
        }
        catch
        {
            _slots.Release(taken);
            throw;
        }
    }

    /// <summary>Takes up to <paramref name="wanted"/> more slots as they free up, until <paramref name="budget"/> has
    /// passed; returns how many it took. The time left is read once per wait: read twice (once to check, once to
    /// wait), a thread paused between the two reads waited for a negative time, which <c>SemaphoreSlim</c> takes as
    /// "forever" at −1 ms and refuses with an exception below that, and the exception ended the dispatcher.</summary>
    internal static async Task<int> GatherSlotsAsync(SemaphoreSlim slots, int wanted, TimeSpan budget,
        Func<TimeSpan> elapsed, CancellationToken stopping)
    {
        var taken = 0;
        try
        {
            while (taken < wanted)
            {
                var left = budget - elapsed();
                if (left <= TimeSpan.Zero || !await slots.WaitAsync(left, stopping))
                {
                    break;
                }
                taken++;
            }
            return taken;
        }
        catch when (taken > 0)
        {
            slots.Release(taken);
            throw;
        }
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
