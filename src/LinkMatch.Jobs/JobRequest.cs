using System.Text.Json;

namespace LinkMatch.Jobs;

/// <summary>A job to enqueue. <see cref="Args"/> is serialised with System.Text.Json (web defaults: camelCase);
/// a <see cref="JsonElement"/> is stored as it is.</summary>
public sealed record JobRequest(string Kind)
{
    public object? Args { get; init; }

    public string Queue { get; init; } = JobQueueOptions.DefaultQueue;

    /// <summary>Higher runs first among jobs that are due.</summary>
    public short Priority { get; init; }

    /// <summary>Run no earlier than this time. Wins over <see cref="Delay"/>.</summary>
    public DateTimeOffset? RunAt { get; init; }

    /// <summary>Run no earlier than this long after the enqueue (measured by the database clock).</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>Attempts before the job is discarded; <c>Jobs:DefaultMaxAttempts</c> when unset.</summary>
    public int? MaxAttempts { get; init; }

    /// <summary>At most one pending (scheduled, available or retryable) job has this key; enqueuing another
    /// returns the pending one. A running job no longer holds its key.</summary>
    public string? UniqueKey { get; init; }
}

/// <summary>The outcome of an enqueue: the new job, or the pending job that already holds the unique key.</summary>
public readonly record struct EnqueueResult(long Id, bool Created);

internal static class JobJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(object? args) => args switch
    {
        null => "{}",
        JsonElement element => element.GetRawText(),
        JsonDocument document => document.RootElement.GetRawText(),
        _ => JsonSerializer.Serialize(args, args.GetType(), Options),
    };

    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
