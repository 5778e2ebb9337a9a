using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LinkMatch.Jobs;

/// <summary>Runs jobs in this process: workers fed by one dispatcher (woken by LISTEN/NOTIFY, polling as a
/// backstop), a heartbeat for the jobs it runs, and the shared duties every instance may take part in (staging due
/// jobs, rescue, retention, recurring schedules). Usable with or without the Generic Host.</summary>
public sealed partial class JobServer : IAsyncDisposable
{
    private readonly JobStore _store;
    private readonly JobQueueOptions _options;
    private readonly string[] _queues;
    private readonly Dictionary<string, JobHandlerRegistration> _handlers;
    private readonly IServiceScopeFactory _scopes;
    private readonly RecurringScheduler _scheduler;
    private readonly NotificationListener _listener;
    private readonly CompletionBatcher _completions;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots;
    // The longest a fetch waits for more free workers while jobs are waiting in the queue.
    private static readonly TimeSpan BatchGatherTime = TimeSpan.FromMilliseconds(10);

    // One wake-up signal per fetcher; a notification wakes them all.
    private readonly Channel<bool>[] _wake;
    private readonly ConcurrentDictionary<long, RunningJob> _running = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _heartbeatStop = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly List<Task> _loops = [];
    private Task _heartbeat = Task.CompletedTask;
    private Task _completionLoop = Task.CompletedTask;
    private int _lifecycle;

    public JobServer(NpgsqlDataSource dataSource, JobQueue queue, IServiceScopeFactory scopes,
        IEnumerable<JobHandlerRegistration> handlers, IEnumerable<RecurringJob> schedules,
        IOptions<JobQueueOptions> options, ILogger<JobServer> logger)
    {
        _options = options.Value;
        _queues = _options.EffectiveQueues;
        _scopes = scopes;
        _logger = logger;
        _store = new JobStore(dataSource);
        _handlers = [];
        foreach (var registration in handlers)
        {
            if (!_handlers.TryAdd(registration.Kind, registration))
            {
                throw new InvalidOperationException($"Two handlers are registered for job kind '{registration.Kind}'.");
            }
        }
        _scheduler = new RecurringScheduler(dataSource, queue, schedules, logger);
        _listener = new NotificationListener(dataSource, Wake, logger);
        _completions = new CompletionBatcher(_store);
        _slots = new SemaphoreSlim(_options.Workers, Math.Max(1, _options.Workers));
        // Two fetchers per batch worth of workers (from one to four) keep a fetch in flight while the jobs of the
        // previous one run, which matters when jobs are short; each takes only the slots free at that moment, so
        // together they never take more jobs than there are workers.
        _wake = new Channel<bool>[Math.Clamp(2 * _options.Workers / _options.FetchBatchSize, 1, 4)];
        for (var i = 0; i < _wake.Length; i++)
        {
            _wake[i] = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        }
        Name = _options.ServerName ?? $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
    }

    /// <summary>Recorded as <c>owner</c> of the jobs this server runs.</summary>
    public string Name { get; }

    /// <summary>Jobs running now in this process.</summary>
    public int RunningCount => _running.Count;

    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _lifecycle, 1, 0) != 0)
        {
            throw new InvalidOperationException("A job server starts once.");
        }
        var stopping = _stopping.Token;
        if (_options.Workers > 0)
        {
            _loops.Add(Task.Run(() => _listener.RunAsync(stopping), CancellationToken.None));
            foreach (var wake in _wake)
            {
                _loops.Add(Task.Run(() => DispatchAsync(wake.Reader, stopping), CancellationToken.None));
            }
            _heartbeat = Task.Run(() => EveryAsync("heartbeat", _options.HeartbeatInterval, HeartbeatOnceAsync,
                _heartbeatStop.Token), CancellationToken.None);
            _completionLoop = Task.Run(_completions.RunAsync, CancellationToken.None);
        }
        _loops.Add(Task.Run(() => EveryAsync("staging", _options.PollInterval, StageOnceAsync, stopping), CancellationToken.None));
        if (_options.RunMaintenance)
        {
            _loops.Add(Task.Run(() => EveryAsync("rescue", _options.RescueInterval, RescueOnceAsync, stopping), CancellationToken.None));
            _loops.Add(Task.Run(() => EveryAsync("retention", _options.RetentionInterval, RetentionOnceAsync, stopping), CancellationToken.None));
        }
        if (_options.RunScheduler)
        {
            _loops.Add(Task.Run(() => SchedulerAsync(stopping), CancellationToken.None));
        }
        JobLog.Started(_logger, Name, _options.Workers, string.Join(",", _queues));
        return Task.CompletedTask;
    }

    /// <summary>Stops fetching, lets running jobs finish for up to <c>Jobs:ShutdownTimeout</c> (or until
    /// <paramref name="cancellationToken"/> fires), then cancels the rest and hands them back to the queue.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _lifecycle, 2, 1) != 1)
        {
            return;
        }
        await _stopping.CancelAsync();
        await Task.WhenAll(_loops);

        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        grace.CancelAfter(_options.ShutdownTimeout);
        await WaitForRunningAsync(grace.Token);
        if (!_running.IsEmpty)
        {
            JobLog.Aborting(_logger, _running.Count);
            await _abort.CancelAsync();
            // Handlers that honour cancellation hand their job back themselves; give them a moment.
            using var afterAbort = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await WaitForRunningAsync(afterAbort.Token);
            foreach (var job in _running.Values)
            {
                await ReleaseAsync(job.Id, job.Attempt);
            }
        }
        await _heartbeatStop.CancelAsync();
        await _heartbeat;
        _completions.Complete();
        await _completionLoop;
        JobLog.Stopped(_logger, Name);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
        _heartbeatStop.Dispose();
        _abort.Dispose();
        _slots.Dispose();
    }

    private void Wake()
    {
        foreach (var wake in _wake)
        {
            wake.Writer.TryWrite(true);
        }
    }

    private async Task WaitForRunningAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(_running.Values.Select(r => r.Completion)).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
