using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace LinkMatch.Jobs;

public sealed partial class JobServer
{
    private void Start(FetchedJob job)
    {
        var running = new RunningJob(job.Id, job.Attempt, _abort.Token);
        _running[job.Id] = running;
        running.Completion = Task.Run(() => RunAsync(job, running), CancellationToken.None);
    }

    private async Task RunAsync(FetchedJob job, RunningJob running)
    {
        var token = running.Token;
        var slotReleased = false;
        var started = Stopwatch.GetTimestamp();
        using var activity = JobMetrics.StartAttempt(job);
        try
        {
            try
            {
                if (!_handlers.TryGetValue(job.Kind, out var registration))
                {
                    // Retried, not discarded: during a rolling deployment another instance may know the kind.
                    throw new InvalidOperationException($"No handler is registered for job kind '{job.Kind}'.");
                }
                await using var scope = _scopes.CreateAsyncScope();
                var handler = registration.Factory(scope.ServiceProvider);
                // A heartbeat that waits on the completion's row lock then finds the job succeeded: not a loss.
                var context = new JobContext(job, _store, () => running.Finishing = true, token);
                await handler.ExecuteAsync(context, token);
                if (!context.CompletedWithin)
                {
                    running.Finishing = true;
                    // The worker is free once the handler has returned; the job stays this process's (heartbeat,
                    // shutdown) until its completion is written.
                    _slots.Release();
                    slotReleased = true;
                    if (!await _completions.CompleteAsync(job.Id, job.Attempt))
                    {
                        JobLog.OwnershipLost(_logger, job.Id, job.Attempt);
                        return;
                    }
                }

                JobMetrics.Finished(job, JobMetrics.Outcomes.Succeeded, Stopwatch.GetElapsedTime(started), activity);
            }
            catch (JobOwnershipLostException)
            {
                JobLog.OwnershipLost(_logger, job.Id, job.Attempt);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                if (running.Lost)
                {
                    JobLog.OwnershipLost(_logger, job.Id, job.Attempt);
                }
                else
                {
                    await ReleaseAsync(job.Id, job.Attempt);
                }
            }
            catch (Exception e)
            {
                running.Finishing = true;
                var delay = Backoff.Delay(job.Attempt, _options);
                var state = await _store.FailAsync(job.Id, job.Attempt, AttemptError.From(e), delay,
                    discard: e is PermanentJobFailureException, staleAfter: null, CancellationToken.None);
                if (state is null)
                {
                    JobLog.OwnershipLost(_logger, job.Id, job.Attempt);
                }
                else
                {
                    JobLog.AttemptFailed(_logger, e, job.Id, job.Kind, job.Attempt, state);
                    JobMetrics.Finished(job, state == JobState.Retryable ? JobMetrics.Outcomes.Retried
                        : JobMetrics.Outcomes.Failed, Stopwatch.GetElapsedTime(started), activity);
                }
            }
        }
        catch (Exception e) when (TransientErrors.IsTransient(e))
        {
            // The database is out of reach: the job stays processing, its heartbeat stops with this method, and
            // the rescue gives it another attempt.
            JobLog.BookkeepingFailed(_logger, e, job.Id, job.Attempt);
        }
        finally
        {
            _running.TryRemove(new KeyValuePair<long, RunningJob>(job.Id, running));
            running.Dispose();
            if (!slotReleased)
            {
                _slots.Release();
            }
        }
    }

    private async Task ReleaseAsync(long id, int attempt)
    {
        try
        {
            var state = await _store.ReleaseAsync(id, attempt, CancellationToken.None);
            JobLog.Released(_logger, id, attempt, state);
        }
        catch (Exception e) when (TransientErrors.IsTransient(e))
        {
            JobLog.BookkeepingFailed(_logger, e, id, attempt);
        }
    }

    /// <summary>A job this process runs: its attempt (for the fence) and the cancellation of its handler.</summary>
    private sealed class RunningJob(long id, int attempt, CancellationToken abort) : IDisposable
    {
        private readonly CancellationTokenSource _cancellation = CancellationTokenSource.CreateLinkedTokenSource(abort);
        private readonly Lock _gate = new();
        private bool _disposed;
        private volatile bool _lost;

        public long Id { get; } = id;

        public int Attempt { get; } = attempt;

        public CancellationToken Token => _cancellation.Token;

        public Task Completion { get; set; } = Task.CompletedTask;

        /// <summary>The handler has returned, or has written its completion; the outcome is being recorded.</summary>
        public volatile bool Finishing;

        public bool Lost => _lost;

        /// <summary>The job is no longer this worker's: the handler is told to stop.</summary>
        public void MarkLost()
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }
                _lost = true;
                _cancellation.Cancel();
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                _cancellation.Dispose();
            }
        }
    }
}
