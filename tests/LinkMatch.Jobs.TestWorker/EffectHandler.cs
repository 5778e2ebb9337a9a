using Dapper;
using Npgsql;

namespace LinkMatch.Jobs.TestWorker;

/// <summary>Writes <c>job_effects(job_id, attempt, worker)</c> and completes the job in one transaction. When the
/// job's <c>sleepOnAttempt</c> equals the attempt, it sleeps <c>sleepMs</c> between the write and the commit.</summary>
internal sealed class EffectHandler(NpgsqlDataSource dataSource) : IJobHandler
{
    public const string Kind = "test.effect";

    public async Task ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var args = context.GetArgs<EffectArgs>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into job_effects (job_id, attempt, worker) values (@id, @attempt, @worker)",
            new { id = context.Id, attempt = context.Attempt, worker = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            transaction, cancellationToken: cancellationToken));
        if (args.SleepOnAttempt == context.Attempt)
        {
            Console.Out.WriteLine($"mid-job {context.Id} attempt {context.Attempt}");
            Console.Out.Flush();
            await Task.Delay(args.SleepMs, cancellationToken);
        }
        await context.CompleteWithinAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private sealed record EffectArgs(int SleepMs, int SleepOnAttempt);
}
