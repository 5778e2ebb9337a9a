namespace LinkMatch.Jobs.Tests;

/// <summary>The dispatcher's short wait for more free worker slots before a fetch (<c>JobServer.GatherSlotsAsync</c>),
/// with the clock it reads given, so that a thread paused at the worst moment can be played exactly.</summary>
public sealed class SlotGatheringTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(10);

    /// <summary>The clock reads as if the thread had been paused past the budget after checking it: under load a
    /// 2-core machine pauses a thread for tens of milliseconds. The wait must end at once, not throw (a timeout below
    /// −1 ms) and not wait forever (−1 ms is "infinite" to <c>SemaphoreSlim</c>).</summary>
    [Theory]
    [InlineData(12.0)] // −2 ms left: SemaphoreSlim throws, and the exception ended the dispatcher
    [InlineData(11.5)] // −1.5 ms left: truncated to −1 ms, which SemaphoreSlim reads as "wait forever"
    [InlineData(10.0)] // nothing left
    public async Task A_pause_past_the_budget_ends_the_wait_at_once(double pausedMs)
    {
        using var slots = new SemaphoreSlim(0, 4);

        var wait = JobServer.GatherSlotsAsync(slots, wanted: 2, Budget, () => TimeSpan.FromMilliseconds(pausedMs),
            CancellationToken.None);
        var finished = await Task.WhenAny(wait, Task.Delay(TimeSpan.FromSeconds(5)));

        Assert.Same(wait, finished);
        Assert.Equal(0, await wait);
        Assert.Equal(0, slots.CurrentCount);
    }

    [Fact]
    public async Task It_takes_the_slots_that_free_up_within_the_budget_and_no_more()
    {
        using var slots = new SemaphoreSlim(3, 4);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var taken = await JobServer.GatherSlotsAsync(slots, wanted: 2, Budget, () => clock.Elapsed, CancellationToken.None);

        Assert.Equal(2, taken);
        Assert.Equal(1, slots.CurrentCount);
    }

    [Fact]
    public async Task A_slot_freed_during_the_wait_is_taken()
    {
        using var slots = new SemaphoreSlim(0, 4);
        var wait = JobServer.GatherSlotsAsync(slots, wanted: 1, TimeSpan.FromSeconds(30), () => TimeSpan.Zero,
            CancellationToken.None);

        slots.Release();

        Assert.Equal(1, await wait.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(0, slots.CurrentCount);
    }

    /// <summary>Stopping mid-wait is a cancellation, and every slot taken before it goes back: none, or one.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Stopping_hands_back_the_slots_it_took(int freeAtStart)
    {
        using var slots = new SemaphoreSlim(freeAtStart, 4);
        using var stop = new CancellationTokenSource();
        var wait = JobServer.GatherSlotsAsync(slots, wanted: 2, TimeSpan.FromSeconds(30), () => TimeSpan.Zero, stop.Token);

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        Assert.Equal(freeAtStart, slots.CurrentCount);
    }
}
