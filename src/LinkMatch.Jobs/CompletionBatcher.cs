using System.Threading.Channels;

namespace LinkMatch.Jobs;

/// <summary>Marks jobs succeeded in batches: each job waits for the statement that records it, so nothing is
/// acknowledged early, but jobs that finish together share one round trip and one commit.</summary>
internal sealed class CompletionBatcher(JobStore store)
{
    private const int MaxBatch = 500;

    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(
        new UnboundedChannelOptions { SingleReader = true });

    /// <summary>True when the job was completed, false when this worker no longer owned it.</summary>
    public Task<bool> CompleteAsync(long id, int attempt)
    {
        var pending = new Pending(id, attempt, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The job server has stopped recording completions.");
        }
        return pending.Outcome.Task;
    }

    /// <summary>Records completions until <see cref="Complete"/> is called and every queued one is written.</summary>
    public async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _pending.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }
            try
            {
                var completed = await store.CompleteManyAsync(batch.Select(p => p.Id).ToArray(),
                    batch.Select(p => p.Attempt).ToArray(), CancellationToken.None);
                foreach (var item in batch)
                {
                    item.Outcome.TrySetResult(completed.Contains(item.Id));
                }
            }
            catch (Exception e) when (TransientErrors.IsTransient(e))
            {
                foreach (var item in batch)
                {
                    item.Outcome.TrySetException(e);
                }
            }
        }
    }

    public void Complete() => _pending.Writer.TryComplete();

    private sealed record Pending(long Id, int Attempt, TaskCompletionSource<bool> Outcome);
}
