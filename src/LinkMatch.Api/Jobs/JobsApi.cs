using System.ComponentModel.DataAnnotations;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;
using LinkMatch.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Jobs;

public sealed record JobFilter(
    [property: StringLength(100)] string? Kind = null,
    [property: OneOf("scheduled", "available", "processing", "retryable", "succeeded", "discarded", "cancelled")] string? State = null,
    [property: StringLength(100)] string? Queue = null,
    [property: Id] long? BeforeId = null,
    [property: Range(1, JobListQuery.MaxLimit)] int? Limit = null);

/// <summary>Failed jobs: <c>state</c> discarded or retryable (both when unset), a kind, paged by <c>beforeId</c>.</summary>
public sealed record JobFailureFilter(
    [property: StringLength(100)] string? Kind = null,
    [property: OneOf("discarded", "retryable")] string? State = null,
    [property: Id] long? BeforeId = null,
    [property: Range(1, JobListQuery.MaxLimit)] int? Limit = null);

public sealed record CancelJobRequest([property: StringLength(500), FreeText] string? Reason = null);

/// <summary>Background jobs for staff and admins: what ran, what failed and why, retry, cancel, run a schedule now,
/// and the queue's figures.</summary>
public static class JobsApi
{
    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/jobs").WithTags("Background jobs").RequireAuthorization(Policies.Staff);
        group.MapGet("/", List).WithSummary("Jobs newest first; page on with beforeId = nextBeforeId.");
        group.MapGet("/failures", Failures)
            .WithSummary("Failed jobs (discarded or retryable) newest first, each with every attempt's error, and their count.");
        group.MapGet("/stats", Stats)
            .WithSummary("Depth, age of the oldest ready job and throughput per queue and kind.");
        group.MapGet("/schedules", Schedules).WithSummary("Recurring schedules and their next fire times.");
        group.MapPost("/schedules/{name}/run", RunNow).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Run a recurring job now.");
        group.MapGet("/{id:long}", Get).WithSummary("A job with its arguments and every error.");
        group.MapPost("/{id:long}/retry", Retry).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Run a failed, discarded or cancelled job again.");
        group.MapPost("/{id:long}/cancel", Cancel).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Cancel a job that has not started.");
        return app;
    }

    public static async Task<Ok<JobPage>> List([AsParameters] JobFilter filter, JobAdmin jobs, CancellationToken ct) =>
        TypedResults.Ok(await jobs.ListAsync(new JobListQuery(filter.Kind,
            filter.State is { } s ? Enum.Parse<JobState>(s, ignoreCase: true) : null, filter.Queue, filter.BeforeId, filter.Limit ?? 50), ct));

    public static async Task<Ok<JobFailurePage>> Failures([AsParameters] JobFailureFilter filter, JobAdmin jobs,
        CancellationToken ct) =>
        TypedResults.Ok(await jobs.ListFailuresAsync(new JobFailureQuery(filter.Kind,
            filter.State is { } s ? Enum.Parse<JobState>(s, ignoreCase: true) : null, filter.BeforeId, filter.Limit ?? 20), ct));

    public static async Task<Results<Ok<JobDetail>, NotFound>> Get(long id, JobAdmin jobs, CancellationToken ct) =>
        await jobs.GetAsync(id, ct) is { } job ? TypedResults.Ok(job) : TypedResults.NotFound();

    public static async Task<Ok<JobStats>> Stats(JobAdmin jobs, CancellationToken ct) =>
        TypedResults.Ok(await jobs.GetStatsAsync(ct));

    public static async Task<Ok<IReadOnlyList<ScheduleInfo>>> Schedules(JobAdmin jobs, CancellationToken ct) =>
        TypedResults.Ok(await jobs.ListSchedulesAsync(ct));

    public static async Task<Results<Ok<JobSummary>, NotFound, ProblemHttpResult>> Retry(long id, Caller caller,
        JobAdmin jobs, NpgsqlDataSource db, CancellationToken ct) =>
        await Outcome(await jobs.RetryAsync(id, ct), caller, "job.retry", db, ct);

    public static async Task<Results<Ok<JobSummary>, NotFound, ProblemHttpResult>> Cancel(long id,
        CancelJobRequest? request, Caller caller, JobAdmin jobs, NpgsqlDataSource db, CancellationToken ct) =>
        await Outcome(await jobs.CancelAsync(id, request?.Reason ?? $"cancelled by {caller.Name}", ct), caller,
            "job.cancel", db, ct);

    public static async Task<Results<Ok<JobSummary>, NotFound, ProblemHttpResult>> RunNow([StringLength(100)] string name, Caller caller,
        JobAdmin jobs, NpgsqlDataSource db, CancellationToken ct) =>
        await Outcome(await jobs.TriggerScheduleAsync(name, ct), caller, "job.run_schedule", db, ct);

    private static async Task<Results<Ok<JobSummary>, NotFound, ProblemHttpResult>> Outcome(JobCommandResult result,
        Caller caller, string action, NpgsqlDataSource db, CancellationToken ct)
    {
        switch (result)
        {
            case JobCommandResult.Ok ok:
                await using (var conn = await db.OpenConnectionAsync(ct))
                {
                    await AuditLog.WriteAsync(conn, null, caller, new AuditEntry(action, "job", ok.Job.Id,
                        Details: new { ok.Job.Kind }), ct);
                }

                return TypedResults.Ok(ok.Job);
            case JobCommandResult.Conflict conflict:
                return Problems.Conflict(conflict.Reason);
            default:
                return TypedResults.NotFound();
        }
    }
}
