using Dapper;

namespace LinkMatch.Jobs;

public sealed partial class JobAdmin
{
    /// <summary>Jobs that failed and want attention, newest first, each with the error of every failed attempt:
    /// discarded (no attempts left) and retryable (waiting for the next attempt). Two round trips whatever the page
    /// size, so a console can show a page of failures with their errors.</summary>
    public async Task<JobFailurePage> ListFailuresAsync(JobFailureQuery query,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        const string sql = $"""
            select count(*) from jobs
            where state in ('discarded', 'retryable')
              and (@kind::text is null or kind = @kind)
              and (@state::text is null or state = @state);
            select {SummaryColumns}
            from jobs
            where state in ('discarded', 'retryable')
              and (@kind::text is null or kind = @kind)
              and (@state::text is null or state = @state)
              and (@beforeId::bigint is null or id < @beforeId)
            order by id desc
            limit @limit
            """;
        const string errorsSql = """
            select job_id, attempt, occurred_at, message, exception_type, details
            from job_errors where job_id = any(@ids)
            order by job_id, attempt, id
            """;
        if (query.State is { } s && s is not (JobState.Discarded or JobState.Retryable))
        {
            throw new ArgumentOutOfRangeException(nameof(query), "Failures are discarded or retryable jobs.");
        }

        var limit = Math.Clamp(query.Limit, 1, JobListQuery.MaxLimit);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        List<JobRow> rows;
        long total;
        await using (var multi = await connection.QueryMultipleAsync(new CommandDefinition(sql, new
        {
            kind = query.Kind,
            state = query.State?.ToDb(),
            beforeId = query.BeforeId,
            limit = limit + 1,
        }, cancellationToken: cancellationToken)))
        {
            total = await multi.ReadSingleAsync<long>();
            rows = (await multi.ReadAsync<JobRow>()).AsList();
        }

        var jobs = rows.Take(limit).Select(r => r.ToSummary()).ToList();
        var errors = jobs.Count == 0
            ? []
            : (await connection.QueryAsync<JobErrorRow>(new CommandDefinition(errorsSql,
                new { ids = jobs.Select(j => j.Id).ToArray() }, cancellationToken: cancellationToken))).AsList();
        var byJob = errors.ToLookup(e => e.JobId);
        var items = jobs.Select(j => new JobFailure(j, byJob[j.Id]
            .Select(e => new JobError(e.Attempt, Db.Utc(e.OccurredAt), e.Message, e.ExceptionType, e.Details))
            .ToList())).ToList();
        return new JobFailurePage(items, total, rows.Count > limit ? jobs[^1].Id : null);
    }

    private sealed record JobErrorRow(long JobId, int Attempt, DateTime OccurredAt, string Message,
        string ExceptionType, string? Details);
}
